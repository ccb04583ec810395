"""Budgets: the proposal page and the challenge's proposal list use the same number of SQL
queries for 5 and 100 proposals, comments and team members."""

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from ideas.models import Comment, ProposalAttachment, StatusChange, TeamMember
from tests.factories.ideas import ProposalFactory
from tests.factories.partners import OrganisationFactory, UserFactory

from .proposal_helpers import challenge, partner, private_root, staff  # noqa: F401

pytestmark = pytest.mark.django_db


def filled_proposal(page, n):
    proposal = ProposalFactory(challenge=page)
    lead = partner(proposal.lead_organisation)
    users = UserFactory.create_batch(n)
    TeamMember.objects.bulk_create(
        [TeamMember(proposal=proposal, organisation=OrganisationFactory()) for _ in range(n)]
        + [TeamMember(proposal=proposal, user=user) for user in users]
    )
    for i, user in enumerate(users):
        parent = Comment.objects.create(proposal=proposal, author=user, body=f"Comment {i}")
        Comment.objects.create(proposal=proposal, author=lead, body=f"Reply {i}", parent=parent)
        Comment.objects.create(proposal=proposal, author=lead, body=f"Team {i}", visibility="team")
    StatusChange.objects.bulk_create(
        [
            StatusChange(
                proposal=proposal, from_status="draft", to_status="submitted", changed_by=lead
            )
            for _ in range(n)
        ]
    )
    ProposalAttachment.objects.bulk_create(
        [
            ProposalAttachment(
                proposal=proposal,
                file=f"p/{i}.pdf",
                original_name=f"{i}.pdf",
                content_type="application/pdf",
                size=10,
            )
            for i in range(min(n, 5))
        ]
    )
    return proposal, lead


def count_page(client, proposal):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(proposal.get_absolute_url())
    assert response.status_code == 200
    return len(queries)


@pytest.mark.parametrize("viewer", ["visitor", "resident", "team", "editor"])
def test_proposal_page_queries_do_not_grow(client, viewer):
    page = challenge()
    small, small_lead = filled_proposal(page, 5)
    big, big_lead = filled_proposal(page, 100)
    counts = []
    for proposal, lead in ((small, small_lead), (big, big_lead)):
        user = {"visitor": None, "resident": UserFactory(), "team": lead, "editor": staff()}[viewer]
        if user is not None:
            client.force_login(user)
        else:
            client.logout()
        count_page(client, proposal)  # warm caches (sessions, locales)
        counts.append(count_page(client, proposal))
    assert counts[0] == counts[1], counts
    content = client.get(big.get_absolute_url()).content.decode()
    assert "Comment 99" in content and "Reply 99" in content


def render_list(page, user, query=""):
    request = RequestFactory().get("/" + query)
    request.user = user
    template = Template("{% load proposal_tags %}{% challenge_proposals page %}")
    with CaptureQueriesContext(connection) as queries:
        html = template.render(Context({"page": page, "request": request}))
    return len(queries), html


@pytest.mark.parametrize("sort", ["newest", "votes", "title"])
def test_challenge_proposal_list_queries_do_not_grow(sort):
    small_page, big_page = challenge(), challenge()
    for page, n in ((small_page, 5), (big_page, 100)):
        for proposal in ProposalFactory.create_batch(n, challenge=page):
            TeamMember.objects.create(proposal=proposal, organisation=OrganisationFactory())
    user = partner()
    render_list(small_page, user)
    small, _ = render_list(small_page, user, f"?sort={sort}")
    big, html = render_list(big_page, user, f"?sort={sort}")
    assert small == big
    assert "Page 1 of 5" in html


def test_list_sorts_and_paginates():
    page = challenge()
    a = ProposalFactory(challenge=page, title="Alpha", vote_count=1)
    b = ProposalFactory(challenge=page, title="Beta", vote_count=9)
    c = ProposalFactory(challenge=page, title="Gamma", vote_count=5)
    user = UserFactory()
    order = lambda html, items: sorted(items, key=lambda p: html.index(p.title))  # noqa: E731
    _, html = render_list(page, user, "?sort=title")
    assert order(html, [c, b, a]) == [a, b, c]
    _, html = render_list(page, user, "?sort=votes")
    assert order(html, [a, b, c]) == [b, c, a]
    _, html = render_list(page, user, "?sort=newest")
    assert order(html, [a, b, c]) == [c, b, a]
    _, html = render_list(page, user, "?sort=bogus&proposals_page=999")
    assert "Alpha" in html  # bad input never gives a 500
