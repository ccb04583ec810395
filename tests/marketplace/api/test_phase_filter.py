"""The `phase` filter's database condition (`ChallengePageQuerySet.phase_q`, which the API's
filter uses through `in_phase`) agrees with `cms.phases.phase_at` everywhere,
boundaries included."""

from datetime import timedelta

import pytest
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st

from cms.models import ChallengePage, ChallengePageQuerySet
from cms.phases import Phase, Schedule, phase_at
from tests.factories.cms import make_challenge

pytestmark = pytest.mark.django_db

NOW = timezone.now().replace(microsecond=0)
# Offsets in days from now of each boundary, in order; equal offsets put now on a boundary.
offsets = st.lists(st.integers(min_value=-3, max_value=3), min_size=6, max_size=6).map(sorted)


@pytest.fixture
def page():
    return make_challenge(publish=False)


def test_phase_condition_matches_phase_at(page):
    @settings(max_examples=60, deadline=None, database=None)
    @given(days=offsets, voting=st.booleans())
    def check(days, voting):
        at = [NOW + timedelta(days=d) for d in days]
        fields = {
            "proposals_open": at[0],
            "proposals_close": at[1],
            "voting_open": at[2] if voting else None,
            "voting_close": at[3] if voting else None,
            "evaluation_end": at[4],
            "pilots_end": at[5],
        }
        ChallengePage.objects.filter(pk=page.pk).update(**fields)
        expected = phase_at(Schedule(**fields), NOW).value
        matching = [
            phase
            for phase in Phase.values
            if ChallengePage.objects.filter(pk=page.pk)
            .filter(ChallengePageQuerySet.phase_q(phase, NOW))
            .exists()
        ]
        assert matching == [expected]

    check()
