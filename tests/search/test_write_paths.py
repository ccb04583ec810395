"""Every write path of every indexed kind reaches the index after commit.

Each case edits one field the catalogue stores through the code people use (the services, the
Wagtail page publish, account erasure), then the catalogue no longer finds the old words and
`search_index --check` finds nothing stale.
"""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from ideas.models import ProposalStatus
from ideas.services import proposals as proposal_services
from marketplace.models import OfferingEditProposal, PilotStage
from marketplace.services import offerings as offering_services
from marketplace.services import pilots as pilot_services
from partners import privacy
from partners.models import Membership
from partners.services import organisations as organisation_services
from search.catalogue import search
from search.models import CatalogueEntry
from search.query import CatalogueQuery
from tests.factories.cms import (
    CustomerGroupFactory,
    challenge_index,
    make_challenge,
    publish_translation,
)
from tests.factories.ideas import ProposalFactory
from tests.factories.marketplace import make_offering, make_pilot
from tests.factories.partners import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db

# Words that no stemmer changes and no other text starts with.
OLD, NEW = "quaggaword", "wombatword"


def found(text: str) -> set[tuple[str, int]]:
    return {(hit.kind, hit.id) for hit in search(CatalogueQuery(text=text)).hits}


def assert_check_is_clean() -> None:
    out = StringIO()
    call_command("search_index", "--check", stdout=out)
    assert "the index is up to date" in out.getvalue()


def _body(text: str):
    return [{"type": "paragraph", "value": f"<p>{text}</p>"}]


@pytest.fixture
def world(indexed):
    """A public proposal, a published pilot and offering and a live challenge, every text
    field holding the word OLD (with its field's name, so a case's word is its own)."""
    with indexed():
        editor = UserFactory()
        staff = UserFactory(groups=["Editors"], is_staff=True)
        lead = OrganisationFactory(name="Lead Oy")
        Membership.objects.create(organisation=lead, user=editor, role=Membership.Role.OWNER)
        seniors = CustomerGroupFactory(slug="seniors")
        families = CustomerGroupFactory(slug="families")
        challenge = make_challenge(
            phase="proposals",
            title="Museum nights",
            customer_groups=[seniors, families],
            summary="Explore the museum after dark.",
            owner_unit="Culture",
        )
        proposal = ProposalFactory(
            challenge=challenge,
            title="Evening tours",
            summary="Tours for seniors.",
            body="Call us.",
            lead_organisation=lead,
        )
        proposal.customer_groups.set([seniors])
        closed = make_challenge(phase="closed", title="Quiet mornings")
        pilot = make_pilot(
            proposal=ProposalFactory(challenge=closed, status=ProposalStatus.SELECTED),
            title="Yoga pilot",
            public_summary="Yoga among the exhibits.",
            venue="Espoo City Museum",
            stage=PilotStage.PLANNED,
            start_date=date(2026, 3, 1),
            end_date=date(2026, 9, 30),
        )
        offering = make_offering(
            title="Lantern walks",
            summary="Guided evening walks.",
            description="Two hours.",
            providers=[OrganisationFactory(name="Provider Oy")],
        )
    return {
        "editor": editor,
        "staff": staff,
        "lead": lead,
        "challenge": challenge,
        "proposal": proposal,
        "pilot": pilot,
        "offering": offering,
        "families": families,
    }


def _refetch(obj):
    return type(obj).objects.get(pk=obj.pk)


# One function per write path: write(world, word) sets one field to its first value followed by
# `word`, through that path, and answers the entry's key. ------------------------------------


def _proposal_text(field):
    def write(world, word):
        original = world["proposal"]
        proposal = _refetch(original)
        texts = {name: getattr(original, name) for name in ("title", "summary", "body")}
        texts[field] = f"{texts[field]} {word}"
        proposal_services.proposal_update(
            proposal=proposal,
            by=world["editor"],
            expected_version=proposal.version,
            customer_groups=list(proposal.customer_groups.all()),
            **texts,
        )
        return ("proposal", proposal.pk)

    return write


def _organisation_name(owner):
    def write(world, word):
        if owner == "proposal":
            organisation, key = world["lead"], ("proposal", world["proposal"].pk)
        else:
            organisation = world["offering"].providers.get()
            key = ("offering", world["offering"].pk)
        organisation_services.organisation_update(
            organisation=_refetch(organisation), name=f"Team {word} Oy"
        )
        return key

    return write


def _pilot_text(field):
    def write(world, word):
        pilot_services.pilot_update(
            pilot=_refetch(world["pilot"]),
            by=world["staff"],
            **{field: f"{getattr(world['pilot'], field)} {word}"},
        )
        return ("pilot", world["pilot"].pk)

    return write


