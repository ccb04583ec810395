"""The header as people see it: one row on a desktop in the longest languages, a menu button on
a phone that opens the navigation without JavaScript, favicons that load, and the catalogue's
first result within a phone's first screen."""

import pytest

from tests.factories.cms import make_challenge
from tests.factories.marketplace import OfferingFactory
from tests.factories.partners import MembershipFactory, OrganisationFactory, UserFactory

from .helpers import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

HEADER_ITEMS = (
    ".main-nav li > a, .account-nav > ul > li > a, .account-menu > summary,"
    " .language-switcher li > a"
)


def header_rows(tab) -> set[float]:
    """The distinct vertical centres of the header's visible navigation items."""
    boxes = [item.bounding_box() for item in tab.locator(HEADER_ITEMS).all() if item.is_visible()]
    assert len(boxes) >= 9, boxes
    return {round(box["y"] + box["height"] / 2) for box in boxes}


def desktop(chromium, live_server):
    return chromium.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 800}, locale="fi-FI"
    )


@pytest.mark.parametrize("lang", ["fi", "sv"])
def test_header_is_one_row_at_1280_signed_out_and_signed_in(chromium, live_server, lang):
    make_challenge(title="Quiet museum mornings")
    organisation = OrganisationFactory(name="Museum Makers Oy")
    partner = UserFactory(display_name="Paula Partner-Virtanen")
    MembershipFactory(user=partner, organisation=organisation, role="owner")
    context = desktop(chromium, live_server)
    try:
        tab = context.new_page()
        tab.goto(f"/{lang}/")
        assert len(header_rows(tab)) == 1, "signed out: the header wraps"
        log_in(tab, partner, live_server)
        tab.goto(f"/{lang}/")
        assert tab.locator(".account-menu > summary").is_visible()
        assert len(header_rows(tab)) == 1, "signed in: the header wraps"
        header = tab.locator(".site-header").bounding_box()
        assert header["height"] <= 100
        # The account menu opens under the name and closes again.
        tab.locator(".account-menu > summary").click()
        assert tab.locator(".account-menu-items a").first.is_visible()
        tab.keyboard.press("Escape")
        assert not tab.locator(".account-menu-items a").first.is_visible()
    finally:
        context.close()


def _overlapping(boxes) -> list:
    return [
        (a, b)
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if a["x"] < b["x"] + b["width"] - 1
        and b["x"] < a["x"] + a["width"] - 1
        and a["y"] < b["y"] + b["height"] - 1
        and b["y"] < a["y"] + a["height"] - 1
    ]


@pytest.mark.parametrize("width", [800, 1024, 1280])
def test_signed_in_header_items_never_overlap_nor_widen_the_page(chromium, live_server, width):
    """Swedish has the longest links; a name and an unread count take room beside them."""
    from partners.notifications import notify

    person = UserFactory(display_name="Ingrid Holmström-Lindqvist")
    for n in range(12):
        notify(recipient=person, kind="status", subject=f"Notice {n}", body="Text.", url="/sv/")
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": width, "height": 800}, locale="sv-FI"
    )
    try:
        tab = context.new_page()
        log_in(tab, person, live_server)
        tab.goto("/sv/")
        boxes = [
            item.bounding_box() for item in tab.locator(HEADER_ITEMS).all() if item.is_visible()
        ]
        assert len(boxes) >= 9, boxes
        assert _overlapping(boxes) == []
        assert tab.evaluate("document.documentElement.scrollWidth") <= width
        # The name is read out even where only the icon shows.
        assert "Ingrid Holmström-Lindqvist" in tab.locator(".account-menu > summary").inner_text()
    finally:
        context.close()


@pytest.mark.parametrize("javascript", [False, True])
def test_menu_button_opens_the_navigation_on_a_phone(chromium, live_server, javascript):
    context = chromium.new_context(
        base_url=live_server.url,
        viewport={"width": 390, "height": 844},
        java_script_enabled=javascript,
    )
    try:
        tab = context.new_page()
        tab.goto("/en/")
        header = tab.locator(".site-header").bounding_box()
        assert header["height"] <= 80
        main_nav = tab.locator(".main-nav")
        assert not main_nav.is_visible()
        button = tab.get_by_role("button" if javascript else "link", name="Menu")
        assert button.is_visible()
        button.click()
        assert main_nav.is_visible()
        for name in ("Home", "Pilots", "Catalogue", "Sign in", "Register"):
            assert tab.locator(".site-menu").get_by_role("link", name=name).is_visible(), name
        if javascript:
            assert button.get_attribute("aria-expanded") == "true"
        tab.locator(".menu-close").click()
        assert not main_nav.is_visible()
    finally:
        context.close()


def test_favicons_and_logo_load(tab):
    tab.goto("/en/")
    hrefs = tab.locator("link[rel=icon], link[rel=apple-touch-icon]").evaluate_all(
        "links => links.map(l => l.href)"
    )
    assert len(hrefs) == 4
    for href in [*hrefs, "/favicon.ico"]:
        assert tab.request.get(href).status == 200, href
    logo = tab.locator(".site-header .brand").get_by_role("img", name="Tori")
    assert logo.is_visible()
    assert logo.bounding_box()["width"] >= 80


def test_first_catalogue_result_is_on_a_phones_first_screen(chromium, live_server):
    for n in range(3):
        OfferingFactory(title=f"Calm mornings package {n}", slug=f"calm-{n}")
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": 390, "height": 844}, java_script_enabled=False
    )
    try:
        tab = context.new_page()
        tab.goto("/en/catalogue/")
        first = tab.locator(".catalogue-hits > li").first.bounding_box()
        assert first["y"] < 844
        # The filters are one tap away.
        facet = tab.locator(".catalogue-facets fieldset").first
        assert not facet.is_visible()
        tab.get_by_text("Filters", exact=True).first.click()
        assert facet.is_visible()
    finally:
        context.close()


def test_filters_beside_the_results_on_a_desktop(chromium, live_server):
    OfferingFactory(title="Calm mornings package", slug="calm")
    context = chromium.new_context(
        base_url=live_server.url, viewport={"width": 1280, "height": 800}, java_script_enabled=False
    )
    try:
        tab = context.new_page()
        tab.goto("/en/catalogue/")
        facets = tab.locator(".catalogue-facets")
        assert facets.is_visible()
        assert not tab.locator(".filters-disclosure > summary").is_visible()
        results = tab.locator(".catalogue-results").bounding_box()
        assert facets.bounding_box()["x"] < results["x"]
    finally:
        context.close()
