"""What every e-mail Tori sends looks like to the person who reads it, in each language.

Each e-mail is driven through its real flow (a form posted, a link asked for). A name that holds
markup, an ampersand, a quote and an emoji must read exactly as written in the plain-text part
and be escaped in the HTML part; every link in either part starts with SITE_URL, whatever host
the request came to; the subject is one line in the recipient's language and the message says
which language it is written in. The notice e-mails (one notice at once, a daily or weekly
digest grouped by challenge) also carry the one-click unsubscribe headers; no other e-mail does.
One more e-mail is one more entry in SENDERS.
"""

import datetime as dt
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from ideas.services.reviews import decide
from partners import delivery
from partners import notices as following
from partners.models import NoticeDelivery
from tests.factories.cms import make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.partners import MembershipFactory, UserFactory
from tests.factories.reviews import make_staff

pytestmark = pytest.mark.django_db

SITE = "https://tori.example.fi"
NAME = "<b>Maija</b> & 'Co' 🎉"
PASSWORD = "a-long-and-rare-pass-77"
LANGUAGES = ["fi", "sv", "en"]
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
VOID = {"meta", "br", "hr", "img", "link", "input", "col", "area", "base", "wbr", "source"}


@dataclass
class Expected:
    """What the last e-mail sent should be: its language and its subject's message id."""

    language: str
    subject: str
    subject_args: dict | None = None
    notice: bool = False  # a notice e-mail: unsubscribe link and headers
    sections: list[str] = field(default_factory=list)  # the <h2> headings, in order

    def subject_text(self) -> str:
        with translation.override(self.language):
            text = gettext(self.subject)
        return text % self.subject_args if self.subject_args else text


def _register(client, language, email="maija@example.org"):
    return client.post(
        reverse("partners:register"),
        {
            "email": email,
            "display_name": NAME,
            "preferred_language": language,
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )


def verify_email(client, language, mailoutbox):
    _register(client, language)
    return Expected(language, "Confirm your e-mail address for Tori")


def account_exists(client, language, mailoutbox):
    """Registering a second time with the same address tells the owner, in their language."""
    _register(client, language)
    mailoutbox.clear()
    _register(client, "en" if language != "en" else "fi")
    return Expected(language, "You already have a Tori account")


def password_reset(client, language, mailoutbox):
    UserFactory(email="maija@example.org", display_name=NAME, preferred_language=language)
    # The request comes to another host the site answers to: the link must not follow it.
    client.post(
        reverse("partners:password-reset"), {"email": "maija@example.org"}, HTTP_HOST="localhost"
    )
    return Expected(language, "Reset your Tori password")


def email_change(client, language, mailoutbox):
    client.force_login(
        UserFactory(email="maija@example.org", display_name=NAME, preferred_language=language)
    )
    client.post(reverse("partners:email-change"), {"new_email": "maija.uusi@example.org"})
    return Expected(language, "Confirm your new e-mail address for Tori")


def organisation_invitation(client, language, mailoutbox):
    owner = MembershipFactory(
        role="owner", organisation__name=NAME, user__display_name=NAME, user__email="o@example.org"
    )
    UserFactory(email="maija@example.org", preferred_language=language)
    client.force_login(owner.user)
    client.post(
        reverse("partners:organisation-members", kwargs={"slug": owner.organisation.slug}),
        {"email": "maija@example.org", "role": "member"},
    )
    return Expected(
        language, "You are invited to join %(organisation)s on Tori", {"organisation": NAME}
    )


def accessibility_feedback(client, language, mailoutbox):
    """Sent from a page in any language; the contact reads it in the site's own language."""
    client.post(
        f"/{language}/accessibility-feedback/",
        {"name": NAME, "page_url": f"/{language}/pilots/", "message": f"{NAME} cannot see it."},
    )
    return Expected(settings.LANGUAGE_CODE, "Accessibility feedback")


def _decided(proposals):
    """The city selects `proposals`: the people who follow them or their challenges hear."""
    staff = make_staff()
    decide(proposals=proposals, to_status="selected", by=staff, reason="Fits", public_reason=NAME)


def _follower(language, delivery_choice):
    return UserFactory(
        email="maija@example.org",
        display_name=NAME,
        preferred_language=language,
        notice_delivery=delivery_choice,
    )


def notice_at_once(client, language, mailoutbox):
    """A decision on a followed proposal, e-mailed at once."""
    proposal = ProposalFactory(challenge=make_challenge(phase="evaluation"), title=NAME)
    following.follow(_follower(language, NoticeDelivery.IMMEDIATE), proposal)
    _decided([proposal])
    return Expected(language, "“%(title)s” is selected", {"title": NAME}, notice=True)


MONDAY = dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC)
CHALLENGES = [f"{NAME} streets", f"{NAME} libraries"]