def _offering_text(field):
    def write(world, word):
        offering_services.offering_update(
            offering=_refetch(world["offering"]),
            by=world["staff"],
            **{field: f"{getattr(world['offering'], field)} {word}"},
        )
        return ("offering", world["offering"].pk)

    return write


def _offering_edit_proposal(field):
    """A provider proposes the change, staff approve it."""

    def write(world, word):
        offering = _refetch(world["offering"])
        member = UserFactory()
        Membership.objects.create(organisation=offering.providers.get(), user=member)
        edit = offering_services.offering_edit_propose(
            offering=offering,
            by=member,
            changes={field: f"{getattr(world['offering'], field)} {word}"},
        )
        offering_services.offering_edit_decide(edit=edit, by=world["staff"], approve=True)
        assert OfferingEditProposal.objects.get(pk=edit.pk).status == "approved"
        return ("offering", offering.pk)

    return write


def _challenge_text(field):
    def write(world, word):
        page = _refetch(world["challenge"])
        if field == "body":
            page.body = _body(f"Come along, {word}.")
        else:
            setattr(page, field, f"{getattr(world['challenge'], field)} {word}")
        page.save_revision().publish()
        return ("challenge", page.pk)

    return write


def _challenge_translation(world, word):
    publish_translation(world["challenge"], "sv", title=f"Museinätter {word}")
    return ("challenge", world["challenge"].pk)


TEXT_WRITES = [
    pytest.param(_proposal_text("title"), id="proposal-title"),
    pytest.param(_proposal_text("summary"), id="proposal-summary"),
    pytest.param(_proposal_text("body"), id="proposal-body"),
    pytest.param(_organisation_name("proposal"), id="proposal-lead-organisation-name"),
    pytest.param(_pilot_text("title"), id="pilot-title"),
    pytest.param(_pilot_text("public_summary"), id="pilot-public-summary"),
    pytest.param(_pilot_text("venue"), id="pilot-venue"),
    pytest.param(_offering_text("title"), id="offering-title"),
    pytest.param(_offering_text("summary"), id="offering-summary"),
    pytest.param(_offering_text("description"), id="offering-description"),
    pytest.param(_offering_edit_proposal("title"), id="offering-title-edit-proposal"),
    pytest.param(_offering_edit_proposal("summary"), id="offering-summary-edit-proposal"),
    pytest.param(_offering_edit_proposal("description"), id="offering-description-edit-proposal"),
    pytest.param(_organisation_name("offering"), id="offering-provider-name"),
    pytest.param(_challenge_text("title"), id="challenge-title"),
    pytest.param(_challenge_text("summary"), id="challenge-summary"),
    pytest.param(_challenge_text("owner_unit"), id="challenge-owner-unit"),
    pytest.param(_challenge_text("body"), id="challenge-body"),
    pytest.param(_challenge_translation, id="challenge-translation-title"),
]


@pytest.mark.parametrize("write", TEXT_WRITES)
def test_an_edited_text_field_drops_its_old_words_from_the_catalogue(world, indexed, write):
    with indexed():
        key = write(world, OLD)
    assert found(OLD) == {key}
    assert_check_is_clean()

    with indexed():
        write(world, NEW)

    assert found(OLD) == set()
    assert found(NEW) == {key}
    assert_check_is_clean()


# --- visibility, stage, language and facets --------------------------------------------------


def _entry(key):
    return CatalogueEntry.objects.filter(kind=key[0], object_id=key[1]).first()


def _pilot_unpublished(world):
    pilot_services.pilot_set_published(
        pilot=_refetch(world["pilot"]), published=False, by=world["staff"]
    )
    return ("pilot", world["pilot"].pk), None


def _pilot_unpublished_in_edit(world):
    pilot_services.pilot_update(pilot=_refetch(world["pilot"]), by=world["staff"], published=False)
    return ("pilot", world["pilot"].pk), None


def _pilot_advanced(world):
    pilot_services.pilot_advance(
        pilot=_refetch(world["pilot"]), to_stage=PilotStage.RUNNING, by=world["staff"]
    )
    return ("pilot", world["pilot"].pk), {"stage": "running"}


def _offering_unpublished(world):
    offering_services.offering_update(
        offering=_refetch(world["offering"]), by=world["staff"], published=False
    )
    return ("offering", world["offering"].pk), None


def _proposal_withdrawn(world):
    proposal_services.proposal_withdraw(proposal=_refetch(world["proposal"]), by=world["editor"])
    return ("proposal", world["proposal"].pk), None


def _proposal_shortlisted(world):
    proposal_services.staff_change_status(
        proposal=_refetch(world["proposal"]),
        by=world["staff"],
        to_status=ProposalStatus.SHORTLISTED,
        reason="Promising.",
    )
    return ("proposal", world["proposal"].pk), {"stage": "shortlisted"}


