"""A resident follows a proposal with the keyboard, hears of the decision in the notification
centre, chooses a weekly digest, and unfollows from *What I follow*; axe-core finds nothing on
the pages on the way."""

import pytest

from ideas.services.reviews import decide
from partners.models import NoticeDelivery
from tests.factories.cms import make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.partners import UserFactory
from tests.factories.reviews import make_staff

from .helpers import log_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


def test_resident_follows_hears_chooses_a_digest_and_unfollows(tab, live_server, axe_violations):
    challenge = make_challenge(phase="evaluation", title="Museum at home")
    proposal = ProposalFactory(challenge=challenge, title="Tablet tours")
    resident = UserFactory(display_name="Riikka Resident")
    log_in(tab, resident, live_server)

    tab.goto(proposal.get_absolute_url())
    follow = tab.get_by_role("button", name="Follow", exact=True)
    follow.focus()
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    assert "You follow “Tablet tours”" in tab.locator("main").inner_text()
    assert tab.get_by_role("button", name="Unfollow").is_visible()
    assert axe_violations(tab) == []

    decide(
        proposals=[proposal],
        to_status="selected",
        by=make_staff(),
        reason="Team note",
        public_reason="A good fit for families",
    )
    tab.goto("/en/")
    assert "1 unread" in tab.locator("header").inner_text()
    tab.goto("/en/notifications/")
    text = tab.locator("main").inner_text()
    assert "“Tablet tours” is selected" in text and "A good fit for families" in text
    assert axe_violations(tab) == []

    tab.goto("/en/notifications/email/")
    tab.get_by_label("A weekly digest by e-mail").check()
    with tab.expect_navigation():
        tab.locator("main form [type=submit]").first.click()
    resident.refresh_from_db()
    assert resident.notice_delivery == NoticeDelivery.WEEKLY
    assert axe_violations(tab) == []

    tab.goto("/en/following/")
    assert "Tablet tours" in tab.locator("main").inner_text()
    assert axe_violations(tab) == []
    with tab.expect_navigation():
        tab.get_by_role("button", name="Unfollow Tablet tours").click()
    assert "You no longer follow “Tablet tours”" in tab.locator("main").inner_text()
    assert "You follow nothing yet" in tab.locator("main").inner_text()
