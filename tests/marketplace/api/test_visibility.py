"""The API shows exactly what the pages show anyone: confidential is answered as missing."""

import pytest
from wagtail.models import PageViewRestriction

from ideas.models import ProposalStatus
from tests.factories.cms import make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.marketplace import make_offering, make_pilot
from tests.factories.partners import UserFactory

pytestmark = pytest.mark.django_db

MISSING = 999_999


def assert_missing(client, path: str, object_id: int):
    """A confidential object answers exactly like an id that does not exist."""
    hidden = client.get(f"{path}{object_id}/")
    missing = client.get(f"{path}{MISSING}/")
    assert hidden.status_code == missing.status_code == 404
    assert (
        hidden.json()
        == missing.json()
        == {"errors": {"detail": [missing.json()["errors"]["detail"][0]]}}
    )
    assert hidden["Content-Type"] == "application/json"
    ids = [item["id"] for item in client.get(path).json()["results"]]
    assert object_id not in ids


@pytest.mark.parametrize(
    "kind",
    ["draft", "withdrawn", "no_consent", "confidential_challenge"],
)
def test_confidential_proposals_are_missing(client, kind):
    challenge = make_challenge(
        phase="evaluation", proposals_public=kind != "confidential_challenge"
    )
    fields = {
        "draft": {"status": ProposalStatus.DRAFT},
        "withdrawn": {"status": ProposalStatus.WITHDRAWN},
        "no_consent": {"publication_consent": False},
        "confidential_challenge": {},
    }[kind]
    proposal = ProposalFactory(challenge=challenge, **fields)
    public = ProposalFactory(challenge=make_challenge(phase="evaluation", title="Open"))
    assert_missing(client, "/api/v1/proposals/", proposal.pk)
    assert client.get(f"/api/v1/proposals/{public.pk}/").status_code == 200
    # Nor is it counted.
    item = client.get(f"/api/v1/challenges/{challenge.pk}/").json()
    assert item["public_proposal_count"] == 0


def test_sessions_are_ignored(client):
    """Even staff, signed in, see only what anyone sees."""
    proposal = ProposalFactory(challenge=make_challenge(), status=ProposalStatus.DRAFT)
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    assert client.get(f"/api/v1/proposals/{proposal.pk}/").status_code == 404
    assert client.get("/api/v1/proposals/").json()["count"] == 0


def test_pilot_of_a_confidential_proposal_shows_no_proposal(client):
    challenge = make_challenge(phase="piloting", proposals_public=False)
    proposal = ProposalFactory(challenge=challenge, status=ProposalStatus.SELECTED)
    pilot = make_pilot(proposal=proposal)
    item = client.get(f"/api/v1/pilots/{pilot.pk}/").json()
    assert item["proposal"] is None
    assert item["challenge"] == challenge.pk
    assert client.get("/api/v1/pilots/").json()["results"][0]["proposal"] is None
    assert_missing(client, "/api/v1/proposals/", proposal.pk)


def test_unpublished_pilot_is_missing_and_its_offering_shows_no_pilot(client):
    pilot = make_pilot(published=False)
    offering = make_offering(pilot=pilot)
    assert_missing(client, "/api/v1/pilots/", pilot.pk)
    assert client.get(f"/api/v1/offerings/{offering.pk}/").json()["pilot"] is None


def test_unpublished_offering_is_missing(client):
    offering = make_offering(published=False)
    make_offering()
    assert_missing(client, "/api/v1/offerings/", offering.pk)


def test_unpublished_challenge_is_missing(client):
    draft = make_challenge(publish=False, live=False, title="Draft")
    make_challenge(title="Published")
    assert_missing(client, "/api/v1/challenges/", draft.pk)


def test_private_challenge_page_is_missing(client):
    restricted = make_challenge(title="Members only")
    PageViewRestriction.objects.create(page=restricted, restriction_type="login")
    assert_missing(client, "/api/v1/challenges/", restricted.pk)


def test_proposals_of_an_unknown_or_confidential_challenge_cannot_be_filtered(client):
    draft = make_challenge(publish=False, live=False)
    response = client.get("/api/v1/proposals/", {"challenge": draft.pk})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["challenge"]


@pytest.mark.parametrize("kind", ["draft", "no_consent", "confidential_challenge"])
def test_a_confidential_proposal_takes_the_same_queries_as_a_missing_one(client, kind):
    """The same work for a hidden id as for an absent one, so timing cannot tell them apart."""
    import re

    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    fields = {
        "draft": {"status": ProposalStatus.DRAFT},
        "no_consent": {"publication_consent": False},
        "confidential_challenge": {},
    }[kind]
    challenge = make_challenge(
        phase="evaluation", proposals_public=kind != "confidential_challenge"
    )
    hidden = ProposalFactory(challenge=challenge, **fields)

    def answer(pk):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"/api/v1/proposals/{pk}/")
        return (
            response.status_code,
            response.content,
            [re.sub(r"\d+", "N", q["sql"]) for q in queries],
        )

    answer(MISSING)
    status, body, queries = answer(hidden.pk)
    assert status == 404
    assert (status, body, queries) == answer(MISSING)
