"""The frozen voting rules in the real Wagtail page editor of a challenge."""

import pytest
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from cms.models import ChallengePage
from ideas.models import Vote
from tests.factories.cms import make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.partners import UserFactory

FMT = "%Y-%m-%d %H:%M"


def edit_post(client, page, **overrides):
    from django.utils import timezone

    local = timezone.localtime
    data = {
        "title": page.title,
        "slug": page.slug,
        "owner_unit": page.owner_unit,
        "summary": page.summary,
        "body": streamfield([]),
        "criteria": inline_formset(
            [
                {"id": c.pk, "name": c.name, "description": "", "weight": str(c.weight)}
                for c in page.criteria.all()
            ],
            initial=page.criteria.count(),
            min=1,
        ),
        "proposals_open": local(page.proposals_open).strftime(FMT),
        "proposals_close": local(page.proposals_close).strftime(FMT),
        "voting_open": local(page.voting_open).strftime(FMT),
        "voting_close": local(page.voting_close).strftime(FMT),
        "evaluation_end": local(page.evaluation_end).strftime(FMT),
        "pilots_end": local(page.pilots_end).strftime(FMT),
        "votes_per_resident": str(page.votes_per_resident),
        "resident_vote_weight": str(page.resident_vote_weight),
        "comments": inline_formset([]),
        "action-publish": "publish",
        "search_description": "",
        "seo_title": "",
    }
    data.update(overrides)
    return client.post(f"/admin/pages/{page.pk}/edit/", nested_form_data(data))


@pytest.fixture
def voted_challenge(client, db):
    client.force_login(UserFactory(is_superuser=True, is_staff=True))
    page = make_challenge(phase="voting", votes_per_resident=3)
    proposal = ProposalFactory(challenge=page)
    Vote.objects.create(user=UserFactory(), proposal=proposal, challenge=page)
    return page


def test_the_vote_limit_cannot_change_after_the_first_vote(client, voted_challenge):
    response = edit_post(client, voted_challenge, votes_per_resident="5")
    assert response.status_code == 200
    assert "votes_per_resident" in response.context["form"].errors
    assert ChallengePage.objects.get(pk=voted_challenge.pk).votes_per_resident == 3


def test_the_voting_close_may_be_extended_after_the_first_vote(client, voted_challenge):
    from datetime import timedelta

    from django.utils import timezone

    later = timezone.localtime(voted_challenge.voting_close + timedelta(days=2)).strftime(FMT)
    response = edit_post(
        client,
        voted_challenge,
        voting_close=later,
        evaluation_end=timezone.localtime(
            voted_challenge.evaluation_end + timedelta(days=2)
        ).strftime(FMT),
    )
    assert response.status_code == 302, response.context["form"].errors
    page = ChallengePage.objects.get(pk=voted_challenge.pk)
    assert timezone.localtime(page.voting_close).strftime(FMT) == later