DIGESTS = {
    NoticeDelivery.DAILY: ("Your daily digest from Tori", dt.timedelta(days=1)),
    NoticeDelivery.WEEKLY: ("Your weekly digest from Tori", dt.timedelta(days=7)),
}


def _digest(fixtures, language, choice, challenges):
    """Decisions in followed challenges, in the digest when it is due, under each challenge."""
    time_machine, capture = fixtures
    time_machine.move_to(MONDAY, tick=False)
    follower = _follower(language, choice)
    proposals = []
    for title in challenges:
        challenge = make_challenge(phase="evaluation", title=title)
        following.follow(follower, challenge)
        proposals.append(ProposalFactory(challenge=challenge, title=f"{title}: a proposal"))
    with capture(execute=True):  # the notices are handed to delivery after commit
        _decided(proposals)
    subject, later = DIGESTS[choice]
    delivery.send_due_digests(now=MONDAY + later)
    return Expected(language, subject, notice=True, sections=challenges)


def daily_digest(client, language, mailoutbox, time_machine, django_capture_on_commit_callbacks):
    fixtures = (time_machine, django_capture_on_commit_callbacks)
    return _digest(fixtures, language, NoticeDelivery.DAILY, CHALLENGES)


def weekly_digest(client, language, mailoutbox, time_machine, django_capture_on_commit_callbacks):
    fixtures = (time_machine, django_capture_on_commit_callbacks)
    return _digest(fixtures, language, NoticeDelivery.WEEKLY, CHALLENGES[:1])


def team_invitation_without_account(client, language, mailoutbox):
    """The lead invites an address with no account: a plain message in the site's language."""
    proposal = ProposalFactory(challenge=make_challenge(), status="draft", title=NAME)
    lead = UserFactory(display_name=NAME, preferred_language=language)
    MembershipFactory(organisation=proposal.lead_organisation, user=lead)
    client.force_login(lead)
    client.post(
        reverse("ideas:proposal-team", kwargs={"pk": proposal.pk}),
        {"kind": "person", "email": "maija@example.org"},
    )
    return Expected(
        settings.LANGUAGE_CODE, "You are invited to develop “%(title)s” on Tori", {"title": NAME}
    )


SENDERS = [
    verify_email,
    account_exists,
    password_reset,
    email_change,
    organisation_invitation,
    accessibility_feedback,
    notice_at_once,
    daily_digest,
    weekly_digest,
    team_invitation_without_account,
]


class _Links(HTMLParser):
    """The hrefs of an HTML document, its <html lang> and whether its tags close in order."""

    def __init__(self):
        super().__init__()
        self.hrefs, self.link_texts, self.open, self.errors = [], [], [], []
        self.lang = None
        self.headings = []  # (tag, text) in document order
        self._in_link = self._in_heading = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "a":
            self.hrefs.append(attrs.get("href") or "")
            self._in_link = ""
        if tag in HEADINGS:
            self._in_heading = ""
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag == "a" and self._in_link is not None:
            self.link_texts.append(self._in_link.strip())
            self._in_link = None
        if tag in HEADINGS and self._in_heading is not None:
            self.headings.append((tag, " ".join(self._in_heading.split())))
            self._in_heading = None
        if not self.open or self.open.pop() != tag:
            self.errors.append(f"</{tag}> out of order")

    def handle_data(self, data):
        if self._in_link is not None:
            self._in_link += data
        if self._in_heading is not None:
            self._in_heading += data


