"""Index hooks: every change to an indexed object reaches the index after its transaction
commits. Connected in SearchConfig.ready(); raw (fixture) saves are skipped.

Saves and deletes arrive as model signals; a write with `QuerySet.update()` (no post_save)
arrives as `partners.signals.rows_updated`, which the writing service sends; vote counts as
`ideas.signals.vote_count_changed`."""

from django.db.models.signals import m2m_changed, post_delete, post_save
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from cms.models import ChallengePage
from ideas.models import Proposal, TeamMember
from ideas.signals import vote_count_changed
from marketplace.models import Offering, Pilot
from partners.models import Organisation
from partners.signals import rows_updated

from . import indexing
from .models import EntryKind


def _offering_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        indexing.schedule(EntryKind.OFFERING, instance.pk)


def _offering_deleted(sender, instance, **kwargs):
    indexing.schedule_removal(EntryKind.OFFERING, instance.pk)


def _offering_m2m(sender, instance, action, reverse, model, pk_set, **kwargs):
    if not action.startswith("post_"):
        return

    if isinstance(instance, Offering):
        indexing.schedule(EntryKind.OFFERING, instance.pk)
    elif pk_set:  # changed from the other side (an organisation's offerings…)
        for pk in pk_set:
            indexing.schedule(EntryKind.OFFERING, pk)


def _pilot_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        indexing.schedule(EntryKind.PILOT, instance.pk)


def _pilot_deleted(sender, instance, **kwargs):
    indexing.schedule_removal(EntryKind.PILOT, instance.pk)


def _schedule_proposal(proposal_id):
    indexing.schedule(EntryKind.PROPOSAL, proposal_id)
    for pilot_id in Pilot.objects.filter(proposal_id=proposal_id).values_list("pk", flat=True):
        indexing.schedule(EntryKind.PILOT, pilot_id)


def _proposal_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        _schedule_proposal(instance.pk)


def _proposal_deleted(sender, instance, **kwargs):
    indexing.schedule_removal(EntryKind.PROPOSAL, instance.pk)


def _proposal_m2m(sender, instance, action, reverse, model, pk_set, **kwargs):
    if not action.startswith("post_"):
        return

    if isinstance(instance, Proposal):
        _schedule_proposal(instance.pk)
    elif pk_set:
        for pk in pk_set:
            _schedule_proposal(pk)


def _team_member_changed(sender, instance, raw=False, **kwargs):
    """A team member: the proposal's organisation kinds (and a pilot's)."""
    if not raw and instance.proposal_id:
        _schedule_proposal(instance.proposal_id)


def _vote_count_changed(sender, proposal_ids, **kwargs):
    """Votes change a proposal's count only: one UPDATE, not a rebuilt entry."""
    indexing.vote_counts_changed(proposal_ids)


def _organisation_saved(sender, instance, raw=False, created=False, **kwargs):
    if not raw and not created:
        indexing.schedule_organisation(instance.pk)


def _rows_updated(sender, pks, **kwargs):
    """Rows changed by `QuerySet.update()`: refreshed as if each had been saved."""

    if issubclass(sender, Proposal):
        for pk in pks:
            _schedule_proposal(pk)
    elif issubclass(sender, Pilot):
        for pk in pks:
            indexing.schedule(EntryKind.PILOT, pk)
    elif issubclass(sender, Offering):
        for pk in pks:
            indexing.schedule(EntryKind.OFFERING, pk)
    elif issubclass(sender, Organisation):
        for pk in pks:
            indexing.schedule_organisation(pk)
    elif issubclass(sender, TeamMember):
        proposal_ids = TeamMember.objects.filter(pk__in=pks).values_list("proposal_id", flat=True)
        for proposal_id in set(proposal_ids):
            _schedule_proposal(proposal_id)
    elif issubclass(sender, Page):  # a challenge's own fields, or Page's (title…)
        for page in ChallengePage.objects.filter(pk__in=pks).only("pk", "translation_key"):
            indexing.schedule_challenge(page)


def _challenge_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        indexing.schedule_challenge(instance)


def _challenge_deleted(sender, instance, **kwargs):
    indexing.schedule_challenge(instance, removed=True)


