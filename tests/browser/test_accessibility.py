"""WCAG 2.1 A/AA (axe-core) on every public page type in fi, sv and en, and keyboard use."""

import pytest
from wagtail.models import Locale, Page

from cms.models import HomePage, StandardPage
from partners.notifications import notify
from tests.factories.cms import make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.marketplace import OfferingFactory, PilotFactory
from tests.factories.partners import MembershipFactory, OrganisationFactory, UserFactory

from .helpers import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LANGUAGES = ["fi", "sv", "en"]


def build_site():
    """One of everything a visitor can see, in the default language (other languages fall back)."""
    home = HomePage.objects.filter(locale=Locale.get_default()).first() or Page.objects.get(depth=2)
    statement = StandardPage(
        title="Accessibility statement",
        slug="accessibility-statement",
        summary="How accessible Tori is.",
        show_in_footer=True,
        accessibility_feedback=True,
    )
    home.add_child(instance=statement)
    statement.save_revision().publish()
    organisation = OrganisationFactory(name="Museum Makers Oy", slug="museum-makers")
    partner = UserFactory(display_name="Paula Partner")
    MembershipFactory(user=partner, organisation=organisation, role="owner")
    voting = make_challenge(phase="voting", title="Quiet museum mornings")
    open_challenge = make_challenge(phase="proposals", title="Museum at home")
    proposal = ProposalFactory(
        challenge=voting, title="Sensory-friendly hours", lead_organisation=organisation
    )
    pilot = PilotFactory(title="Calm mornings pilot")
    offering = OfferingFactory(title="Calm mornings package", slug="calm-mornings", pilot=pilot)
    offering.providers.set([organisation])
    resident = UserFactory(display_name="Riikka Resident")
    notify(
        recipient=resident,
        kind="status",
        subject="Your proposal moved on",
        body="Something happened.",
        url="/en/",
    )
    return {
        "statement": statement,
        "organisation": organisation,
        "partner": partner,
        "voting": voting,
        "open": open_challenge,
        "proposal": proposal,
        "pilot": pilot,
        "offering": offering,
        "resident": resident,
    }


def _check(tab, axe_violations, url, failures, lang):
    response = tab.goto(url)
    expected = 404 if "no-such-page" in url else 200
    assert response is not None and response.status == expected, url
    assert tab.locator("html").get_attribute("lang") == lang, url
    found = axe_violations(tab)
    if found:
        failures[url] = found
    return response


def test_every_public_page_type_has_no_wcag_violations(tab, axe_violations, live_server):
    site = build_site()
    failures: dict[str, list[str]] = {}
    for lang in LANGUAGES:
        visitor_pages = [
            f"/{lang}/",
            site["statement"].get_url().replace("/fi/", f"/{lang}/", 1),
            site["voting"].get_parent().get_url().replace("/fi/", f"/{lang}/", 1),
            site["voting"].get_url().replace("/fi/", f"/{lang}/", 1),
            f"/{lang}/proposals/{site['proposal'].pk}/",
            f"/{lang}/organisations/",
            f"/{lang}/organisations/{site['organisation'].slug}/",
            f"/{lang}/account/register/",
            f"/{lang}/account/login/",
            f"/{lang}/pilots/",
            f"/{lang}/pilots/{site['pilot'].pk}/",
            f"/{lang}/offerings/",
            f"/{lang}/offerings/{site['offering'].slug}/",
            f"/{lang}/catalogue/",
            f"/{lang}/catalogue/?q=calm",
            f"/{lang}/no-such-page/",
        ]
        tab.context.clear_cookies()
        for url in visitor_pages:
            _check(tab, axe_violations, url, failures, lang)
        # Filtering the challenge listing.
        listing = visitor_pages[2]
        tab.goto(listing)
        form = tab.locator("main form").first
        if form.count():
            with tab.expect_navigation():
                form.locator("[type=submit]").first.click()
            found = axe_violations(tab)
            if found:
                failures[f"{listing} (filtered)"] = found
        log_in(tab, site["resident"], live_server)
        for url in [f"/{lang}/votes/", f"/{lang}/notifications/"]:
            _check(tab, axe_violations, url, failures, lang)
        log_in(tab, site["partner"], live_server)
        _check(
            tab, axe_violations, f"/{lang}/challenges/{site['open'].pk}/propose/", failures, lang
        )
    # The accessibility feedback form with errors next to the fields.
    tab.context.clear_cookies()
    tab.goto(site["statement"].get_url().replace("/fi/", "/en/", 1))
    assert tab.locator("footer a", has_text="Accessibility statement").count() == 1
    with tab.expect_navigation():
        tab.get_by_role("button", name="Send feedback").click()
    assert tab.locator("#id_message[aria-invalid=true]").count() == 1
    found = axe_violations(tab)
    if found:
        failures["accessibility feedback with errors"] = found
    tab.goto("/api/v1/docs/")
    found = axe_violations(tab)
    if found:
        failures["/api/v1/docs/"] = found
    assert failures == {}


def test_skip_link_moves_focus_to_main_content(tab):
    tab.goto("/en/")
    tab.keyboard.press("Tab")
    skip = tab.locator("a.skip-link")
    assert skip.evaluate("el => el === document.activeElement")
    tab.keyboard.press("Enter")
    assert tab.url.endswith("#main")


def test_accessibility_feedback_works_without_javascript(chromium, live_server):
    from django.core import mail

    home = HomePage.objects.filter(locale=Locale.get_default()).first()
    statement = StandardPage(
        title="Saavutettavuusseloste", slug="saavutettavuus", accessibility_feedback=True
    )
    home.add_child(instance=statement)
    statement.save_revision().publish()
    mail.outbox.clear()
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/en/saavutettavuus/")  # the Finnish original, served under /en/
        page.get_by_label("Your e-mail address (optional)").fill("a@example.org")
        page.get_by_label("What did you notice?").fill("Fokus syns inte.")
        with page.expect_navigation():
            page.get_by_role("button", name="Send feedback").click()
        assert page.url.endswith("/saavutettavuus/")
        assert "Your feedback was sent" in page.locator("main").inner_text()
    finally:
        context.close()
    assert [m.body.count("Fokus syns inte.") for m in mail.outbox] == [1]