def _proposal_language(world):
    proposal = _refetch(world["proposal"])
    proposal_services.proposal_update(
        proposal=proposal,
        by=world["editor"],
        expected_version=proposal.version,
        title=proposal.title,
        summary=proposal.summary,
        body=proposal.body,
        customer_groups=list(proposal.customer_groups.all()),
        language="sv",
    )
    return ("proposal", proposal.pk), {"language": "sv", "search_config": "swedish"}


def _proposal_customer_groups(world):
    proposal = _refetch(world["proposal"])
    proposal_services.proposal_update(
        proposal=proposal,
        by=world["editor"],
        expected_version=proposal.version,
        title=proposal.title,
        summary=proposal.summary,
        body=proposal.body,
        customer_groups=[world["families"]],
    )
    return ("proposal", proposal.pk), {"customer_groups": ["families"]}


STATE_WRITES = [
    pytest.param(_pilot_unpublished, id="pilot-unpublished"),
    pytest.param(_pilot_unpublished_in_edit, id="pilot-unpublished-in-edit"),
    pytest.param(_pilot_advanced, id="pilot-stage"),
    pytest.param(_offering_unpublished, id="offering-unpublished"),
    pytest.param(_proposal_withdrawn, id="proposal-withdrawn"),
    pytest.param(_proposal_shortlisted, id="proposal-status"),
    pytest.param(_proposal_language, id="proposal-language"),
    pytest.param(_proposal_customer_groups, id="proposal-customer-groups"),
]


@pytest.mark.parametrize("write", STATE_WRITES)
def test_a_changed_state_reaches_the_catalogue(world, indexed, write):
    """`expected` None: the object is no longer public and its entry is gone."""
    with indexed():
        key, expected = write(world)

    entry = _entry(key)
    if expected is None:
        assert entry is None
    else:
        assert {name: getattr(entry, name) for name in expected} == expected
    assert_check_is_clean()


def holding(text: str) -> set[tuple[str, int]]:
    """Entries whose stored texts contain `text` (PostgreSQL's parser keeps an address as one
    token a query's words never match, so this reads the copies, not the search)."""
    from django.db.models import Q

    condition = Q()
    for name in ("title", "summary", "texts", "search_texts"):
        condition |= Q(**{f"{name}__icontains": text})
    return set(CatalogueEntry.objects.filter(condition).values_list("kind", "object_id"))


def test_an_erased_account_s_address_leaves_the_catalogue(world, indexed):
    """Erasure scrubs the address from every text, the catalogue's copies too."""
    address = "vanishing.person@example.org"
    person = UserFactory(email=address)
    with indexed():
        _proposal_text("body")(world, f"Call {address}")
        _pilot_text("public_summary")(world, f"Ask {address}")
        _offering_text("description")(world, f"Write to {address}")
        _challenge_text("summary")(world, f"Questions: {address}")
    keys = {
        ("proposal", world["proposal"].pk),
        ("pilot", world["pilot"].pk),
        ("offering", world["offering"].pk),
        ("challenge", world["challenge"].pk),
    }
    assert holding(address) == keys

    with indexed():
        privacy.erase_account(user=person)

    assert holding(address) == set()
    assert_check_is_clean()


# --- the page tree: a challenge's address and visibility come from its ancestors too ---------


def _second_index(slug: str, *, private: bool):
    from wagtail.models import PageViewRestriction

    from cms.models import ChallengeIndexPage

    home = challenge_index().get_parent()
    index = ChallengeIndexPage(title=slug.title(), slug=slug)
    home.add_child(instance=index)
    index.save_revision().publish()
    if private:
        PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.LOGIN)
    return index


def test_a_challenge_moved_under_a_private_section_leaves_the_catalogue(world, indexed):
    from wagtail.actions.move_page import MovePageAction

    with indexed():
        private = _second_index("internal", private=True)
    key = ("challenge", world["challenge"].pk)
    assert _entry(key) is not None

    with indexed():
        MovePageAction(_refetch(world["challenge"]).page_ptr, private, pos="last-child").execute()

    assert _entry(key) is None
    assert_check_is_clean()


def test_a_challenge_moved_to_another_section_is_found_at_its_new_address(world, indexed):
    from wagtail.actions.move_page import MovePageAction

    with indexed():
        other = _second_index("projects", private=False)

    with indexed():
        MovePageAction(_refetch(world["challenge"]).page_ptr, other, pos="last-child").execute()

    entry = _entry(("challenge", world["challenge"].pk))
    assert "/projects/" in entry.urls["en"]
    assert_check_is_clean()


def test_a_renamed_section_gives_its_challenges_their_new_address(world, indexed):
    index = challenge_index()
    with indexed():
        index.slug = "renamed-challenges"
        index.save_revision().publish()

    entry = _entry(("challenge", world["challenge"].pk))
    assert "/renamed-challenges/" in entry.urls["en"]
    assert_check_is_clean()
