"""XSS corpus through every text input.

Every payload of xss_payloads.txt (each carrying a unique marker) is written into every text a
user or staff member can enter — proposal title/summary/body, comments, display names,
organisation name/description/capabilities/website, pilot feedback, offering edit proposals,
reviews, challenge title/summary and StreamField heading/paragraph (rich text, through the
editor's own converter)/quote — then the public pages and the admin pages showing them are
rendered and parsed. No payload may come out executable: no injected <script>, no on* handler,
no javascript:/vbscript:/data:text/html URL carrying a marker.
"""

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.admin.rich_text.converters.contentstate import ContentstateConverter

from cms.models import ChallengePage
from ideas.models import Comment, Proposal, Review
from marketplace.models import Feedback, Offering, OfferingEditProposal, Pilot
from partners.forms import OrganisationForm
from partners.models import Organisation, User

from .matrix_data import build_dataset

pytestmark = pytest.mark.django_db

PAYLOAD_FILE = Path(__file__).with_name("xss_payloads.txt")
URL_ATTRS = {
    "href",
    "src",
    "action",
    "formaction",
    "data",
    "xlink:href",
    "background",
    "poster",
    "content",
    "style",
    "srcdoc",
}
DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "base", "meta", "link", "style", "frame"}
BAD_SCHEME = re.compile(r"^(javascript|vbscript|livescript|data:text/html)", re.IGNORECASE)
BAD_EMBEDDED_URL = re.compile(r"(url\(|url=)['\"]?(javascript|vbscript|data:text/html)", re.I)


def payloads() -> list[tuple[str, str]]:
    """(marker, payload) pairs."""
    lines = [
        line.rstrip("\n")
        for line in PAYLOAD_FILE.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return [(f"xq{n:03d}z", line.replace("{M}", f"xq{n:03d}z")) for n, line in enumerate(lines)]


def test_the_corpus_has_at_least_50_distinct_payloads():
    found = payloads()
    assert len(found) >= 50
    assert len({p for _m, p in found}) == len(found)
    assert all(len(p) <= 100 for _m, p in found)  # fits a display name


# The head's tags whose content is text, never an address a browser or a crawler follows.
HEAD_TEXT = re.compile(
    r"^(description|og:(title|description|site_name|image:alt)|twitter:(card|image:alt))$"
)


def _head_text(tag, attrs, name) -> bool:
    """The site's own description, Open Graph and Twitter text tags carry user text in
    `content`: an escaped attribute value, read as text (an injected meta tag has other
    attributes, such as http-equiv). og:url and og:image stay checked as addresses."""
    attributes = dict(attrs)
    key = attributes.get("name") or attributes.get("property") or ""
    return (
        tag == "meta"
        and name == "content"
        and set(attributes) == {"name" if "name" in attributes else "property", "content"}
        and bool(HEAD_TEXT.match(key))
    )


class ExecutableFinder(HTMLParser):
    """Collects executable constructs that carry a marker."""

    def __init__(self, marker: str):
        super().__init__(convert_charrefs=True)
        self.marker = marker
        self.found: list[str] = []
        self._raw_tag = None
        self._json = False

    def _has(self, text) -> bool:
        return bool(text) and self.marker in text

    def handle_starttag(self, tag, attrs):
        self._check(tag, attrs)

    def handle_startendtag(self, tag, attrs):
        self._check(tag, attrs)

    def _check(self, tag, attrs):
        if tag in ("script", "style"):
            self._raw_tag = tag
            kind = dict(attrs).get("type") or ""
            # JSON data islands (json_script) escape "<" and are never executed.
            self._json = "json" in kind
        for name, value in attrs:
            value = value or ""
            if not (self._has(value) or self._has(name)) or _head_text(tag, attrs, name):
                continue
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}={value!r}>")
            normalised = re.sub(r"[\x00-\x20]", "", html.unescape(value))
            if (name in URL_ATTRS and BAD_SCHEME.search(normalised)) or (
                name in ("style", "content") and BAD_EMBEDDED_URL.search(normalised)
            ):
                self.found.append(f"<{tag} {name}={value!r}>")
            if name == "srcdoc" or tag in DANGEROUS_TAGS:
                self.found.append(f"<{tag} {name}={value!r}>")

    def handle_endtag(self, tag):
        if tag == self._raw_tag:
            self._raw_tag = None

    def handle_data(self, data):
        if self._raw_tag and self._has(data) and (not self._json or "<" in data):
            self.found.append(f"<{self._raw_tag}>…{data[:80]!r}")


def executable(page: str, marker: str, payload: str) -> list[str]:
    finder = ExecutableFinder(marker)
    finder.feed(page)
    finder.close()
    found = list(finder.found)
    if "<" in payload and payload in page:
        found.append(f"raw payload echoed: {payload!r}")
    return found


def _rich_text(payload: str) -> str:
    """What Wagtail stores when an editor types `payload` in a paragraph and links it to
    `payload`: Draftail sends contentstate, the server converts it to the database format."""
    converter = ContentstateConverter(["bold", "italic", "link", "ol", "ul", "document-link"])
    contentstate = {
        "blocks": [
            {
                "key": "a1",
                "type": "unstyled",
                "depth": 0,
                "text": payload,
                "inlineStyleRanges": [{"offset": 0, "length": len(payload), "style": "BOLD"}],
                "entityRanges": [{"offset": 0, "length": len(payload), "key": 0}],
                "data": {},
            }
        ],
        "entityMap": {"0": {"type": "LINK", "mutability": "MUTABLE", "data": {"url": payload}}},
    }
    return converter.to_database_format(json.dumps(contentstate))


