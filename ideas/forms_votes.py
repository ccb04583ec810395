"""Frozen voting rules on the challenge's admin form.

Once a challenge has a vote, its votes-per-resident limit and voting dates cannot change,
except that the close date may be moved later. The rule is
`ideas.rules.votes.frozen_vote_rules_errors`; this mixin puts it on a Wagtail page form
(errors next to the fields, and help text saying why the fields are frozen)."""

from django.utils.translation import gettext as _

from .rules.votes import FROZEN_VOTE_FIELDS, challenge_has_votes, frozen_vote_rules_errors


def annotate_frozen_vote_rules(form) -> None:
    """Tell the editor up front why the voting fields are frozen."""
    instance = getattr(form, "instance", None)
    if instance is None or not challenge_has_votes(instance):
        return
    note = _("Frozen: this challenge already has votes.")
    for name in FROZEN_VOTE_FIELDS:
        if name in form.fields:
            extra = _("Only a later date is allowed.") if name == "voting_close" else ""
            field = form.fields[name]
            field.help_text = " ".join(str(part) for part in (field.help_text, note, extra) if part)


def clean_frozen_vote_rules(form) -> None:
    """Add the frozen-rule errors to the form's fields (call from the form's clean())."""
    instance = getattr(form, "instance", None)
    if instance is None:
        return
    new_values = {
        name: form.cleaned_data.get(name) for name in FROZEN_VOTE_FIELDS if name in form.fields
    }
    for name, message in frozen_vote_rules_errors(instance, new_values).items():
        form.add_error(name, message)


class FrozenVoteRulesFormMixin:
    """Mix into the ChallengePage admin form: `class ChallengePageForm(FrozenVoteRulesFormMixin,
    WagtailAdminPageForm)`."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        annotate_frozen_vote_rules(self)

    def clean(self):
        cleaned_data = super().clean()
        clean_frozen_vote_rules(self)
        return cleaned_data
