"""The vote rule: each refusal has its own message, in fi, sv and en; counts visibility;
frozen voting rules on the challenge admin form."""

from datetime import timedelta

import pytest
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone, translation
from wagtail import hooks

from cms.models import ChallengePage
from ideas.admin.votes import FrozenVoteRulesFormMixin
from ideas.models import TeamMember
from ideas.rules.votes import (
    VoteRefusal,
    can_see_vote_counts,
    frozen_vote_rules_errors,
    vote_permission,
    withdraw_permission,
)
from ideas.services.votes import vote_cast
from tests.factories.cms import make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.partners import UserFactory

from .vote_helpers import proposals, resident, upcoming_voting_challenge, voting_challenge

pytestmark = pytest.mark.django_db


def refusal_cases():
    """(reason, user, proposal) for every refusal."""
    open_challenge = voting_challenge(votes_per_resident=1)
    public, other = proposals(open_challenge, 2)
    confidential = ProposalFactory(challenge=open_challenge, publication_consent=False)
    own = ProposalFactory(challenge=open_challenge)
    team_user = resident()
    TeamMember.objects.create(proposal=own, user=team_user)
    full_user = resident()
    vote_cast(user=full_user, proposal=public)
    (not_yet,) = proposals(upcoming_voting_challenge(), 1)
    (closed,) = proposals(make_challenge(phase="evaluation"), 1)
    (no_voting,) = proposals(make_challenge(phase="evaluation", voting=False), 1)
    return [
        (VoteRefusal.NOT_SIGNED_IN, AnonymousUser(), public),
        (VoteRefusal.NOT_VERIFIED, UserFactory(unverified=True), public),
        (VoteRefusal.NOT_OPEN_YET, resident(), not_yet),
        (VoteRefusal.CLOSED, resident(), closed),
        (VoteRefusal.NO_VOTING, resident(), no_voting),
        (VoteRefusal.NOT_PUBLIC, resident(), confidential),
        (VoteRefusal.OWN_TEAM, team_user, own),
        (VoteRefusal.QUOTA_USED, full_user, other),
    ]


def test_each_refusal_has_its_own_message_in_fi_sv_en():
    cases = refusal_cases()
    for language in ("fi", "sv", "en"):
        with translation.override(language):
            decisions = {
                reason: vote_permission(user, proposal) for reason, user, proposal in cases
            }
            for reason, decision in decisions.items():
                assert not decision.allowed
                assert decision.reason == reason
                assert decision.message.strip()
                assert str(decision.as_html()).strip()
            messages = [d.message for d in decisions.values()]
            assert len(set(messages)) == len(messages) == len(VoteRefusal.choices)


def test_dates_and_links_in_messages():
    challenge = upcoming_voting_challenge()
    (proposal,) = proposals(challenge, 1)
    with translation.override("en"):
        decision = vote_permission(resident(), proposal)
    local = timezone.localtime(challenge.voting_open)
    assert str(local.year) in decision.message and str(local.day) in decision.message

    quota = refusal_cases()[-1]
    decision = vote_permission(quota[1], quota[2])
    assert "1" in decision.message
    assert 'href="/' in decision.as_html() and "votes/" in decision.as_html()


def test_allowed_for_a_verified_resident():
    (proposal,) = proposals(voting_challenge(), 1)
    assert vote_permission(resident(), proposal).allowed


def test_withdraw_only_while_voting_is_open():
    (open_proposal,) = proposals(voting_challenge(), 1)
    (closed_proposal,) = proposals(make_challenge(phase="evaluation"), 1)
    user = resident()
    assert withdraw_permission(user, open_proposal).allowed
    assert withdraw_permission(user, closed_proposal).reason == VoteRefusal.CLOSED
    assert withdraw_permission(AnonymousUser(), open_proposal).reason == VoteRefusal.NOT_SIGNED_IN


def test_hidden_counts_setting():
    hiding = voting_challenge(show_vote_counts_while_voting=False)
    showing = voting_challenge(show_vote_counts_while_voting=True)
    assert not can_see_vote_counts(hiding, resident())
    assert can_see_vote_counts(showing, resident())
    assert can_see_vote_counts(hiding, UserFactory(is_superuser=True))
    # After voting closes the counts are public either way.
    assert can_see_vote_counts(hiding, resident(), now=hiding.voting_close + timedelta(seconds=1))
    closed_hiding = make_challenge(phase="evaluation", show_vote_counts_while_voting=False)
    assert can_see_vote_counts(closed_hiding)