def _website(payload: str) -> str:
    field = OrganisationForm.base_fields["website"]
    try:
        return field.clean(payload)
    except Exception:  # noqa: BLE001 - refused by the form: not storable by a user
        return ""


def _write_everywhere(d, payload: str) -> None:
    User.objects.filter(pk__in=[u.pk for u in d.users.values()]).update(display_name=payload)
    Proposal.objects.filter(pk__in=[d.proposal.pk, d.evaluated.pk, d.public.pk]).update(
        title=payload, summary=payload, body=f"{payload}\n\n{payload}"
    )
    Comment.objects.all().update(body=payload)
    Organisation.objects.all().update(
        name=payload, description=payload, capabilities=payload, website=_website(payload)
    )
    Feedback.objects.all().update(comment=payload)
    Review.objects.all().update(comment=payload)
    Pilot.objects.all().update(public_summary=payload)
    Offering.objects.all().update(summary=payload)
    OfferingEditProposal.objects.all().update(
        note=payload, changes={"summary": payload, "description": payload}
    )
    page = ChallengePage.objects.get(pk=d.voting.pk)
    page.title = payload[:255]
    page.summary = payload
    page.body = [
        ("heading", {"text": payload, "level": "h2"}),
        ("paragraph", _rich_text(payload)),
        ("quote", {"text": payload, "attribution": payload}),
    ]
    page.save_revision().publish()


def _pages(d):
    with translation.override("en"):
        public = [
            d.public.get_absolute_url(),
            ChallengePage.objects.get(pk=d.voting.pk).url,
            reverse("partners:organisation-detail", kwargs={"slug": d.organisation.slug}),
            reverse("partners:organisation-list"),
            reverse("marketplace:pilot-detail", kwargs={"pk": d.pilot.pk}),
            reverse("marketplace:offering-detail", kwargs={"slug": d.offering.slug}),
        ]
    admin = [
        reverse("ideas_proposal:inspect", kwargs={"pk": d.evaluated.pk}),
        reverse("ideas_proposal:index"),
        reverse("ideas_moderation:index"),
        reverse("organisations:inspect", kwargs={"pk": d.organisation.pk}),
        reverse("pilot_feedback:index"),
        reverse("offering_edits:inspect", kwargs={"pk": d.edit_proposal.pk}),
        reverse("offering_edits:decide", kwargs={"pk": d.edit_proposal.pk}),
        reverse("reviews:inspect", kwargs={"pk": d.review.pk}),
        reverse("wagtailusers_users:index"),
        reverse("wagtailadmin_pages:edit", kwargs={"page_id": d.voting.pk}),
        reverse("ideas_evaluation_ranking", kwargs={"challenge_id": d.evaluation.pk}),
    ]
    return public, admin


def test_no_payload_is_executable_in_public_or_admin_pages(client):
    d = build_dataset()
    from tests.factories.cms import make_challenge
    from tests.factories.ideas import ProposalFactory

    d.voting = make_challenge(phase="voting", title="Voting")
    d.public = ProposalFactory(challenge=d.voting, lead_organisation=d.organisation)
    Comment.objects.create(proposal=d.public, author=d.users["resident"], body="x")
    superuser = d.users["superuser"]
    failures = []
    for marker, payload in payloads():
        _write_everywhere(d, payload)
        public, admin = _pages(d)
        client.logout()
        catalogue = reverse("search:catalogue") + "?" + f"q={payload}".replace("&", "%26")
        for url in [*public, catalogue]:
            response = client.get(url)
            assert response.status_code == 200, (url, payload)
            page = response.content.decode()
            failures += [f"{url}: {hit}" for hit in executable(page, marker, payload)]
        assert marker in client.get(public[0]).content.decode()  # the text did reach the page
        client.force_login(superuser)
        for url in admin:
            response = client.get(url)
            assert response.status_code == 200, (url, payload)
            page = response.content.decode()
            failures += [f"admin {url}: {hit}" for hit in executable(page, marker, payload)]
    assert not failures, "\n".join(failures[:40])


def test_the_detector_catches_injections():
    marker = "xq999z"
    assert executable(f"<img src=x onerror=alert('{marker}')>", marker, "p")
    assert executable(f"<a href=' java&#x09;script:alert({marker})'>x</a>", marker, "p")
    assert executable(f"<script>alert('{marker}')</script>", marker, "p")
    assert not executable(f"&lt;script&gt;alert('{marker}')&lt;/script&gt;", marker, "<script>")
    assert not executable(f'<input value="&quot; onfocus=&quot;{marker}">', marker, "p")
    assert executable(f"<div style=\"background:url('javascript:{marker}')\">", marker, "p")
    assert not executable(f'<a href="/en/catalogue/?q=javascript:{marker}">', marker, "p")
    assert not executable(
        f'<script type="application/json">{{"n": "\\u003Cb {marker}"}}</script>', marker, "p"
    )
    # The head's description and link-preview tags carry escaped text; an injected meta does not
    # pass for one.
    assert not executable(
        f'<meta property="og:title" content="&lt;script&gt;{marker}">', marker, "<script>"
    )
    assert not executable(
        f'<meta name="description" content="url=javascript:{marker}">', marker, "p"
    )
    assert executable(f'<meta property="og:url" content="javascript:{marker}">', marker, "p")
    assert executable(
        f'<meta http-equiv="refresh" content="0;url=javascript:alert({marker})">', marker, "p"
    )
    assert executable(f'<meta name="description" content="x" {marker}="y">', marker, "p")
    assert not executable(
        f'<script type="application/ld+json">{{"name": "\\u003C/script\\u003E{marker}"}}</script>',
        marker,
        "p",
    )
