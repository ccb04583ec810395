"""Proposals of a challenge in a private section (a Wagtail view restriction — password, login
or groups — on the challenge page, an ancestor or any language version of it) are
confidential: only their team, staff and the challenge's assigned evaluators see them, in
pages, the API, the catalogue (hits and facet counts), feeds and the sitemap. Lifting the
restriction brings them back; the index follows both changes after the commit."""

import re

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import PageViewRestriction

from ideas.models import EvaluatorAssignment, ProposalStatus
from ideas.rules import can_view_proposal
from ideas.selectors.votes import proposal_for_vote
from partners.models import Membership
from search import documents
from search.models import CatalogueEntry, EntryKind
from tests.factories.cms import (
    CustomerGroupFactory,
    challenge_index,
    make_challenge,
    publish_translation,
)
from tests.factories.ideas import ProposalFactory
from tests.factories.marketplace import make_pilot
from tests.factories.partners import UserFactory

pytestmark = pytest.mark.django_db

KINDS = [PageViewRestriction.PASSWORD, PageViewRestriction.LOGIN, PageViewRestriction.GROUPS]
CLUB = "Museum friends"


@pytest.fixture(autouse=True)
def _generous_throttle(settings):
    settings.TORI_API_THROTTLE_RATE = "10000/min"


@pytest.fixture
def indexed(django_capture_on_commit_callbacks):
    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


@pytest.fixture
def world(indexed):
    """A voting challenge with a public proposal ("Lantern tours") and a selected one with a
    published pilot, and an open challenge with a public proposal that stays public."""
    with indexed():
        lanterns = CustomerGroupFactory(name="Lantern lovers", slug="lantern-lovers")
        page = make_challenge(phase="voting", title="Museum nights", customer_groups=[lanterns])
        proposal = ProposalFactory(
            challenge=page, title="Lantern tours", summary="Lantern walks after dark."
        )
        proposal.customer_groups.set([lanterns])
        selected = ProposalFactory(
            challenge=page, title="Lantern garden", status=ProposalStatus.SELECTED
        )
        pilot = make_pilot(proposal=selected, title="Garden pilot")
        other = ProposalFactory(
            challenge=make_challenge(phase="voting", title="Open doors"),
            title="Lantern quiz",
        )
    return {
        "challenge": page,
        "proposal": proposal,
        "selected": selected,
        "pilot": pilot,
        "other": other,
        "group": lanterns,
    }


def restrict(page, kind):
    restriction = PageViewRestriction.objects.create(
        page=page,
        restriction_type=kind,
        password="open sesame" if kind == PageViewRestriction.PASSWORD else "",
    )
    if kind == PageViewRestriction.GROUPS:
        restriction.groups.set([Group.objects.get_or_create(name=CLUB)[0]])
    return restriction


def passing_resident(kind):
    """A signed-in resident who passes the restriction (for a password, nobody does by login)."""
    if kind == PageViewRestriction.GROUPS:
        return UserFactory(groups=[CLUB])
    return UserFactory()


def api_ids(client, path="/api/v1/proposals/", params=None):
    """The ids listed; none when the filter is refused (an unknown or private challenge: 400)."""
    response = client.get(path, params or {})
    return [item["id"] for item in response.json().get("results", [])]


def catalogue(client, **params):
    body = client.get("/api/v1/catalogue/", {"q": "lantern", **params}).json()
    hits = {(hit["kind"], hit["id"]) for hit in body["results"]}
    facets = {
        name: {v["value"]: v["count"] for v in values} for name, values in body["facets"].items()
    }
    return hits, facets


