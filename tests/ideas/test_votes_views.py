"""Voting through the pages: plain form POSTs, messages, idempotency, rate limits, query budgets,
the vote box, the challenge results and the "my votes" page."""

from datetime import timedelta

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape

from ideas.models import Proposal, TeamMember, Vote
from ideas.rules.votes import VoteRefusal
from ideas.services.votes import vote_cast
from tests.factories.cms import make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.partners import MembershipFactory, UserFactory

from .vote_helpers import proposals, resident, upcoming_voting_challenge, voting_challenge

pytestmark = pytest.mark.django_db


def vote_url(proposal):
    return reverse("ideas:vote-cast", kwargs={"pk": proposal.pk})


def withdraw_url(proposal):
    return reverse("ideas:vote-withdraw", kwargs={"pk": proposal.pk})


def messages_of(response):
    return [str(m) for m in response.context["messages"]]


def test_vote_and_withdraw_without_javascript(client):
    (proposal,) = proposals(voting_challenge(), 1)
    user = resident()
    client.force_login(user)

    page = client.get(proposal.get_absolute_url())
    assert f'action="{vote_url(proposal)}"' in page.content.decode()

    response = client.post(vote_url(proposal), follow=True)
    assert response.redirect_chain[-1][0] == proposal.get_absolute_url()
    assert Vote.objects.filter(user=user, proposal=proposal).count() == 1
    html = response.content.decode()
    assert f'action="{withdraw_url(proposal)}"' in html
    assert "1 vote" in html

    response = client.post(withdraw_url(proposal), follow=True)
    assert not Vote.objects.exists()
    assert f'action="{vote_url(proposal)}"' in response.content.decode()


def test_double_post_is_one_vote_and_no_error(client):
    (proposal,) = proposals(voting_challenge(), 1)
    client.force_login(resident())
    first = client.post(vote_url(proposal))
    second = client.post(vote_url(proposal), follow=True)
    assert first.status_code == 302
    assert second.status_code == 200
    assert Vote.objects.count() == 1
    assert Proposal.objects.get(pk=proposal.pk).vote_count == 1
    assert any("already voted" in m for m in messages_of(second))


def test_withdrawing_a_missing_vote_says_so(client):
    (proposal,) = proposals(voting_challenge(), 1)
    client.force_login(resident())
    response = client.post(withdraw_url(proposal), follow=True)
    assert response.status_code == 200
    assert any("no vote" in m for m in messages_of(response))


def test_csrf_is_required():
    from django.test import Client

    (proposal,) = proposals(voting_challenge(), 1)
    client = Client(enforce_csrf_checks=True)
    client.force_login(resident())
    assert client.post(vote_url(proposal)).status_code == 403
    assert not Vote.objects.exists()


def test_get_is_not_a_vote(client):
    (proposal,) = proposals(voting_challenge(), 1)
    client.force_login(resident())
    assert client.get(vote_url(proposal)).status_code == 405


def test_next_is_validated(client):
    (proposal,) = proposals(voting_challenge(), 1)
    client.force_login(resident())
    response = client.post(vote_url(proposal), {"next": "https://evil.example/x"})
    assert response["Location"] == proposal.get_absolute_url()
    response = client.post(withdraw_url(proposal), {"next": "/en/votes/"})
    assert response["Location"] == "/en/votes/"


def test_confidential_proposal_is_not_found(client):
    challenge = voting_challenge()
    confidential = ProposalFactory(challenge=challenge, publication_consent=False)
    client.force_login(resident())
    assert client.post(vote_url(confidential)).status_code == 404


def _refusal_setups():
    challenge = voting_challenge(votes_per_resident=1)
    public, other = proposals(challenge, 2)
    own = ProposalFactory(challenge=challenge)
    team_user = resident()
    TeamMember.objects.create(proposal=own, user=team_user)
    colleague = MembershipFactory(organisation=own.lead_organisation).user  # through the lead
    full = resident()
    vote_cast(user=full, proposal=public)
    (not_yet,) = proposals(upcoming_voting_challenge(), 1)
    (closed,) = proposals(make_challenge(phase="evaluation"), 1)
    return [
        (VoteRefusal.NOT_SIGNED_IN, None, public),
        (VoteRefusal.NOT_VERIFIED, UserFactory(unverified=True), public),
        (VoteRefusal.NOT_OPEN_YET, resident(), not_yet),
        (VoteRefusal.CLOSED, resident(), closed),
        (VoteRefusal.OWN_TEAM, team_user, own),
        (VoteRefusal.OWN_TEAM, colleague, own),
        (VoteRefusal.QUOTA_USED, full, other),
    ]


