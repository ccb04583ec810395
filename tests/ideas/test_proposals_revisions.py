"""Revisions and conflicts: every save a revision, stale saves refused, history and diffs."""

import threading

import pytest
from django.conf import settings
from django.urls import reverse

from ideas.models import Proposal, ProposalRevision, TeamMember
from ideas.services import proposals as proposal_services
from tests.factories.partners import UserFactory

from .proposal_helpers import challenge, partner, private_root, proposal_with_lead, staff  # noqa: F401

pytestmark = pytest.mark.django_db


def two_editors():
    proposal, lead = proposal_with_lead(status="draft")
    ProposalRevision.objects.create(
        proposal=proposal, version=1, title=proposal.title, summary=proposal.summary
    )
    other = UserFactory()
    TeamMember.objects.create(proposal=proposal, user=other)
    return proposal, lead, other


def form(version, title, summary="Summary", body="Body"):
    return {"title": title, "summary": summary, "body": body, "language": "fi", "version": version}


def test_every_save_is_a_revision_and_bumps_the_version():
    proposal, lead, _ = two_editors()
    proposal_services.proposal_update(
        proposal=proposal, by=lead, expected_version=1, title="Second", summary="S"
    )
    proposal_services.proposal_update(
        proposal=proposal, by=lead, expected_version=2, title="Third", summary="S"
    )
    proposal.refresh_from_db()
    assert proposal.version == 3
    assert list(proposal.revisions.values_list("version", "title")) == [
        (3, "Third"),
        (2, "Second"),
        (1, proposal.revisions.get(version=1).title),
    ]


def test_two_editors_saving_the_same_version(client):
    """Both loaded version 1; the first save wins, the second is refused with a message, the
    second editor's text stays in the form and nothing is overwritten."""
    proposal, lead, other = two_editors()
    url = reverse("ideas:proposal-edit", kwargs={"pk": proposal.pk})
    client.force_login(lead)
    assert 'name="version" value="1"' in client.get(url).content.decode()
    assert client.post(url, form(1, "Lead's title")).status_code == 302

    client.force_login(other)
    response = client.post(url, form(1, "Other's title", body="Other's unsaved text"))
    content = response.content.decode()
    assert response.status_code == 409
    assert "Someone else saved this proposal" in content
    assert "Other&#x27;s unsaved text" in content
    proposal.refresh_from_db()
    assert proposal.title == "Lead's title"
    assert proposal.version == 2
    assert ProposalRevision.objects.filter(proposal=proposal).count() == 2


def test_stale_version_refused_in_the_service():
    proposal, lead, other = two_editors()
    stale = Proposal.objects.get(pk=proposal.pk)
    proposal_services.proposal_update(
        proposal=proposal, by=lead, expected_version=1, title="A", summary="S"
    )
    with pytest.raises(proposal_services.StaleVersion) as error:
        proposal_services.proposal_update(
            proposal=stale, by=other, expected_version=1, title="B", summary="S"
        )
    assert error.value.current_version == 2
    assert Proposal.objects.get().title == "A"


@pytest.mark.postgres
@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="needs PostgreSQL: SQLite serialises writers and hides races",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_saves_of_the_same_version_on_postgresql():
    proposal, lead, other = two_editors()
    results = []
    barrier = threading.Barrier(2)

    def save(user, title):
        from django.db import connections

        try:
            barrier.wait()
            proposal_services.proposal_update(
                proposal=Proposal.objects.select_related("challenge").get(pk=proposal.pk),
                by=user,
                expected_version=1,
                title=title,
                summary="S",
            )
            results.append("ok")
        except proposal_services.StaleVersion:
            results.append("stale")
        finally:
            connections.close_all()

    threads = [threading.Thread(target=save, args=(u, t)) for u, t in ((lead, "A"), (other, "B"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["ok", "stale"]
    assert Proposal.objects.get().version == 2


def test_history_and_diff_for_team_and_staff_only(client):
    proposal, lead, _ = two_editors()
    proposal_services.proposal_update(
        proposal=proposal,
        by=lead,
        expected_version=1,
        title="New <b>title</b>",
        summary=proposal.summary,
        body="line one\nline two",
    )
    history = reverse("ideas:proposal-history", kwargs={"pk": proposal.pk})
    diff = reverse("ideas:proposal-diff", kwargs={"pk": proposal.pk}) + "?from=1&to=2"
    for user in (lead, staff()):
        client.force_login(user)
        assert client.get(history).status_code == 200
        content = client.get(diff).content.decode()
        assert "<ins>New &lt;b&gt;title&lt;/b&gt;</ins>" in content
        assert "<del>" in content
        # The list keeps its text's white space: nothing may stand between its items.
        assert '<ul class="diff"><li class="diff-' in content
    client.force_login(partner())
    assert client.get(history).status_code == 404
    assert client.get(diff).status_code == 404
    client.logout()
    assert client.get(diff).status_code == 404