# --- frozen rules --------------------------------------------------------------------------


class ChallengeVotingForm(FrozenVoteRulesFormMixin, forms.ModelForm):
    """Stands in for the ChallengePage admin form (owned by cms)."""

    class Meta:
        model = ChallengePage
        fields = ["votes_per_resident", "voting_open", "voting_close"]


def _data(challenge, **changes):
    data = {
        "votes_per_resident": challenge.votes_per_resident,
        "voting_open": timezone.localtime(challenge.voting_open).strftime("%Y-%m-%d %H:%M"),
        "voting_close": timezone.localtime(challenge.voting_close).strftime("%Y-%m-%d %H:%M"),
    }
    data.update(changes)
    return data


def _fmt(dt):
    return timezone.localtime(dt).strftime("%Y-%m-%d %H:%M")


def test_rules_change_freely_before_the_first_vote():
    challenge = voting_challenge()
    form = ChallengeVotingForm(
        _data(
            challenge,
            votes_per_resident=5,
            voting_close=_fmt(challenge.voting_close - timedelta(days=1)),
        ),
        instance=challenge,
    )
    assert form.is_valid(), form.errors


def test_rules_are_frozen_after_the_first_vote():
    challenge = voting_challenge()
    (proposal,) = proposals(challenge, 1)
    vote_cast(user=resident(), proposal=proposal)

    unchanged = ChallengeVotingForm(
        _data(challenge), instance=ChallengePage.objects.get(pk=challenge.pk)
    )
    assert unchanged.is_valid(), unchanged.errors
    assert "votes" in unchanged.fields["votes_per_resident"].help_text

    extended = ChallengeVotingForm(
        _data(challenge, voting_close=_fmt(challenge.voting_close + timedelta(days=3))),
        instance=ChallengePage.objects.get(pk=challenge.pk),
    )
    assert extended.is_valid(), extended.errors

    challenge = ChallengePage.objects.get(pk=challenge.pk)
    changed = ChallengeVotingForm(
        _data(
            challenge,
            votes_per_resident=5,
            voting_open=_fmt(challenge.voting_open - timedelta(days=1)),
            voting_close=_fmt(challenge.voting_close - timedelta(days=1)),
        ),
        instance=challenge,
    )
    assert not changed.is_valid()
    assert set(changed.errors) == {"votes_per_resident", "voting_open", "voting_close"}
    assert all("already has votes" in changed.errors[name][0] for name in changed.errors)


def test_frozen_rules_function_directly():
    challenge = voting_challenge()
    (proposal,) = proposals(challenge, 1)
    assert frozen_vote_rules_errors(challenge, {"votes_per_resident": 9}) == {}
    vote_cast(user=resident(), proposal=proposal)
    assert set(
        frozen_vote_rules_errors(challenge, {"votes_per_resident": 9, "voting_close": None})
    ) == {
        "votes_per_resident",
        "voting_close",
    }
    with translation.override("fi"):
        assert frozen_vote_rules_errors(challenge, {"votes_per_resident": 9})


class HookedChallengeForm(forms.ModelForm):
    """How a cms-owned form can apply the rule without importing ideas: through Wagtail hooks."""

    class Meta:
        model = ChallengePage
        fields = ["votes_per_resident", "voting_open", "voting_close"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for hook in hooks.get_hooks("tori_challenge_form_init"):
            hook(self)

    def clean(self):
        cleaned_data = super().clean()
        for hook in hooks.get_hooks("tori_challenge_form_clean"):
            hook(self)
        return cleaned_data


def test_frozen_rules_through_wagtail_hooks():
    challenge = voting_challenge()
    (proposal,) = proposals(challenge, 1)
    vote_cast(user=resident(), proposal=proposal)
    form = HookedChallengeForm(
        _data(challenge, votes_per_resident=7), instance=ChallengePage.objects.get(pk=challenge.pk)
    )
    assert "Frozen" in form.fields["voting_open"].help_text
    assert not form.is_valid()
    assert list(form.errors) == ["votes_per_resident"]
