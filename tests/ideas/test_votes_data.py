"""The vote selectors return data (models, dataclasses, numbers and text), never markup; the
template tags and views draw it: the ranking through `{% vote_ranking_items %}`, the votes per
day through `cms.charts`."""

import dataclasses
from datetime import date, timedelta

import pytest
from django.template import Context, Template
from django.test import RequestFactory
from django.utils import timezone, translation
from django.utils.safestring import SafeData

from ideas.selectors.votes import (
    DayRow,
    RankedProposal,
    challenge_results_state,
    proposal_votes_per_day,
    ranking_items,
)
from ideas.services.votes import vote_cast

from .vote_helpers import proposals, resident, voting_challenge

pytestmark = pytest.mark.django_db


def closed(challenge):
    type(challenge).objects.filter(pk=challenge.pk).update(
        voting_close=timezone.now() - timedelta(minutes=1)
    )
    challenge.refresh_from_db()
    return challenge


def test_ranking_items_are_plain_text_with_the_title_unescaped():
    challenge = voting_challenge()
    (proposal,) = proposals(challenge, 1, title="<b>Bold</b> & bright")
    vote_cast(user=resident(), proposal=proposal)
    with translation.override("en"):
        (item,) = ranking_items(challenge)
    assert type(item) is RankedProposal
    assert item == (proposal.get_absolute_url(), "<b>Bold</b> & bright", "1 vote")
    assert all(type(value) is str for value in item)  # neither SafeString nor a lazy proxy


def test_challenge_results_state_holds_no_markup():
    challenge = voting_challenge(show_vote_counts_while_voting=True)
    proposals(challenge, 2)
    state = challenge_results_state(resident(), challenge)
    assert isinstance(state["ranking"], list) and len(state["ranking"]) == 2
    values = [*state.values(), *(v for item in state["ranking"] for v in item)]
    assert not any(isinstance(value, SafeData) for value in values)
    hidden = challenge_results_state(
        resident(), voting_challenge(show_vote_counts_while_voting=False)
    )
    assert hidden["ranking"] == []


def test_votes_per_day_are_plain_data():
    (proposal,) = proposals(voting_challenge(), 1)
    vote_cast(user=resident(), proposal=proposal)
    (row,) = proposal_votes_per_day(proposal)
    assert type(row) is DayRow
    assert type(row.day) is date
    assert [type(v) for v in dataclasses.astuple(row)[1:]] == [int, int, int]
    assert (row.cast, row.removed, row.total) == (1, 0, 1)


def test_the_template_tag_draws_the_ranking_escaped():
    challenge = voting_challenge()
    (proposal,) = proposals(challenge, 1, title="<b>Bold</b> idea")
    vote_cast(user=resident(), proposal=proposal)
    closed(challenge)
    request = RequestFactory().get("/")
    request.user = resident()
    template = Template("{% load vote_tags %}{% challenge_vote_results challenge %}")
    with translation.override("en"):
        html = template.render(Context({"challenge": challenge, "request": request}))
    assert (
        f'<ol class="vote-ranking"><li><a href="{proposal.get_absolute_url()}">'
        "&lt;b&gt;Bold&lt;/b&gt; idea</a> "
        '<span class="vote-count">1 vote</span></li></ol>'
    ) in html
    assert "<b>Bold</b>" not in html