@pytest.mark.parametrize("language", ["en", "fi", "sv"])
def test_refusals_are_shown_by_the_view_and_the_vote_box(client, language):
    from django.contrib.auth.models import AnonymousUser

    from ideas.rules.votes import vote_permission

    for reason, user, proposal in _refusal_setups():
        client.logout()
        if user:
            client.force_login(user)
        with translation.override(language):
            expected = vote_permission(user or AnonymousUser(), proposal).message
            url, page_url = vote_url(proposal), proposal.get_absolute_url()
        assert url.startswith(f"/{language}/")
        before = Vote.objects.count()
        response = client.post(url, follow=True)
        assert response.status_code == 200, reason
        assert Vote.objects.count() == before, reason
        shown = messages_of(response)
        assert any(escape(expected) in m for m in shown), (reason, expected, shown)
        # The proposal page's vote box gives the same reason instead of a button.
        box = client.get(page_url).content.decode()
        assert f'data-reason="{reason}"' in box
        assert f'action="{url}"' not in box


def test_quota_message_links_to_my_votes(client):
    challenge = voting_challenge(votes_per_resident=1)
    a, b = proposals(challenge, 2)
    user = resident()
    vote_cast(user=user, proposal=a)
    client.force_login(user)
    response = client.post(vote_url(b), follow=True)
    assert f'href="{reverse("ideas:my-votes")}"' in response.content.decode()


def test_rate_limit_per_user(client, settings):
    settings.TORI_VOTE_RATE_USER = "3/m"
    challenge = voting_challenge(votes_per_resident=0)
    items = proposals(challenge, 5)
    client.force_login(resident())
    statuses = [client.post(vote_url(p)).status_code for p in items]
    assert statuses == [302, 302, 302, 429, 429]
    response = client.post(vote_url(items[0]))
    assert "too fast" in response.content.decode()
    assert Vote.objects.count() == 3


def test_rate_limit_per_address(client, settings):
    settings.TORI_VOTE_RATE_IP = "2/m"
    challenge = voting_challenge(votes_per_resident=0)
    items = proposals(challenge, 3)
    statuses = []
    for proposal in items:  # a different account each time, from the same address
        client.force_login(resident())
        statuses.append(client.post(vote_url(proposal), REMOTE_ADDR="10.0.0.9").status_code)
    assert statuses == [302, 302, 429]
    client.force_login(resident())
    assert client.post(vote_url(items[0]), REMOTE_ADDR="10.0.0.10").status_code == 302


def _vote_view_queries(client, n):
    challenge = voting_challenge(votes_per_resident=0)
    items = proposals(challenge, n + 1)
    user = resident()
    for proposal in items[:n]:
        vote_cast(user=user, proposal=proposal)
        vote_cast(user=resident(), proposal=proposal)
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        assert client.post(vote_url(items[n])).status_code == 302
    return len(ctx)


def test_vote_view_uses_constant_queries(client):
    assert _vote_view_queries(client, 5) == _vote_view_queries(client, 30)


def test_a_vote_costs_few_queries(client):
    """The hot path of a voting campaign: session, user, proposal with its challenge's vote
    settings and the own-team rule, then the transaction — quota taken (locks the row), vote (unless
    already there), proposal count, event (one statement on PostgreSQL, four on SQLite),
    catalogue count, the automatic follow of the proposal (one statement) — and nothing after."""
    challenge = voting_challenge()
    first, second = proposals(challenge, 2)
    user = resident()
    client.force_login(user)
    for proposal in (first, second):  # the quota row is new, then it exists
        with CaptureQueriesContext(connection) as ctx:
            assert client.post(vote_url(proposal)).status_code == 302
        # The test's own transaction turns the vote's BEGIN/COMMIT into savepoints.
        sql = [q["sql"] for q in ctx if not q["sql"].startswith(("SAVEPOINT", "RELEASE"))]
        assert len(sql) == (6 if connection.vendor == "postgresql" else 9), sql