def visible_everywhere(client, world) -> dict:
    """Where a visitor finds the proposal: each answer True when it is there."""
    proposal, selected, pilot = world["proposal"], world["selected"], world["pilot"]
    hits, facets = catalogue(client)
    page_hits = client.get("/en/catalogue/", {"q": "lantern"}).context["result"]
    pilot_api = client.get(f"/api/v1/pilots/{pilot.pk}/").json()
    sitemap = client.get("/sitemap.xml").content.decode()
    feed = client.get(f"{challenge_index().get_url()}feed/rss/").content.decode()
    return {
        "api list": proposal.pk in api_ids(client),
        "api detail": client.get(f"/api/v1/proposals/{proposal.pk}/").status_code == 200,
        "api filter by challenge": proposal.pk
        in api_ids(client, params={"challenge": world["challenge"].pk}),
        "page": client.get(proposal.get_absolute_url()).status_code == 200,
        "catalogue hit": ("proposal", proposal.pk) in hits,
        "catalogue page hit": ("proposal", proposal.pk) in {(h.kind, h.id) for h in page_hits.hits},
        "kind facet": facets["kind"].get("proposal", 0) == 3,
        # Among proposals: the challenge is found by its customer group's name too.
        "group facet": catalogue(client, kind="proposal")[1]["customer_group"].get(
            "lantern-lovers", 0
        )
        == 1,
        "pilot links proposal": pilot_api["proposal"] == selected.pk,
        "pilot page links proposal": selected.get_absolute_url()
        in client.get(f"/en/pilots/{pilot.pk}/").content.decode(),
        "sitemap": proposal.get_absolute_url() in sitemap or world["challenge"].url in sitemap,
        "feed": world["challenge"].title in feed,
    }


EVERYWHERE = {
    "api list": True,
    "api detail": True,
    "api filter by challenge": True,
    "page": True,
    "catalogue hit": True,
    "catalogue page hit": True,
    "kind facet": True,
    "group facet": True,
    "pilot links proposal": True,
    "pilot page links proposal": True,
    # The sitemap and the feeds list pages (challenges), never proposals: the challenge comes
    # and goes with its restriction, its proposals are never there.
    "sitemap": True,
    "feed": True,
}
NOWHERE = dict.fromkeys(EVERYWHERE, False)


@pytest.mark.parametrize("kind", KINDS)
def test_proposals_of_a_restricted_challenge_are_nowhere_until_it_is_lifted(
    client, world, indexed, kind
):
    assert visible_everywhere(client, world) == EVERYWHERE

    with indexed():
        restriction = restrict(world["challenge"], kind)
    assert visible_everywhere(client, world) == NOWHERE
    # The other challenge's proposal is untouched.
    assert world["other"].pk in api_ids(client)
    assert client.get(f"/api/v1/proposals/{world['proposal'].pk}/").json()["errors"]

    with indexed():
        restriction.delete()
    assert visible_everywhere(client, world) == EVERYWHERE


@pytest.mark.parametrize("kind", KINDS)
def test_a_restriction_on_an_ancestor_hides_the_proposals_too(client, world, indexed, kind):
    with indexed():
        restriction = restrict(challenge_index(), kind)
    assert visible_everywhere(client, world) == NOWHERE
    with indexed():
        restriction.delete()
    assert visible_everywhere(client, world) == EVERYWHERE


def test_a_restricted_translation_makes_the_proposals_confidential(client, world, indexed):
    """Proposals belong to every language version of their challenge: a private version is
    enough to keep them from the public."""
    sv = publish_translation(world["challenge"], "sv", title="Museinätter")
    with indexed():
        restriction = restrict(sv, PageViewRestriction.LOGIN)
    found = visible_everywhere(client, world)
    assert {k: v for k, v in found.items() if k not in ("sitemap", "feed")} == {
        k: v for k, v in NOWHERE.items() if k not in ("sitemap", "feed")
    }
    with indexed():
        restriction.delete()
    assert visible_everywhere(client, world)["catalogue hit"]


