"""Every rate-limited place: its rate comes from its setting, and over it the answer is the one
429 page (429.html with Retry-After) or, for scripts and the API, JSON with Retry-After."""

import itertools
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings
from django.urls import reverse
from django.utils import translation

from partners.models import Membership
from partners.ratelimits import parse_rate
from tests.factories.cms import make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.partners import MembershipFactory, OrganisationFactory, UserFactory
from tests.ideas.proposal_helpers import proposal_with_lead
from tests.ideas.vote_helpers import proposals, voting_challenge

pytestmark = pytest.mark.django_db


@dataclass(frozen=True)
class Place:
    name: str
    setting: str
    prepare: Any  # client -> a function that sends one request and returns the response
    message: str
    json: bool = False


def _sign_in(client):
    UserFactory(email="someone@example.org")
    url = reverse("partners:login")
    return lambda: client.post(url, {"username": "someone@example.org", "password": "wrong"})


def _posting(url_name, data):
    """A page whose form is posted again and again, as it is."""

    def prepare(client):
        url = reverse(url_name)
        return lambda: client.post(url, data)

    return prepare


def _owner_of_an_organisation(client):
    owner = UserFactory()
    organisation = OrganisationFactory()
    MembershipFactory(organisation=organisation, user=owner, role=Membership.Role.OWNER)
    client.force_login(owner)
    return organisation


def _organisation_invitation(client):
    organisation = _owner_of_an_organisation(client)
    url = reverse("partners:organisation-members", kwargs={"slug": organisation.slug})
    numbers = itertools.count()
    return lambda: client.post(url, {"email": f"m{next(numbers)}@example.org", "role": "member"})


def _team_invitation(client):
    organisation = _owner_of_an_organisation(client)
    proposal = ProposalFactory(
        challenge=make_challenge(phase="proposals"), lead_organisation=organisation, status="draft"
    )
    url = reverse("ideas:proposal-team", kwargs={"pk": proposal.pk})
    numbers = itertools.count()
    return lambda: client.post(url, {"kind": "person", "email": f"c{next(numbers)}@example.org"})


def _directory_invitation(client):
    """The lead invites organisations picked from the directory, a new one each time."""
    organisation = _owner_of_an_organisation(client)
    proposal = ProposalFactory(
        challenge=make_challenge(phase="proposals"), lead_organisation=organisation, status="draft"
    )
    url = reverse("ideas:team-invite-organisation", kwargs={"pk": proposal.pk})

    def send():
        invited = OrganisationFactory()
        MembershipFactory(organisation=invited, user=UserFactory(), role=Membership.Role.OWNER)
        return client.post(url, {"organisation": invited.pk})

    return send


def _vote(client, headers=None):
    (proposal,) = proposals(voting_challenge(votes_per_resident=0), 1)
    client.force_login(UserFactory())
    url = reverse("ideas:vote-cast", kwargs={"pk": proposal.pk})
    return lambda: client.post(url, headers=headers or {})


def _comment(client):
    proposal, _ = proposal_with_lead()
    client.force_login(UserFactory())
    url = reverse("ideas:comment-post", kwargs={"pk": proposal.pk})
    return lambda: client.post(url, {"body": "Nice idea"})


def _api(client):
    return lambda: client.get("/api/v1/challenges/")