def _my_votes_queries(client, n):
    user = resident()
    for _ in range(n // 5 or 1):
        challenge = voting_challenge(votes_per_resident=0)
        for proposal in proposals(challenge, 5 if n >= 5 else n):
            vote_cast(user=user, proposal=proposal)
    client.force_login(user)
    client.get(reverse("ideas:my-votes"))  # warm the site-root cache
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(reverse("ideas:my-votes"))
    assert response.status_code == 200
    assert response.content.decode().count("Withdraw my vote") == n
    return len(ctx)


def test_my_votes_page_uses_constant_queries(client):
    assert _my_votes_queries(client, 5) == _my_votes_queries(client, 20)


def test_my_votes_lists_votes_left_and_withdraw(client):
    challenge = voting_challenge(votes_per_resident=3, title="Museum nights")
    a, b = proposals(challenge, 2)
    user = resident()
    vote_cast(user=user, proposal=a)
    client.force_login(user)
    html = client.get(reverse("ideas:my-votes"), headers={"accept-language": "en"}).content.decode()
    assert "Museum nights" in html and a.title in html and b.title not in html
    assert "2 votes left of 3" in html
    assert f'action="{withdraw_url(a)}"' in html


def test_my_votes_requires_sign_in(client):
    response = client.get(reverse("ideas:my-votes"))
    assert response.status_code == 302 and "login" in response["Location"]


# --- counts visibility and results ------------------------------------------------------


def _render(tag, obj, user):
    request = RequestFactory().get("/")
    request.user = user
    template = Template("{% load vote_tags %}{% " + tag + " obj %}")
    return template.render(Context({"obj": obj, "request": request}))


def test_vote_box_hides_counts_when_the_challenge_says_so():
    hiding = voting_challenge(show_vote_counts_while_voting=False)
    (proposal,) = proposals(hiding, 1)
    vote_cast(user=resident(), proposal=proposal)
    proposal.refresh_from_db()
    with translation.override("en"):
        html = _render("vote_box", proposal, resident())
        assert "1 vote" not in html and "published when voting closes" in html
        results = _render("challenge_vote_results", hiding, resident())
        assert "1 vote" not in results and proposal.title not in results

    showing = voting_challenge(show_vote_counts_while_voting=True)
    (shown,) = proposals(showing, 1)
    vote_cast(user=resident(), proposal=shown)
    shown.refresh_from_db()
    with translation.override("en"):
        assert "1 vote" in _render("vote_box", shown, resident())


def test_results_rank_by_votes_then_earlier_submission():
    challenge = voting_challenge(votes_per_resident=0, show_vote_counts_while_voting=False)
    now = timezone.now()
    late = ProposalFactory(
        challenge=challenge, title="Late two", submitted_at=now - timedelta(days=1)
    )
    early = ProposalFactory(
        challenge=challenge, title="Early two", submitted_at=now - timedelta(days=3)
    )
    top = ProposalFactory(challenge=challenge, title="Top three", submitted_at=now)
    none = ProposalFactory(
        challenge=challenge, title="Zero votes", submitted_at=now - timedelta(days=9)
    )
    hidden = ProposalFactory(challenge=challenge, title="Secret", publication_consent=False)
    voters = [resident() for _ in range(3)]
    for voter in voters:
        vote_cast(user=voter, proposal=top)
    for voter in voters[:2]:
        vote_cast(user=voter, proposal=late)
        vote_cast(user=voter, proposal=early)
    Vote.objects.create(user=resident(), proposal=hidden, challenge=challenge)
    # Voting closes.
    type(challenge).objects.filter(pk=challenge.pk).update(voting_close=now - timedelta(minutes=1))
    challenge.refresh_from_db()

    with translation.override("en"):
        html = _render("challenge_vote_results", challenge, resident())
    order = [html.index(title) for title in ("Top three", "Early two", "Late two", "Zero votes")]
    assert order == sorted(order)
    assert "Secret" not in html
    assert "3 votes" in html and "2 votes" in html and "0 votes" in html
    assert none.title in html


def test_script_gets_json_with_a_fresh_vote_box(client):
    (proposal,) = proposals(voting_challenge(), 1, title="<b>Bold</b> idea")
    client.force_login(resident())
    headers = {"x-requested-with": "fetch"}
    data = client.post(vote_url(proposal), headers=headers).json()
    assert data["level"] == "success"
    assert "&lt;b&gt;" in data["message"]  # user text escaped for innerHTML
    assert (
        f'action="{withdraw_url(proposal)}"' in data["html"]
        and "data-vote-box-body" in data["html"]
    )
    again = client.post(vote_url(proposal), headers=headers).json()
    assert again["level"] == "info"
    assert Vote.objects.count() == 1
    # No flash message is left behind for the next page.
    assert not messages_of(client.get(proposal.get_absolute_url()))
