"""Staff tools in the Wagtail admin: votes over time, banning an account and voiding its votes;
and the demo votes."""

from datetime import timedelta
from io import StringIO
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.models import ModelLogEntry

from ideas.models import Proposal, Vote, VoteEvent
from ideas.services.votes import vote_cast, vote_withdraw
from tests.factories.partners import UserFactory

from .vote_helpers import proposals, resident, voting_challenge

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    return client


def test_chart_shows_votes_per_day_as_svg_and_table(staff_client):
    challenge = voting_challenge()
    (proposal,) = proposals(challenge, 1)
    voters = [resident() for _ in range(3)]
    for voter in voters:
        vote_cast(user=voter, proposal=proposal)
    vote_withdraw(user=voters[0], proposal=proposal)

    response = staff_client.get(reverse("ideas_votes:chart", args=[proposal.pk]))

    assert response.status_code == 200
    html = response.content.decode()
    assert "<svg" in html and "<rect" in html and "<table" in html
    (day,) = response.context["days"]
    assert (day.cast, day.removed, day.total) == (3, 1, 2)
    assert "<td>3</td><td>1</td><td>2</td>" in html.replace("\n", "")


def test_chart_is_one_named_column_a_day_described_for_screen_readers(staff_client):
    challenge = voting_challenge()
    (proposal,) = proposals(challenge, 1)
    for voter in [resident() for _ in range(3)]:
        vote_cast(user=voter, proposal=proposal)
    # the first vote two days ago, the second yesterday, the third today
    events = list(VoteEvent.objects.order_by("pk"))
    now = timezone.now()
    for days_ago, event in zip((2, 1), events, strict=False):
        VoteEvent.objects.filter(pk=event.pk).update(created_at=now - timedelta(days=days_ago))

    with translation.override("en"):
        response = staff_client.get(reverse("ideas_votes:chart", args=[proposal.pk]))

    html = response.content.decode()
    start = html.index('<svg class="chart"')
    svg = html[start : html.index("</svg>", start) + len("</svg>")]
    root = ElementTree.fromstring(svg)  # noqa: S314 (our own markup)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "vote-chart-title vote-chart-desc"
    assert root.find(f"{ns}title").text == "Live votes at the end of each day"
    days = response.context["days"]
    assert [d.total for d in days] == [1, 2, 3]
    assert root.find(f"{ns}desc").text.startswith("3 days, ")
    assert root.find(f"{ns}desc").text.endswith("; live votes at the end: 3.")
    rects = root.findall(f"{ns}rect")
    assert [r.find(f"{ns}title").text.rsplit(": ", 1)[1] for r in rects] == ["1", "2", "3"]
    heights = [float(r.get("height")) for r in rects]
    assert heights == sorted(heights) and heights[0] > 0


def test_index_lists_proposals_with_votes(staff_client):
    (proposal,) = proposals(voting_challenge(), 1)
    vote_cast(user=resident(), proposal=proposal)
    html = staff_client.get(reverse("ideas_votes:index")).content.decode()
    assert reverse("ideas_votes:chart", args=[proposal.pk]) in html


def test_residents_cannot_open_the_vote_admin(client):
    client.force_login(resident())
    assert client.get(reverse("ideas_votes:index")).status_code in (302, 403)


def test_ban_voids_votes_through_the_admin(staff_client):
    challenge = voting_challenge()
    p1, p2 = proposals(challenge, 2)
    banned = resident(email="troll@example.org")
    vote_cast(user=banned, proposal=p1)
    vote_cast(user=banned, proposal=p2)
    vote_cast(user=resident(), proposal=p1)

    found = staff_client.post(reverse("ideas_votes:index"), {"email": "TROLL@example.org"})
    assert found["Location"] == reverse("ideas_votes:void", args=[banned.pk])
    confirm = staff_client.get(found["Location"]).content.decode()
    assert p1.title in confirm and p2.title in confirm
    staff_client.post(found["Location"])

    banned.refresh_from_db()
    assert not banned.is_active
    assert not Vote.objects.filter(user=banned).exists()
    assert Proposal.objects.get(pk=p1.pk).vote_count == 1
    assert VoteEvent.objects.filter(action="void").count() == 2
    assert ModelLogEntry.objects.filter(
        action="tori.votes_voided", object_id=str(banned.pk)
    ).exists()
    # The audit log renders the action's label.
    entry = ModelLogEntry.objects.get(action="tori.votes_voided")
    assert str(entry.formatter.format_message(entry))


def test_unknown_email_is_an_error_next_to_the_field(staff_client):
    response = staff_client.post(reverse("ideas_votes:index"), {"email": "nobody@example.org"})
    assert response.status_code == 200
    assert response.context["form"].errors["email"]


def test_demo_votes_are_idempotent():
    from ideas.demo import votes as demo_votes

    challenge = voting_challenge(votes_per_resident=2)
    proposals(challenge, 3)
    demo_votes.seed(stdout=StringIO())
    first = set(Vote.objects.values_list("user_id", "proposal_id"))
    assert first
    demo_votes.seed(stdout=StringIO())
    assert set(Vote.objects.values_list("user_id", "proposal_id")) == first
    assert VoteEvent.objects.count() == len(first)
