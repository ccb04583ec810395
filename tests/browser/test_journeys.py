"""The whole story of Tori in a browser, one test per phase of a challenge.

A challenge's phase depends on its dates, so each test starts from the phase it needs (built with
the factories) and does every step a person would do through the UI.
"""

import re

import pytest
from django.core import mail
from django.urls import reverse

from ideas.models import Proposal, ProposalStatus, TeamMember, Vote
from partners.models import Organisation, User
from tests.factories.cms import make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.partners import MembershipFactory, OrganisationFactory, UserFactory

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


def test_editor_drafts_a_challenge_and_a_moderator_approves_it_in_the_admin(tab, live_server):
    from cms.workflows import assign_challenge_workflow
    from tests.factories.cms import challenge_index

    assign_challenge_workflow(challenge_index())
    editor = UserFactory(groups=["Editors"], is_staff=True, display_name="Eetu Editor")
    moderator = UserFactory(groups=["Moderators"], is_staff=True, display_name="Mona Moderator")
    draft = make_challenge(phase="proposals", title="Museum at home", publish=False)
    public_url = draft.get_url()
    tab.context.clear_cookies()
    assert tab.goto(public_url).status == 404

    # The editor works on the draft in the Wagtail admin and submits it for moderation.
    log_in(tab, editor, live_server)
    tab.goto(f"/admin/pages/{draft.pk}/edit/")
    tab.locator("#id_title").fill("Museum at home for everyone")
    with tab.expect_navigation():
        tab.locator("button[name=action-submit]").evaluate("button => button.click()")
    draft.refresh_from_db()
    assert draft.workflow_in_progress
    assert not draft.live

    # The moderator approves it from the same editor (the workflow action).
    log_in(tab, moderator, live_server)
    tab.goto(f"/admin/pages/{draft.pk}/edit/")
    approve = tab.locator("button", has_text=re.compile(r"^\s*Approve\s*$")).first
    with tab.expect_navigation():
        approve.evaluate("button => button.click()")
    draft.refresh_from_db()
    assert draft.live
    assert draft.title == "Museum at home for everyone"

    # Now the public sees it.
    tab.context.clear_cookies()
    response = tab.goto(draft.get_url())
    assert response.status == 200
    assert "Museum at home for everyone" in tab.locator("h1").inner_text()


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
    with tab.expect_navigation():
        tab.get_by_role("button", name="Create account").click()
    assert "/account/verification-sent/" in tab.url

    # Verify with the link from the e-mail.
    tab.goto(link_in_last_mail("paula@example.org", "/verify/"))
    with tab.expect_navigation():
        tab.get_by_role("button", name="Confirm").click()
    assert User.objects.get(email="paula@example.org").email_verified_at is not None

    # Sign in (registering signs nobody in: a taken address gets the same answer).
    assert "/account/login/" in tab.url
    tab.locator("main [name=username]").fill("paula@example.org")
    tab.locator("main [name=password]").fill("a-long-pass-phrase-42")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Sign in").click()

    # Create an organisation.
    tab.goto("/en/organisations/new/")
    tab.locator("main [name=name]").fill("Museum Makers Oy")
    tab.locator("input[name=kind][value=company]").check()
    tab.locator("[name=business_id]").fill("1572860-0")
    tab.locator("select[name=city]").select_option("espoo")
    with tab.expect_navigation():
        tab.get_by_role("button", name=re.compile("Create|Save|Register", re.I)).click()
    organisation = Organisation.objects.get(name="Museum Makers Oy")
    assert organisation.memberships.filter(user__email="paula@example.org").exists()

    # Start a proposal from the challenge page.
    tab.goto(challenge.get_url().replace("/fi/", "/en/", 1))
    with tab.expect_navigation():
        tab.get_by_role("link", name="Make a proposal").click()
    assert f"/challenges/{challenge.pk}/propose/" in tab.url
    tab.locator("main [name=title]").fill("Sensory-friendly hours")
    tab.locator("main [name=summary]").fill("Quiet mornings with dimmed lights.")
    tab.locator("main [name=body]").fill("Once a week the museum opens an hour early.")
    with tab.expect_navigation():
        tab.locator("main form [type=submit]").last.click()
    proposal = Proposal.objects.get(title="Sensory-friendly hours")
    assert proposal.status == ProposalStatus.DRAFT
    assert proposal.lead_organisation == organisation

    # Submit it.
    tab.goto(f"/en/proposals/{proposal.pk}/")
    consent = tab.locator("input[name=publication_consent]")
    if consent.count():
        consent.check()
    with tab.expect_navigation():
        tab.get_by_role("button", name="Submit the proposal").click()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED

    # Invite a co-developer.
    tab.goto(f"/en/proposals/{proposal.pk}/team/")
    tab.locator("input[name=kind][value=person]").check()
    tab.locator("main [name=email]").fill("cody@example.org")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Send the invitation").click()
    invitation_path = link_in_last_mail("cody@example.org", "/invitations/")

    # The co-developer signs in and accepts.
    log_in_with_form(tab, "cody@example.org")
    tab.goto(invitation_path)
    with tab.expect_navigation():
        tab.get_by_role("button", name="Accept").click()
    assert TeamMember.objects.filter(proposal=proposal, user=co_developer).exists()
    tab.goto(f"/en/proposals/{proposal.pk}/")
    assert "Sensory-friendly hours" in tab.locator("h1").inner_text()