ATTEMPTS = "Too many attempts. Please wait a minute and try again."
INVITATIONS = "You have sent too many invitations in a short time."
VOTES = "You are voting too fast."
PLACES = [
    Place("sign-in", "TORI_LOGIN_RATE", _sign_in, ATTEMPTS),
    Place(
        "registration",
        "TORI_REGISTER_RATE",
        _posting("partners:register", {"email": "not an address"}),
        ATTEMPTS,
    ),
    Place(
        "new confirmation link",
        "TORI_REGISTER_RATE",
        _posting("partners:resend-verification", {"email": "someone@example.org"}),
        ATTEMPTS,
    ),
    Place(
        "password reset",
        "TORI_PASSWORD_RESET_RATE",
        _posting("partners:password-reset", {"email": "someone@example.org"}),
        ATTEMPTS,
    ),
    Place(
        "accessibility feedback",
        "TORI_ACCESSIBILITY_FEEDBACK_RATE",
        _posting("cms:accessibility-feedback", {"message": "The contrast is too low."}),
        "You have sent several messages in a short time.",
    ),
    Place("organisation invitation", "TORI_INVITATION_RATE", _organisation_invitation, INVITATIONS),
    Place("team invitation", "TORI_INVITATION_RATE", _team_invitation, INVITATIONS),
    Place(
        "organisation from the directory",
        "TORI_INVITATION_RATE",
        _directory_invitation,
        INVITATIONS,
    ),
    Place("vote per user", "TORI_VOTE_RATE_USER", _vote, VOTES),
    Place("vote per address", "TORI_VOTE_RATE_IP", _vote, VOTES),
    Place(
        "vote from the script",
        "TORI_VOTE_RATE_USER",
        lambda client: _vote(client, {"X-Requested-With": "fetch"}),
        VOTES,
        json=True,
    ),
    Place("comment", "TORI_COMMENT_RATE", _comment, "You are commenting too fast."),
    Place("API", "TORI_API_THROTTLE_RATE", _api, "Request was throttled.", json=True),
]


def _retry_after(response) -> int:
    wait = int(response["Retry-After"])
    assert 1 <= wait <= 60
    return wait


def assert_the_one_429(response, place):
    assert response.status_code == 429
    _retry_after(response)
    if place.json:
        assert response["Content-Type"] == "application/json"
        assert place.message in response.content.decode()
        return
    assert [t.name for t in response.templates][0] == "429.html"
    body = response.content.decode()
    assert "<h1>Too many requests</h1>" in body
    assert place.message in body


@pytest.mark.parametrize("allowed", [1, 3])
@pytest.mark.parametrize("place", PLACES, ids=[p.name for p in PLACES])
def test_each_place_is_limited_by_its_setting_and_answers_the_one_429(client, place, allowed):
    """`allowed` requests a minute pass, the next is refused: the rate is the setting's (every
    default allows more than three)."""
    send = place.prepare(client)
    with override_settings(**{place.setting: f"{allowed}/m"}):
        passed = [send() for _ in range(allowed)]
        refused = send()
    assert [r.status_code for r in passed if r.status_code == 429] == []
    assert_the_one_429(refused, place)


def test_the_429_page_is_in_the_language_of_the_page(client):
    with translation.override("fi"):
        url = reverse("partners:register")
    with override_settings(TORI_REGISTER_RATE="1/m"):
        client.post(url, {"email": "x"})
        response = client.post(url, {"email": "x"})
    assert response.status_code == 429
    body = response.content.decode()
    assert "<h1>Liikaa pyyntöjä</h1>" in body
    assert "Liian monta yritystä." in body


def test_the_refused_form_comes_back_filled_in(client):
    send = _organisation_invitation(client)
    with override_settings(TORI_INVITATION_RATE="1/m"):
        send()
        response = send()
    body = response.content.decode()
    assert 'value="m1@example.org"' in body
    assert "Send the invitation" in body


@pytest.mark.parametrize(
    ("rate", "expected"),
    [
        ("5/m", (5, 60)),
        ("10/5m", (10, 300)),
        ("120/min", (120, 60)),
        ("1/sec", (1, 1)),
        ("20/h", (20, 3600)),
        ("3/day", (3, 86400)),
        ("120/minute", (120, 60)),
        ("10/2hours", (10, 7200)),
    ],
)
def test_every_rate_reads_the_same_way(rate, expected):
    assert parse_rate(rate) == expected


@pytest.mark.parametrize("rate", ["", "5", "five/m", "5/month", "5/w"])
def test_a_rate_that_does_not_read_is_a_configuration_error(rate):
    with pytest.raises(ImproperlyConfigured):
        parse_rate(rate)
