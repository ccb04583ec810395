"""The whole story of Tori in a browser, one test per phase of a challenge.

A challenge's phase depends on its dates, so each test starts from the phase it needs (built with
the factories) and does every step a person would do through the UI.
"""

import re

import pytest
from django.core import mail

from ideas.models import Proposal, ProposalStatus, TeamMember, Vote
from partners.models import Organisation, User
from tests.factories.cms import make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.partners import MembershipFactory, UserFactory

from .helpers import log_in, log_in_with_form

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

LINK = re.compile(r"https?://\S+")


def link_in_last_mail(to: str, contains: str) -> str:
    """The path of the first link containing `contains` in the newest mail sent to `to`."""
    for message in reversed(mail.outbox):
        if to in message.to:
            for url in LINK.findall(message.body):
                if contains in url:
                    return re.sub(r"^https?://[^/]+", "", url.rstrip(".,)>"))
    raise AssertionError(f"no mail to {to} with a link containing {contains!r}")


def test_partner_registers_organises_proposes_and_a_co_developer_joins(tab, live_server):
    challenge = make_challenge(phase="proposals", title="Museum at home")
    co_developer = UserFactory(email="cody@example.org", display_name="Cody Developer")
    mail.outbox.clear()

    # Register.
    tab.goto("/en/account/register/")
    tab.locator("[name=email]").fill("paula@example.org")
    tab.locator("[name=display_name]").fill("Paula Partner")
    tab.locator("[name=password1]").fill("a-long-pass-phrase-42")
    tab.locator("[name=password2]").fill("a-long-pass-phrase-42")
    tab.get_by_role("button", name="Create account").click()
    tab.wait_for_load_state()
    assert "/account/verification-sent/" in tab.url

    # Verify with the link from the e-mail.
    tab.goto(link_in_last_mail("paula@example.org", "/verify/"))
    tab.get_by_role("button", name="Confirm").click()
    tab.wait_for_load_state()
    assert User.objects.get(email="paula@example.org").email_verified_at is not None

    # Create an organisation.
    tab.goto("/en/organisations/new/")
    tab.locator("main [name=name]").fill("Museum Makers Oy")
    tab.locator("input[name=kind][value=company]").check()
    tab.locator("[name=business_id]").fill("1572860-0")
    tab.locator("select[name=city]").select_option("espoo")
    tab.get_by_role("button", name=re.compile("Create|Save|Register", re.I)).click()
    tab.wait_for_load_state()
    organisation = Organisation.objects.get(name="Museum Makers Oy")
    assert organisation.memberships.filter(user__email="paula@example.org").exists()

    # Start a proposal from the challenge page.
    tab.goto(challenge.get_url().replace("/fi/", "/en/", 1))
    tab.get_by_role("link", name="Make a proposal").click()
    tab.wait_for_load_state()
    assert f"/challenges/{challenge.pk}/propose/" in tab.url
    tab.locator("main [name=title]").fill("Sensory-friendly hours")
    tab.locator("main [name=summary]").fill("Quiet mornings with dimmed lights.")
    tab.locator("main [name=body]").fill("Once a week the museum opens an hour early.")
    tab.locator("main form [type=submit]").last.click()
    tab.wait_for_load_state()
    proposal = Proposal.objects.get(title="Sensory-friendly hours")
    assert proposal.status == ProposalStatus.DRAFT
    assert proposal.lead_organisation == organisation

    # Submit it.
    tab.goto(f"/en/proposals/{proposal.pk}/")
    consent = tab.locator("input[name=publication_consent]")
    if consent.count():
        consent.check()
    tab.get_by_role("button", name="Submit the proposal").click()
    tab.wait_for_load_state()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED

    # Invite a co-developer.
    tab.goto(f"/en/proposals/{proposal.pk}/team/")
    tab.locator("input[name=kind][value=person]").check()
    tab.locator("main [name=email]").fill("cody@example.org")
    tab.get_by_role("button", name="Send the invitation").click()
    tab.wait_for_load_state()
    invitation_path = link_in_last_mail("cody@example.org", "/invitations/")

    # The co-developer signs in and accepts.
    log_in_with_form(tab, "cody@example.org")
    tab.goto(invitation_path)
    tab.get_by_role("button", name="Accept").click()
    tab.wait_for_load_state()
    assert TeamMember.objects.filter(proposal=proposal, user=co_developer).exists()
    tab.goto(f"/en/proposals/{proposal.pk}/")
    assert "Sensory-friendly hours" in tab.locator("h1").inner_text()
