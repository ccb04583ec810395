"""What every e-mail Tori sends looks like to the person who reads it, in each language.

Each e-mail is driven through its real flow (a form posted, a link asked for). A name that holds
markup, an ampersand, a quote and an emoji must read exactly as written in the plain-text part
and be escaped in the HTML part; every link in either part starts with SITE_URL, whatever host
the request came to; the subject is one line in the recipient's language and the message says
which language it is written in. One more e-mail is one more entry in SENDERS.
"""

import re
from dataclasses import dataclass
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext

from tests.factories.partners import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

SITE = "https://tori.example.fi"
NAME = "<b>Maija</b> & 'Co' 🎉"
PASSWORD = "a-long-and-rare-pass-77"
LANGUAGES = ["fi", "sv", "en"]
VOID = {"meta", "br", "hr", "img", "link", "input", "col", "area", "base", "wbr", "source"}


@dataclass
class Expected:
    """What the last e-mail sent should be: its language and its subject's message id."""

    language: str
    subject: str
    subject_args: dict | None = None

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


SENDERS = [
    verify_email,
    account_exists,
    password_reset,
    email_change,
    organisation_invitation,
    accessibility_feedback,
]


class _Links(HTMLParser):
    """The hrefs of an HTML document, its <html lang> and whether its tags close in order."""

    def __init__(self):
        super().__init__()
        self.hrefs, self.link_texts, self.open, self.errors = [], [], [], []
        self.lang = None
        self._in_link = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        if tag == "a":
            self.hrefs.append(attrs.get("href") or "")
            self._in_link = ""
        if tag not in VOID:
            self.open.append(tag)

    def handle_endtag(self, tag):
        if tag == "a" and self._in_link is not None:
            self.link_texts.append(self._in_link.strip())
            self._in_link = None
        if not self.open or self.open.pop() != tag:
            self.errors.append(f"</{tag}> out of order")

    def handle_data(self, data):
        if self._in_link is not None:
            self._in_link += data


def _urls(text: str) -> list[str]:
    return re.findall(r"https?://[^\s<>\"']+", text)


@pytest.fixture
def site_url(settings):
    settings.SITE_URL = SITE
    return SITE


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("sender", SENDERS, ids=lambda sender: sender.__name__)
def test_email_reads_as_written_with_links_to_the_site(
    sender, language, client, mailoutbox, django_capture_on_commit_callbacks, site_url
):
    with django_capture_on_commit_callbacks(execute=True):
        expected = sender(client, language, mailoutbox)
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
    assert re.search(r"<h1[^>]*>\s*\S", html), "the HTML part has no heading"
    assert "<title>" in html and "Tori" in html

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
