"""Statuses: every allowed and refused transition, the team's withdraw before the close, staff
decisions with a reason in the Wagtail admin, the status history shown to the team."""

import itertools

import pytest
from django.urls import reverse

from ideas.models import Proposal, ProposalStatus, StatusChange
from ideas.services import proposals as proposal_services
from ideas.services.workflow import TRANSITIONS, TransitionError, change_status
from tests.factories.ideas import ProposalFactory
from tests.factories.partners import OrganisationFactory, UserFactory

from .proposal_helpers import challenge, partner, private_root, proposal_with_lead, staff  # noqa: F401

pytestmark = pytest.mark.django_db
ALLOWED = {
    (ProposalStatus.DRAFT, ProposalStatus.SUBMITTED),
    (ProposalStatus.SUBMITTED, ProposalStatus.SHORTLISTED),
    (ProposalStatus.SUBMITTED, ProposalStatus.SELECTED),
    (ProposalStatus.SUBMITTED, ProposalStatus.DECLINED),
    (ProposalStatus.SUBMITTED, ProposalStatus.WITHDRAWN),
    (ProposalStatus.SHORTLISTED, ProposalStatus.SELECTED),
    (ProposalStatus.SHORTLISTED, ProposalStatus.DECLINED),
    (ProposalStatus.SHORTLISTED, ProposalStatus.WITHDRAWN),
}


def test_the_transition_table_is_the_designs():
    table = {(a, b) for a, targets in TRANSITIONS.items() for b in targets}
    assert table == ALLOWED


@pytest.mark.parametrize(
    ("from_status", "to_status"),
    list(itertools.product(ProposalStatus.values, ProposalStatus.values)),
)
def test_every_move(from_status, to_status):
    page = challenge()
    proposal = ProposalFactory(challenge=page, status=from_status)
    editor = staff()
    if (from_status, to_status) in ALLOWED:
        change = change_status(proposal=proposal, to_status=to_status, by=editor, reason="why")
        assert Proposal.objects.get().status == to_status
        assert (change.from_status, change.to_status, change.changed_by, change.reason) == (
            from_status,
            to_status,
            editor,
            "why",
        )
    else:
        with pytest.raises(TransitionError):
            change_status(proposal=proposal, to_status=to_status, by=editor)
        assert Proposal.objects.get().status == from_status
        assert not StatusChange.objects.exists()


@pytest.mark.parametrize("status", [ProposalStatus.SUBMITTED, ProposalStatus.SHORTLISTED])
def test_team_withdraws_before_proposals_close(client, status):
    proposal, lead = proposal_with_lead(status=status)
    client.force_login(lead)
    client.post(
        reverse("ideas:proposal-withdraw", kwargs={"pk": proposal.pk}), {"reason": "Changed plans"}
    )
    assert Proposal.objects.get().status == ProposalStatus.WITHDRAWN
    assert StatusChange.objects.get().reason == "Changed plans"


def test_withdraw_after_the_close_is_refused(client):
    proposal, lead = proposal_with_lead(challenge("voting"))
    with pytest.raises(proposal_services.ProposalError, match="before proposals close"):
        proposal_services.proposal_withdraw(proposal=proposal, by=lead)
    client.force_login(lead)
    response = client.post(
        reverse("ideas:proposal-withdraw", kwargs={"pk": proposal.pk}), follow=True
    )
    assert "before proposals close" in response.content.decode()
    assert Proposal.objects.get().status == ProposalStatus.SUBMITTED


def test_others_cannot_withdraw_or_submit():
    proposal, _ = proposal_with_lead()
    outsider = partner()
    with pytest.raises(proposal_services.ProposalError):
        proposal_services.proposal_withdraw(proposal=proposal, by=outsider)
    draft, _ = proposal_with_lead(status="draft")
    with pytest.raises(proposal_services.ProposalError):
        proposal_services.proposal_submit(proposal=draft, by=outsider, publication_consent=True)


def test_staff_change_needs_staff_and_a_reason():
    proposal, lead = proposal_with_lead()
    with pytest.raises(proposal_services.ProposalError, match="Only staff"):
        proposal_services.staff_change_status(
            proposal=proposal, by=lead, to_status=ProposalStatus.SHORTLISTED, reason="x"
        )
    with pytest.raises(proposal_services.ProposalError, match="reason"):
        proposal_services.staff_change_status(
            proposal=proposal, by=staff(), to_status=ProposalStatus.SHORTLISTED, reason=" "
        )


def test_admin_change_status_with_reason_shown_to_the_team(client):
    proposal, lead = proposal_with_lead()
    admin = UserFactory(is_superuser=True, is_staff=True)
    client.force_login(admin)
    url = reverse("ideas_proposal:change_status", args=[proposal.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert 'value="shortlisted"' in page.content.decode()
    assert 'value="withdrawn"' not in page.content.decode()
    response = client.post(url, {"to_status": "shortlisted", "reason": ""})
    assert response.status_code == 200
    assert Proposal.objects.get().status == ProposalStatus.SUBMITTED
    response = client.post(url, {"to_status": "shortlisted", "reason": "Strong fit"})
    assert response.status_code == 302
    assert Proposal.objects.get().status == ProposalStatus.SHORTLISTED
    change = StatusChange.objects.get()
    assert (change.changed_by, change.reason) == (admin, "Strong fit")
    client.force_login(lead)
    content = client.get(proposal.get_absolute_url()).content.decode()
    assert "Strong fit" in content
    client.force_login(partner())
    assert "Strong fit" not in client.get(proposal.get_absolute_url()).content.decode()


def test_admin_status_view_refuses_non_staff(client):
    proposal, lead = proposal_with_lead()
    client.force_login(lead)
    response = client.get(reverse("ideas_proposal:change_status", args=[proposal.pk]))
    assert response.status_code in (302, 403)


def test_admin_index_filters_searches_and_exports(client):
    page = challenge()
    research = OrganisationFactory(kind="research", business_id="")
    ProposalFactory(
        challenge=page, title="Research idea", lead_organisation=research, status="shortlisted"
    )
    ProposalFactory(challenge=page, title="Company idea")
    client.force_login(UserFactory(groups=["Editors"], is_staff=True))
    from django.contrib.auth.models import Permission

    editors = UserFactory(groups=["Editors"]).groups.get()
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    index = reverse("ideas_proposal:index")
    content = client.get(index, {"organisation_kind": "research"}).content.decode()
    assert "Research idea" in content and "Company idea" not in content
    content = client.get(index, {"status": "submitted"}).content.decode()
    assert "Company idea" in content and "Research idea" not in content
    content = client.get(index, {"q": "Research"}).content.decode()
    assert "Research idea" in content and "Company idea" not in content
    assert client.get(index, {"challenge": page.pk}).status_code == 200
    csv = client.get(index, {"export": "csv"})
    assert csv.status_code == 200
    body = b"".join(csv.streaming_content).decode() if csv.streaming else csv.content.decode()
    assert "Research idea" in body and "Research group" in body  # the kind as people read it
    xlsx = client.get(index, {"export": "xlsx"})
    assert xlsx.status_code == 200


def test_admin_edit_is_the_status_decision_not_a_text_editor(client):
    proposal, _ = proposal_with_lead()
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    response = client.get(reverse("ideas_proposal:edit", args=[proposal.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    assert 'name="to_status"' in content and 'name="title"' not in content