@pytest.mark.parametrize("kind", KINDS)
def test_only_team_staff_and_assigned_evaluators_see_them(client, world, kind):
    proposal = world["proposal"]
    restrict(world["challenge"], kind)
    team = UserFactory()
    Membership.objects.create(organisation=proposal.lead_organisation, user=team)
    evaluator = UserFactory(groups=["Evaluators"])
    EvaluatorAssignment.objects.create(challenge=world["challenge"], evaluator=evaluator)
    cases = {
        "visitor": (None, False),
        "resident passing the restriction": (passing_resident(kind), False),
        "unassigned evaluator": (UserFactory(groups=["Evaluators"]), False),
        "team member": (team, True),
        "editor": (UserFactory(groups=["Editors"]), True),
        "assigned evaluator": (evaluator, True),
    }
    for role, (user, allowed) in cases.items():
        client.logout()
        if user is not None:
            client.force_login(user)
        assert can_view_proposal(user, proposal) is allowed, role
        status = client.get(proposal.get_absolute_url()).status_code
        assert status == (200 if allowed else 404), role


@pytest.mark.parametrize("kind", [PageViewRestriction.LOGIN, PageViewRestriction.GROUPS])
def test_a_resident_who_passes_the_restriction_sees_the_challenge_but_not_its_proposals(
    client, world, kind
):
    restrict(world["challenge"], kind)
    client.force_login(passing_resident(kind))
    response = client.get(world["challenge"].url)
    assert response.status_code == 200
    html = response.content.decode()
    assert world["challenge"].title in html
    assert "Lantern tours" not in html


@pytest.mark.parametrize("kind", KINDS)
def test_no_votes_nor_comments_on_them(client, world, kind):
    proposal = world["proposal"]
    restrict(world["challenge"], kind)
    client.force_login(passing_resident(kind))
    vote = client.post(reverse("ideas:vote-cast", kwargs={"pk": proposal.pk}))
    comment = client.post(
        reverse("ideas:comment-post", kwargs={"pk": proposal.pk}),
        {"body": "Nice", "visibility": "public"},
    )
    assert vote.status_code == comment.status_code == 404
    proposal.refresh_from_db()
    assert proposal.vote_count == 0
    assert not proposal.comments.exists()


@pytest.mark.parametrize("kind", KINDS)
def test_both_engines_documents_and_the_check_follow_the_restriction(world, indexed, kind):
    """Both engines are written from the same documents: none for such a proposal, and a
    pilot's entry no longer tells its team's organisation kinds."""
    proposal, pilot = world["proposal"], world["pilot"]
    with indexed():
        restriction = restrict(world["challenge"], kind)
    assert documents.build(EntryKind.PROPOSAL, proposal.pk) is None
    keys = {entry.key for entry in documents.iter_all()}
    assert ("proposal", proposal.pk) not in keys
    assert documents.build(EntryKind.PILOT, pilot.pk).organisation_kinds == []
    assert not CatalogueEntry.objects.filter(kind="proposal", object_id=proposal.pk).exists()
    assert CatalogueEntry.objects.get(kind="pilot", object_id=pilot.pk).organisation_kinds == []
    from search import indexing

    assert indexing.check().ok

    with indexed():
        restriction.delete()
    assert documents.build(EntryKind.PROPOSAL, proposal.pk) is not None
    assert indexing.check().ok


def test_the_index_waits_for_the_commit(world, django_capture_on_commit_callbacks):
    proposal = world["proposal"]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        restrict(world["challenge"], PageViewRestriction.LOGIN)
    assert CatalogueEntry.objects.filter(kind="proposal", object_id=proposal.pk).exists()
    for callback in callbacks:
        callback()
    assert not CatalogueEntry.objects.filter(kind="proposal", object_id=proposal.pk).exists()


def test_a_challenge_moved_into_a_private_section_takes_its_proposals_along(world, indexed):
    section = challenge_index().add_child(
        instance=type(challenge_index())(title="Members", slug="members")
    )
    restrict(section, PageViewRestriction.LOGIN)
    with indexed():
        world["challenge"].move(section, pos="last-child")
    assert not CatalogueEntry.objects.filter(
        kind="proposal", object_id=world["proposal"].pk
    ).exists()