def tab_to(tab, selector: str, *, backwards: bool = False, limit: int = 120):
    """Press Tab (or Shift+Tab) until the element matching `selector` has the focus."""
    target = tab.locator(selector).first
    for _ in range(limit):
        if target.evaluate("el => el === document.activeElement"):
            return target
        tab.keyboard.press("Shift+Tab" if backwards else "Tab")
    raise AssertionError(f"{selector} never got the focus by keyboard")


def assert_focus_visible(element) -> None:
    style = element.evaluate(
        "el => { const s = getComputedStyle(el);"
        " return {outline: s.outlineStyle, width: s.outlineWidth, shadow: s.boxShadow,"
        " visible: el.matches(':focus-visible')}; }"
    )
    assert style["visible"], style
    assert (style["outline"] != "none" and style["width"] != "0px") or style["shadow"] != "none"


def test_resident_votes_and_withdraws_with_the_keyboard(tab, live_server, axe_violations):
    challenge = make_challenge(phase="voting", title="Quiet museum mornings")
    proposal = ProposalFactory(challenge=challenge, title="Sensory-friendly hours")
    resident = UserFactory(display_name="Riikka Resident")
    log_in(tab, resident, live_server)

    tab.goto(f"/en/proposals/{proposal.pk}/")
    button = tab_to(tab, "button:has-text('Vote for this proposal')")
    assert_focus_visible(button)
    tab.keyboard.press("Enter")
    tab.wait_for_selector("text=You voted for this proposal.")
    assert Vote.objects.filter(user=resident, proposal=proposal).exists()
    assert axe_violations(tab) == []

    tab.goto("/en/votes/")
    assert "Sensory-friendly hours" in tab.locator("main").inner_text()

    tab.goto(f"/en/proposals/{proposal.pk}/")
    button = tab_to(tab, "button:has-text('Withdraw my vote')")
    assert_focus_visible(button)
    tab.keyboard.press("Space")
    tab.wait_for_selector("button:has-text('Vote for this proposal')")
    assert not Vote.objects.filter(user=resident, proposal=proposal).exists()
    assert axe_violations(tab) == []


def test_partner_submits_a_proposal_with_the_keyboard(tab, live_server, axe_violations):
    challenge = make_challenge(phase="proposals", title="Museum at home")
    partner = UserFactory(display_name="Paula Partner")
    membership = MembershipFactory(user=partner, role="owner")
    proposal = ProposalFactory(
        challenge=challenge,
        title="Objects on loan",
        lead_organisation=membership.organisation,
        created_by=partner,
        status=ProposalStatus.DRAFT,
        publication_consent=False,
    )
    log_in(tab, partner, live_server)
    tab.goto(f"/en/proposals/{proposal.pk}/")
    consent = tab.locator("input[name=publication_consent]")
    if consent.count():
        box = tab_to(tab, "input[name=publication_consent]")
        assert_focus_visible(box)
        tab.keyboard.press("Space")
        assert box.is_checked()
    button = tab_to(tab, "button:has-text('Submit the proposal')")
    assert_focus_visible(button)
    # Back and forth: Shift+Tab leaves the button, Tab returns to it.
    tab.keyboard.press("Shift+Tab")
    button = tab_to(tab, "button:has-text('Submit the proposal')")
    with tab.expect_navigation():
        tab.keyboard.press("Enter")
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SUBMITTED
    assert axe_violations(tab) == []


def test_evaluator_scores_and_staff_select_in_the_admin(tab, live_server):
    from ideas.models import Review
    from tests.factories.reviews import make_evaluator

    challenge = make_challenge(phase="evaluation", title="Quiet museum mornings")
    proposal = ProposalFactory(challenge=challenge, title="Sensory-friendly hours")
    evaluator = make_evaluator(challenge, display_name="Eeva Evaluator")

    # The evaluator scores every criterion in the workspace and submits.
    log_in(tab, evaluator, live_server)
    tab.goto(f"/en/evaluation/{challenge.pk}/")
    with tab.expect_navigation():
        tab.get_by_role("link", name="Sensory-friendly hours").click()
    for fieldset in tab.locator("fieldset.score-field").all():
        fieldset.locator("input[type=radio][value='4']").check()
    tab.locator("main [name=comment]").fill("Clear and cheap to try.")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Submit review").click()
    review = Review.objects.get(proposal=proposal, evaluator=evaluator)
    assert review.submitted_at is not None
    assert review.scores.count() == challenge.criteria.count()

    # Staff select the proposal in the Wagtail admin, with a reason for the team.
    staff = UserFactory(is_superuser=True, is_staff=True, display_name="Sanna Staff")
    log_in(tab, staff, live_server)
    tab.goto(f"/admin/evaluation/{challenge.pk}/")
    assert "Sensory-friendly hours" in tab.locator("main").inner_text()
    tab.goto(reverse("ideas_proposal:index"))
    with tab.expect_navigation():
        tab.locator("main").get_by_role("link", name="Sensory-friendly hours").first.click()
    tab.locator("select[name=to_status]").select_option(ProposalStatus.SELECTED)
    tab.locator("[name=reason]").fill("Best value for the museum.")
    with tab.expect_navigation():
        tab.locator("main form [type=submit]").first.click()
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.SELECTED


