"""Index hooks, rebuild and check."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models.signals import post_save

from ideas.models import ProposalStatus, TeamMember, Vote
from marketplace.models import Offering
from partners.models import Organisation
from search.catalogue import search
from search.models import CatalogueEntry
from search.query import CatalogueQuery
from tests.factories.cms import make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.marketplace import make_offering
from tests.factories.partners import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db


def indexed_keys():
    return set(CatalogueEntry.objects.values_list("kind", "object_id"))


def test_changes_reach_the_index_only_after_commit(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        offering = make_offering(title="Lantern walks")
    assert indexed_keys() == set()

    for callback in callbacks:
        callback()
    assert indexed_keys() == {("offering", offering.pk)}


def test_raw_saves_are_skipped(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        offering = make_offering()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post_save.send(sender=Offering, instance=offering, created=False, raw=True)
    assert callbacks == []


@pytest.mark.parametrize(
    "change",
    [
        {"status": ProposalStatus.WITHDRAWN},
        {"publication_consent": False},
    ],
    ids=["withdrawn", "confidential"],
)
def test_a_proposal_turning_withdrawn_or_confidential_leaves_the_index_at_once(indexed, change):
    with indexed():
        proposal = ProposalFactory(
            challenge=make_challenge(phase="proposals"), title="Lantern tours"
        )
    assert ("proposal", proposal.pk) in indexed_keys()

    with indexed():
        for name, value in change.items():
            setattr(proposal, name, value)
        proposal.save()

    assert ("proposal", proposal.pk) not in indexed_keys()
    assert search(CatalogueQuery(text="lantern")).total == 0


def test_a_challenge_hiding_its_proposals_removes_them(indexed):
    with indexed():
        challenge = make_challenge(phase="proposals", title="Nights")
        proposal = ProposalFactory(challenge=challenge)
    assert ("proposal", proposal.pk) in indexed_keys()

    with indexed():
        challenge.proposals_public = False
        challenge.save_revision().publish()

    assert ("proposal", proposal.pk) not in indexed_keys()
    assert ("challenge", challenge.pk) in indexed_keys()


def test_unpublishing_or_deleting_removes_entries(indexed):
    with indexed():
        offering = make_offering()
        other = make_offering()
        challenge = make_challenge(phase="proposals", title="Nights")
    assert {
        ("offering", offering.pk),
        ("offering", other.pk),
        ("challenge", challenge.pk),
    } <= indexed_keys()

    with indexed():
        offering.published = False
        offering.save()
        other.delete()
        challenge.unpublish()

    assert indexed_keys() == set()


def test_related_changes_update_the_entry(indexed):
    with indexed():
        offering = make_offering(providers=[OrganisationFactory()])
        proposal = ProposalFactory(challenge=make_challenge(phase="voting"))
    research = OrganisationFactory(kind=Organisation.Kind.RESEARCH, business_id="")

    with indexed():
        offering.providers.add(research)
        TeamMember.objects.create(proposal=proposal, organisation=research)

    assert CatalogueEntry.objects.get(kind="offering").organisation_kinds == ["company", "research"]
    assert "research" in CatalogueEntry.objects.get(kind="proposal").organisation_kinds


def test_a_vote_updates_only_the_vote_count(indexed, django_capture_on_commit_callbacks):
    from ideas.services.votes import vote_cast, vote_withdraw, votes_void

    with indexed():
        proposal = ProposalFactory(challenge=make_challenge(phase="voting"))
    entry = CatalogueEntry.objects.get(kind="proposal", object_id=proposal.pk)
    voter = UserFactory()

    # In the vote's own transaction, with nothing left for after the commit: the entry is
    # neither rebuilt nor replaced.
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        vote_cast(user=voter, proposal=proposal)
    assert callbacks == []
    after = CatalogueEntry.objects.get(kind="proposal", object_id=proposal.pk)
    assert (after.pk, after.vote_count, after.fingerprint) == (entry.pk, 1, entry.fingerprint)
    assert search(CatalogueQuery(sort="votes")).hits[0].vote_count == 1

    vote_withdraw(user=voter, proposal=proposal)
    assert CatalogueEntry.objects.get(pk=entry.pk).vote_count == 0

    vote_cast(user=voter, proposal=proposal)
    votes_void(user=voter, by=UserFactory(is_staff=True))
    assert CatalogueEntry.objects.get(pk=entry.pk).vote_count == 0


def test_repairing_a_vote_counter_repairs_the_entry(indexed):
    with indexed():
        proposal = ProposalFactory(challenge=make_challenge(phase="voting"))
    Vote.objects.create(user=UserFactory(), proposal=proposal, challenge=proposal.challenge)

    call_command("verify_counts", "--repair", stdout=StringIO())

    assert CatalogueEntry.objects.get(kind="proposal", object_id=proposal.pk).vote_count == 1


def test_check_reports_a_drifted_vote_count(indexed, capsys):
    with indexed():
        proposal = ProposalFactory(challenge=make_challenge(phase="voting"))
    CatalogueEntry.objects.filter(kind="proposal").update(vote_count=5)

    with pytest.raises(CommandError):
        call_command("search_index", "--check")
    assert f"stale: proposal {proposal.pk}" in capsys.readouterr().out


def test_rebuild_shows_progress_and_counts(catalogue, capsys):
    CatalogueEntry.objects.all().delete()

    call_command("search_index", "--rebuild")
    out = capsys.readouterr().out

    assert "[##############################] 8/8" in out
    assert "indexed 8 entries" in out
    assert "challenge 2, offering 2, pilot 1, proposal 3" in out
    assert len(indexed_keys()) == 8
    assert search(CatalogueQuery(text="lantern")).total == 3


def test_check_reports_missing_extra_and_stale_entries(catalogue, capsys):
    call_command("search_index", "--check")
    assert "the index is up to date" in capsys.readouterr().out

    offering, app = catalogue["offering"], catalogue["app"]
    CatalogueEntry.objects.filter(kind="offering", object_id=offering.pk).delete()
    CatalogueEntry.objects.filter(kind="offering", object_id=app.pk).update(fingerprint="old")
    Offering.objects.filter(pk=catalogue["hidden_offering"].pk).update(published=True)  # no signal
    CatalogueEntry.objects.filter(kind="pilot").update(object_id=999999)

    with pytest.raises(CommandError) as error:
        call_command("search_index", "--check")
    out = capsys.readouterr().out

    assert error.value.returncode == 1
    assert f"missing: offering {offering.pk}" in out
    assert f"missing: offering {catalogue['hidden_offering'].pk}" in out
    assert f"stale: offering {app.pk}" in out
    assert "extra: pilot 999999" in out


def test_a_private_challenge_leaves_the_index(indexed):
    from wagtail.models import PageViewRestriction

    with indexed():
        challenge = make_challenge(phase="proposals", title="Nights")
    assert ("challenge", challenge.pk) in indexed_keys()

    with indexed():
        PageViewRestriction.objects.create(
            page=challenge, restriction_type=PageViewRestriction.LOGIN
        )
    assert ("challenge", challenge.pk) not in indexed_keys()


def test_new_entries_never_reuse_an_id_the_full_text_table_still_holds(indexed):
    """A flushed test database (or any delete past remove()) leaves full-text rows behind."""
    with indexed():
        make_offering(title="Lantern walks")
    CatalogueEntry.objects.all().delete()  # the ORM only: the full-text row stays

    with indexed():
        offering = make_offering(title="Quiet mornings")

    assert indexed_keys() == {("offering", offering.pk)}
    assert search(CatalogueQuery(text="quiet")).total == 1