def test_the_vote_read_answers_the_restriction_in_its_one_query(world):
    restrict(world["challenge"], PageViewRestriction.LOGIN)
    user = UserFactory()
    with CaptureQueriesContext(connection) as ctx:
        proposal = proposal_for_vote(world["proposal"].pk, user)
        public = proposal.is_public
    assert public is False
    assert len(ctx.captured_queries) == 1
    assert proposal_for_vote(world["other"].pk, user).is_public is True


def test_the_sql_rule_agrees_with_the_queryset_and_with_wagtail(world):
    """`view_restricted_sql` (the vote's read) and `ChallengePage.objects.view_restricted()`
    answer alike, and as Wagtail does for the page itself, wherever the restriction is."""
    from cms.models import ChallengePage, view_restricted_sql

    page = world["challenge"]
    sibling = make_challenge(title="Sibling")
    sv = publish_translation(page, "sv", title="Museinätter")
    index = challenge_index()

    def answers(target):
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {view_restricted_sql('%s')}", [target.pk])  # noqa: S608
            raw = bool(cursor.fetchone()[0])
        orm = ChallengePage.objects.view_restricted().filter(pk=target.pk).exists()
        fresh = ChallengePage.objects.get(pk=target.pk)
        assert raw == orm == fresh.is_view_restricted
        return raw

    assert not answers(page) and not answers(sibling)
    for restricted_page, expected in (
        (page, {page: True, sibling: False}),
        (sibling, {page: False, sibling: True}),
        (sv, {page: True, sibling: False}),
        (index, {page: True, sibling: True}),
    ):
        restriction = restrict(restricted_page, PageViewRestriction.LOGIN)
        assert {p: answers(p) for p in expected} == expected, restricted_page
        if restricted_page is not sv:
            assert bool(page.get_view_restrictions()) == expected[page]
        restriction.delete()


def test_lists_keep_a_constant_number_of_queries_with_private_challenges(client):
    """The rule is a subquery: no query of its own, whatever the number of restrictions."""

    def count(path, page_size):
        client.get(path, {"page_size": page_size})  # warm the site-root cache
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path, {"page_size": page_size})
        assert len(response.json()["results"]) == page_size
        return len(ctx.captured_queries)

    def make(n):
        for i in range(n):
            open_page = make_challenge(title=f"Open {i}")
            private = make_challenge(title=f"Private {i}")
            restrict(private, KINDS[i % 3])
            for page in (open_page, private):
                make_pilot(proposal=ProposalFactory(challenge=page, status="selected"))

    make(5)
    small = {path: count(path, 5) for path in ("/api/v1/proposals/", "/api/v1/pilots/")}
    make(20)
    large = {path: count(path, 20) for path in ("/api/v1/proposals/", "/api/v1/pilots/")}
    assert small == large


def test_evaluators_see_such_proposals_labelled_confidential(client):
    page = make_challenge(phase="evaluation", title="Quiet hours")
    proposal = ProposalFactory(challenge=page, title="Silent tours")
    evaluator = UserFactory(groups=["Evaluators"])
    EvaluatorAssignment.objects.create(challenge=page, evaluator=evaluator)
    client.force_login(evaluator)
    urls = [
        reverse("ideas:evaluation-workspace", kwargs={"challenge_id": page.pk}),
        reverse("ideas:evaluation-review", kwargs={"challenge_id": page.pk, "pk": proposal.pk}),
    ]

    def labels():
        found = []
        for url in urls:
            html = client.get(url, headers={"accept-language": "en"}).content.decode()
            found.append(re.search(r"(?:>|·)\s*Confidential\s*<", html) is not None)
        return found

    assert labels() == [False, False]
    restrict(page, PageViewRestriction.PASSWORD)
    assert labels() == [True, True]
