"""A form tells its limits before it is sent and, once refused, leads to each error: the live
count while typing, the focused error summary whose links move to their field, the limit in
the help text without JavaScript, and no WCAG violations on the refused form."""

import pytest
from playwright.sync_api import expect

from tests.factories.cms import make_challenge
from tests.factories.partners import MembershipFactory, OrganisationFactory, UserFactory

from .helpers import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def propose_url():
    challenge = make_challenge(phase="proposals", title="Museum at home")
    partner = UserFactory(display_name="Paula Partner")
    MembershipFactory(user=partner, organisation=OrganisationFactory(), role="owner")
    return partner, f"/en/challenges/{challenge.pk}/propose/"


def test_the_summary_counts_politely_and_a_refused_form_leads_to_its_fields(
    tab, live_server, propose_url, axe_violations
):
    partner, url = propose_url
    log_in(tab, partner, live_server)
    tab.goto(url)
    summary = tab.locator("#id_summary")
    assert summary.get_attribute("maxlength") == "1000"
    count = tab.locator("#id_summary_count")
    assert count.get_attribute("aria-live") == "polite"
    assert count.inner_text() == "0 / 1000"
    summary.press_sequentially("Calm hours")
    # The count follows the typing once the writer pauses, not at every key.
    expect(count).to_have_text("10 / 1000")

    tab.locator("#id_title").fill("")
    with tab.expect_navigation():
        tab.locator("main form [type=submit]").first.click()
    error_summary = tab.locator(".error-summary")
    assert error_summary.count() == 1
    assert error_summary.evaluate("el => el === document.activeElement")
    assert "There is a problem" in error_summary.inner_text()
    link = error_summary.locator("a", has_text="Title")
    anchor = link.get_attribute("href").lstrip("#")
    link.click()
    assert tab.evaluate("document.activeElement.id") == anchor
    title = tab.locator(f"#{anchor}")
    assert title.get_attribute("aria-invalid") == "true"
    assert f"{anchor}_error" in (title.get_attribute("aria-describedby") or "").split()
    # What was typed is kept, and the count says so again.
    assert tab.locator("#id_summary_count").inner_text() == "10 / 1000"
    assert axe_violations(tab) == []


def test_without_javascript_the_limit_is_in_the_help_text(chromium, live_server, propose_url):
    partner, url = propose_url
    context = chromium.new_context(base_url=live_server.url, java_script_enabled=False)
    try:
        page = context.new_page()
        log_in(page, partner, live_server)
        page.goto(url)
        help_text = page.locator("#id_summary_helptext").inner_text()
        assert "At most 1,000 characters." in help_text
        assert page.locator(".char-count").count() == 0
        described = page.locator("#id_summary").get_attribute("aria-describedby")
        assert "id_summary_helptext" in described.split()
    finally:
        context.close()
