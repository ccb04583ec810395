"""WCAG 2.1 A/AA (axe-core) on every public page type in fi, sv and en, and keyboard use."""

import pytest
from wagtail.models import Locale, Page

from cms.cities import CITIES
from cms.models import HomePage, StandardPage
from partners.notifications import notify
from tests.factories.cms import UnitFactory, make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.images import make_image
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
    unit = UnitFactory(name="Espoo City Museum", city="espoo", colour="#8a1538")
    unit.logo = make_image("Museum logo", width=96, height=96)
    unit.logo_alt = "Espoo City Museum"
    unit.save(update_fields=["logo", "logo_alt"])
    voting = make_challenge(phase="voting", title="Quiet museum mornings", unit=unit)
    open_challenge = make_challenge(phase="proposals", title="Museum at home", unit=unit)
    proposal = ProposalFactory(
        challenge=voting, title="Sensory-friendly hours", lead_organisation=organisation
    )
    pilot = PilotFactory(title="Calm mornings pilot")
    offering = OfferingFactory(title="Calm mornings package", slug="calm-mornings", pilot=pilot)
    offering.providers.set([organisation])
    # Images: described ones and a decorative one, so every kind of <img> is on the pages.
    voting.hero_image = make_image("Quiet hall", width=640, height=320)
    voting.hero_image_alt = "An empty museum hall in the morning light"
    voting.save_revision().publish()
    proposal.cover_image = make_image("Headphones", width=400, height=225)
    proposal.cover_image_decorative = True
    proposal.save(update_fields=["cover_image", "cover_image_decorative"])
    organisation.logo = make_image("Makers logo", width=96, height=96)
    organisation.logo_alt = "Museum Makers Oy"
    organisation.save(update_fields=["logo", "logo_alt"])
    offering.image = make_image("Morning package", width=640, height=360)
    offering.image_alt = "A visitor with ear defenders in front of a painting"
    offering.save(update_fields=["image", "image_alt"])
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
    # Every image says what it shows, or is marked decorative with an empty alt.
    assert tab.locator("img:not([alt])").count() == 0, url
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
            f"/{lang}/{CITIES['espoo'].slug(lang)}/",
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
    # The images are there, with their text alternatives (decorative: an empty alt).
    tab.context.clear_cookies()
    described = {
        site["voting"].get_url(): "An empty museum hall in the morning light",
        f"/en/organisations/{site['organisation'].slug}/": "Museum Makers Oy",
        f"/en/offerings/{site['offering'].slug}/": (
            "A visitor with ear defenders in front of a painting"
        ),
    }
    for url, alt in described.items():
        tab.goto(url)
        assert tab.locator(f'main img[alt="{alt}"]').count() >= 1, url
    tab.goto(f"/en/proposals/{site['proposal'].pk}/")
    assert tab.locator('main picture img[alt=""]').count() == 1


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
