"""WCAG 2.1 A/AA (axe-core) on the customer-group, consent, on-site feedback, tester, easy-read,
response-time, partner-search and terms pages of the seeded demo in fi, sv and en, and the
on-site feedback form filled in and sent with the keyboard alone."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from cms.models import ChallengePage
from ideas.models import ChallengeTerms
from marketplace.models import Feedback, Pilot, PilotStage
from marketplace.services import channels as channel_services
from partners.channels import Channel
from partners.models import User
from tests.factories.cms import CustomerGroupFactory, make_challenge
from tests.factories.marketplace import PilotFactory, selected_proposal

from .helpers import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LANGUAGES = ["fi", "sv", "en"]


def _in(language, name, **kwargs):
    with translation.override(language):
        return reverse(name, **kwargs)


def _page_url(slug, language):
    original = ChallengePage.objects.get(slug=slug, locale__language_code="fi")
    page = original.get_translation_or_none(Locale.objects.get(language_code=language))
    return (page or original).get_url()


def _demo_pages(language) -> dict[str, str]:
    """{label: address} of the pages to check, for a visitor and for the signed-in resident."""
    pilot = Pilot.objects.filter(
        stage=PilotStage.RUNNING, published=True, tester_slots__isnull=False
    )
    pilot = pilot.distinct().order_by("pk").first()
    onsite = _in(
        language,
        "marketplace:onsite-feedback",
        kwargs={"pk": pilot.pk, "token": channel_services.onsite_token(pilot)},
    )
    terms = ChallengeTerms.objects.order_by("pk").first()
    return {
        "customer groups": _in(language, "marketplace:customer-group-list"),
        "customer group profile": _in(
            language, "marketplace:customer-group-detail", args=["seniors"]
        ),
        "on-site feedback": onsite,
        "on-site feedback, kiosk": onsite + "?kiosk=1",
        "pilot with tester slots": _in(language, "marketplace:pilot-detail", args=[pilot.pk]),
        "challenge in easy read": _page_url("museokaynti-kotisohvalta", language) + "?easy-read=1",
        "closed challenge with who voted": _page_url("valokuva-arkisto-tutkijoille", language),
        "response times": _in(language, "ideas:response-times"),
        "partner search": _in(language, "ideas:partner-search"),
        "challenge terms": _in(
            language, "ideas:challenge-terms", kwargs={"challenge_pk": terms.challenge_id}
        ),
    }


def _check(tab, axe_violations, url, language, failures):
    response = tab.goto(url)
    assert response is not None and response.status == 200, url
    assert tab.locator("html").get_attribute("lang") == language, url
    assert tab.locator("img:not([alt])").count() == 0, url
    found = axe_violations(tab)
    if found:
        failures[url] = found


def test_demo_participation_pages_have_no_wcag_violations(tab, axe_violations, live_server):
    call_command("seed_demo", stdout=io.StringIO())
    resident = User.objects.get(email="resident@tori.example")
    failures: dict[str, list[str]] = {}
    for language in LANGUAGES:
        pages = _demo_pages(language)
        tab.context.clear_cookies()
        for url in pages.values():
            _check(tab, axe_violations, url, language, failures)
        log_in(tab, resident, live_server)
        signed_in = [
            _in(language, "cms:customer-groups"),
            pages["pilot with tester slots"],
            pages["challenge in easy read"],
        ]
        for url in signed_in:
            _check(tab, axe_violations, url, language, failures)
    # The consent page with the error next to a sensitive group's consent box.
    tab.goto(_in("en", "cms:customer-groups"))
    tab.locator("main input[type=checkbox][name^=sensitive_]").first.check()
    tab.locator("main input[type=checkbox][name^=consent_]").first.uncheck()
    with tab.expect_navigation():
        tab.get_by_role("button", name="Save my customer groups").click()
    assert tab.locator("main .sensitive-group [role=alert]").count() == 1
    found = axe_violations(tab)
    if found:
        failures["consent page with an error"] = found
    assert failures == {}


@pytest.fixture
def onsite_pilot():
    group = CustomerGroupFactory(name="Seniors", slug="seniors")
    challenge = make_challenge(phase="piloting", title="Touch", customer_groups=[group])
    return PilotFactory(proposal=selected_proposal(challenge=challenge), title="Touch copies")


def _focused(tab) -> str:
    return tab.evaluate(
        "() => { const e = document.activeElement;"
        " return e ? `${e.tagName.toLowerCase()}:${e.name || e.textContent.trim()}` : ''; }"
    )


def _tab_to(tab, prefix: str, limit: int = 40) -> None:
    """Press Tab until the focused element starts with `prefix` (tag:name)."""
    for _ in range(limit):
        tab.keyboard.press("Tab")
        if _focused(tab).startswith(prefix):
            return
    raise AssertionError(f"{prefix} never got the focus; last was {_focused(tab)}")


@pytest.mark.parametrize("kiosk", [False, True])
def test_the_onsite_feedback_form_is_filled_and_sent_with_the_keyboard(tab, onsite_pilot, kiosk):
    url = _in(
        "en",
        "marketplace:onsite-feedback",
        kwargs={"pk": onsite_pilot.pk, "token": channel_services.onsite_token(onsite_pilot)},
    )
    tab.goto(url + ("?kiosk=1" if kiosk else ""))
    _tab_to(tab, "input:rating")
    # Arrow keys move between the radio buttons of one group and select as they go.
    for _ in range(3):
        tab.keyboard.press("ArrowRight")
    assert tab.locator("input[name=rating]:checked").get_attribute("value") == "4"
    _tab_to(tab, "textarea:comment")
    tab.keyboard.type("The copies are easy to hold.")
    _tab_to(tab, "select:customer_group")
    tab.keyboard.press("ArrowDown")
    _tab_to(tab, "input:reply_email")
    tab.keyboard.type("visitor@example.org")
    _tab_to(tab, "button:")
    assert "Send feedback" in _focused(tab)
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert "Thank you! Your feedback was sent." in tab.locator("main").inner_text()
    feedback = Feedback.objects.get(pilot=onsite_pilot)
    assert feedback.rating == 4
    assert feedback.comment == "The copies are easy to hold."
    assert feedback.customer_group is not None
    assert feedback.channel == (Channel.KIOSK if kiosk else Channel.QR)