def test_pilot_measured_resident_feedback_and_offering_found(tab, live_server, axe_violations):
    from marketplace.models import Feedback, Measurement
    from tests.factories.marketplace import IndicatorFactory, OfferingFactory, PilotFactory

    pilot = PilotFactory(title="Calm mornings pilot")
    indicator = IndicatorFactory(pilot=pilot, name="Morning visits", unit="visits")
    lead = UserFactory(display_name="Paula Partner")
    MembershipFactory(user=lead, organisation=pilot.proposal.lead_organisation, role="owner")
    OfferingFactory(title="Calm mornings package", slug="calm-mornings", pilot=pilot)

    # The pilot team records a measurement in the workspace.
    log_in(tab, lead, live_server)
    tab.goto(f"/en/pilots/{pilot.pk}/workspace/")
    tab.locator(f"[name=m{indicator.pk}-date]").fill(pilot.start_date.isoformat())
    tab.locator(f"[name=m{indicator.pk}-value]").fill("57")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Add measurement").click()
    assert Measurement.objects.filter(indicator=indicator, value=57).exists()

    # A resident gives feedback on the public pilot page.
    resident = UserFactory(display_name="Riikka Resident")
    log_in(tab, resident, live_server)
    tab.goto(f"/en/pilots/{pilot.pk}/")
    tab.locator("#feedback input[name=rating][value='5']").check()
    tab.locator("#feedback [name=comment]").fill("My child loved the quiet.")
    with tab.expect_navigation():
        tab.get_by_role("button", name="Save feedback").click()
    assert Feedback.objects.filter(pilot=pilot, user=resident, rating=5).exists()
    assert axe_violations(tab) == []

    # Anyone finds the offering made from the pilot in the catalogue.
    tab.context.clear_cookies()
    tab.goto("/en/catalogue/")
    tab.get_by_role("searchbox").fill("calm mornings")
    with tab.expect_navigation():
        tab.get_by_role("searchbox").press("Enter")
    assert axe_violations(tab) == []
    with tab.expect_navigation():
        tab.locator("main").get_by_role("link", name="Calm mornings package").first.click()
    assert "Calm mornings package" in tab.locator("h1").inner_text()


def test_partner_finds_make_a_proposal_at_once_and_the_team_actions_at_the_top(
    tab, live_server, axe_violations
):
    challenge = make_challenge(phase="proposals", title="Quiet museum mornings")
    for number in range(3):
        ProposalFactory(
            challenge=challenge, status=ProposalStatus.SUBMITTED, title=f"Idea {number}"
        )
    organisation = OrganisationFactory(name="Museum Makers Oy")
    partner = UserFactory(email="paula@example.org", display_name="Paula Partner")
    MembershipFactory(organisation=organisation, user=partner, role="owner")
    tab.set_viewport_size({"width": 1280, "height": 800})

    # The partner signs in and opens the challenge: "Make a proposal" is in the first view.
    log_in_with_form(tab, "paula@example.org")
    tab.goto(challenge.get_url().replace("/fi/", "/en/", 1))
    call = tab.get_by_test_id("propose-call").get_by_role("link", name="Make a proposal")
    box = call.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 800, box
    assert axe_violations(tab) == []
    with tab.expect_navigation():
        call.click()
    assert f"/challenges/{challenge.pk}/propose/" in tab.url

    # The form opens with who is proposing, the organisation already chosen.
    choice = tab.get_by_role("radio", name="Museum Makers Oy")
    assert choice.is_checked()
    tab.locator("main [name=title]").fill("Sensory-friendly hours")
    tab.locator("main [name=summary]").fill("Quiet mornings with dimmed lights.")
    with tab.expect_navigation():
        tab.locator("main form [type=submit]").last.click()
    proposal = Proposal.objects.get(title="Sensory-friendly hours")
    assert proposal.status == ProposalStatus.DRAFT
    assert proposal.lead_organisation == organisation

    # The draft opens with the team's action bar under the title, in the first view.
    bar = tab.get_by_test_id("proposal-action-bar")
    assert "Draft — only your team sees this. Submit it by" in bar.inner_text()
    for name in ("Edit", "Submit", "Team and invitations", "Attachments"):
        link = bar.get_by_role("link", name=name, exact=True)
        box = link.bounding_box()
        assert box is not None and box["y"] + box["height"] <= 800, (name, box)
    assert axe_violations(tab) == []
    with tab.expect_navigation():
        bar.get_by_role("link", name="Edit", exact=True).click()
    assert f"/proposals/{proposal.pk}/edit/" in tab.url