def _schedule_challenges_under(page) -> None:
    """Challenges at or under a page of the tree: their entries (address and visibility follow
    the tree), their proposals' (confidential while a challenge is in a private section) and
    their pilots'."""
    for challenge in ChallengePage.objects.filter(path__startswith=page.path).only(
        "pk", "translation_key"
    ):
        indexing.schedule_challenge(challenge)


def _page_visibility(sender, instance, **kwargs):
    """A page published or unpublished. A challenge: its entry. Another page, published: the
    challenges under it, whose addresses include its slug."""
    page = instance.specific_deferred if hasattr(instance, "specific_deferred") else instance
    if isinstance(page, ChallengePage):
        indexing.schedule_challenge(page)
    elif kwargs.get("signal") is page_published:
        _schedule_challenges_under(page)


def _restriction_changed(sender, instance, raw=False, **kwargs):
    """A privacy restriction added or lifted: challenges at or under its page, and their
    proposals (confidential while a challenge is in a private section) and pilots."""
    if raw or not instance.page_id:
        return
    page = Page.objects.filter(pk=instance.page_id).only("path").first()
    if page is not None:  # else the page is being deleted: its own signals reindex
        _schedule_challenges_under(page)


def _page_moved(sender, instance, parent_page_before=None, parent_page_after=None, **kwargs):
    """A page moved to another parent may enter or leave a private section."""
    if parent_page_before is not None and parent_page_before == parent_page_after:
        return  # reordered among its siblings
    _schedule_challenges_under(instance)


def connect() -> None:
    uid = "search-index"
    rows_updated.connect(_rows_updated, dispatch_uid=f"{uid}-rows-updated")
    post_save.connect(_offering_saved, sender=Offering, dispatch_uid=f"{uid}-offering-save")
    post_delete.connect(_offering_deleted, sender=Offering, dispatch_uid=f"{uid}-offering-delete")
    for through in (
        Offering.providers.through,
        Offering.customer_groups.through,
        Offering.themes.through,
    ):
        m2m_changed.connect(
            _offering_m2m, sender=through, dispatch_uid=f"{uid}-offering-m2m-{through.__name__}"
        )
    post_save.connect(_pilot_saved, sender=Pilot, dispatch_uid=f"{uid}-pilot-save")
    post_delete.connect(_pilot_deleted, sender=Pilot, dispatch_uid=f"{uid}-pilot-delete")
    post_save.connect(_proposal_saved, sender=Proposal, dispatch_uid=f"{uid}-proposal-save")
    post_delete.connect(_proposal_deleted, sender=Proposal, dispatch_uid=f"{uid}-proposal-delete")
    m2m_changed.connect(
        _proposal_m2m, sender=Proposal.customer_groups.through, dispatch_uid=f"{uid}-proposal-m2m"
    )
    post_save.connect(_team_member_changed, sender=TeamMember, dispatch_uid=f"{uid}-team-save")
    post_delete.connect(_team_member_changed, sender=TeamMember, dispatch_uid=f"{uid}-team-delete")
    vote_count_changed.connect(_vote_count_changed, dispatch_uid=f"{uid}-vote-count")
    post_save.connect(
        _organisation_saved, sender=Organisation, dispatch_uid=f"{uid}-organisation-save"
    )
    post_save.connect(_challenge_saved, sender=ChallengePage, dispatch_uid=f"{uid}-challenge-save")
    post_delete.connect(
        _challenge_deleted, sender=ChallengePage, dispatch_uid=f"{uid}-challenge-delete"
    )

    post_save.connect(
        _restriction_changed, sender=PageViewRestriction, dispatch_uid=f"{uid}-restriction-save"
    )
    post_delete.connect(
        _restriction_changed, sender=PageViewRestriction, dispatch_uid=f"{uid}-restriction-delete"
    )
    page_published.connect(_page_visibility, dispatch_uid=f"{uid}-page-published")
    page_unpublished.connect(_page_visibility, dispatch_uid=f"{uid}-page-unpublished")
    post_page_move.connect(_page_moved, dispatch_uid=f"{uid}-page-moved")