def _urls(text: str) -> list[str]:
    return re.findall(r"https?://[^\s<>\"']+", text)


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = SITE
    return SITE


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("sender", SENDERS, ids=lambda sender: sender.__name__)
def test_email_reads_as_written_with_links_to_the_site(
    sender,
    language,
    client,
    mailoutbox,
    django_capture_on_commit_callbacks,
    site_url,
    request,
):
    # A sender may ask for more fixtures after the three every sender takes.
    code = sender.__code__
    extra = {name: request.getfixturevalue(name) for name in code.co_varnames[3 : code.co_argcount]}
    with django_capture_on_commit_callbacks(execute=True):
        expected = sender(client, language, mailoutbox, **extra)
    assert mailoutbox, "no e-mail was sent"
    message = mailoutbox[-1]
    text = message.body
    alternatives = getattr(message, "alternatives", [])
    assert [mimetype for _, mimetype in alternatives] == ["text/html"], "no HTML part"
    html = alternatives[0][0]

    # The plain text shows the name exactly as written; the HTML escapes it.
    assert NAME in text
    for escaped in ("&lt;", "&gt;", "&amp;", "&#x27;", "&#39;", "&quot;"):
        assert escaped not in text
    assert escape(NAME) in html
    assert "<b>Maija</b>" not in html

    # The HTML is a whole document in the recipient's language, its tags closed in order.
    assert html.lstrip().lower().startswith("<!doctype html>")
    parsed = _Links()
    parsed.feed(html)
    parsed.close()
    assert parsed.lang == expected.language
    assert not parsed.errors and not parsed.open, (parsed.errors, parsed.open)
    assert "<title>" in html and "Tori" in html
    # The subject is the one <h1>, first; the digest's challenges are <h2>s under it.
    levels = [tag for tag, _ in parsed.headings]
    assert parsed.headings[0] == ("h1", message.subject), parsed.headings
    assert levels.count("h1") == 1 and set(levels) <= {"h1", "h2"}, levels
    assert [heading for tag, heading in parsed.headings if tag == "h2"] == expected.sections
    for title in expected.sections:
        assert title in text and escape(title) in html

    # Every link is absolute on SITE_URL, never on the host the request came to.
    text_links = _urls(text)
    assert text_links, "the plain text has no link"
    assert parsed.hrefs and all(parsed.link_texts), parsed.link_texts
    for link in [*text_links, *parsed.hrefs, *_urls(html)]:
        assert link.startswith(f"{SITE}/"), link
    for link in text_links:
        assert link in parsed.hrefs, f"{link} is not a link in the HTML part"
    assert any(href.startswith(f"{SITE}/{expected.language}/") for href in parsed.hrefs)
    for part in (text, html):
        assert "127.0.0.1" not in part and "localhost" not in part

    # One line of subject in the recipient's language, and the language named in a header.
    assert "\n" not in message.subject and "\r" not in message.subject
    assert message.subject == expected.subject_text()
    if expected.language != "en":  # translated, not left in English
        assert (
            message.subject
            != Expected("en", expected.subject, expected.subject_args).subject_text()
        )
    assert message.extra_headers["Content-Language"] == expected.language
    assert message.message()["Content-Language"] == expected.language

    # A notice e-mail offers a one-click unsubscribe (RFC 8058) by a link from SITE_URL, also
    # written in the message itself; no other e-mail does.
    headers = message.extra_headers
    if not expected.notice:
        assert "List-Unsubscribe" not in headers and "List-Unsubscribe-Post" not in headers
        return
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    unsubscribe = headers["List-Unsubscribe"]
    assert re.fullmatch(r"<https?://[^\s<>]+>", unsubscribe), unsubscribe
    unsubscribe = unsubscribe[1:-1]
    assert unsubscribe.startswith(f"{SITE}/{expected.language}/notifications/unsubscribe/")
    assert unsubscribe in text_links and unsubscribe in parsed.hrefs
    preferences = f"{SITE}/{expected.language}/notifications/email/"
    assert preferences in text_links and preferences in parsed.hrefs
    with translation.override(expected.language):
        choices = gettext("Choose how notices reach you")
    assert choices in text and escape(choices) in html
    if expected.language != "en":
        assert choices != "Choose how notices reach you"
    assert message.message()["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
