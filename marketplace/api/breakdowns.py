"""`/api/v1/challenges/{id}/breakdown/` and `/api/v1/pilots/{id}/breakdown/`: suppressed
aggregates by customer group and channel only (marketplace.services.breakdowns), never a row
per person. A figure of fewer than 5 people — or one that would let such a figure be worked
out — is `null`."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from marketplace import rules
from marketplace.services import breakdowns

HIDDEN = _(
    "null when hidden: fewer than 5 people, or hidden so that such a figure cannot be worked out."
)


class CellSerializer(serializers.Serializer):
    count = serializers.IntegerField(allow_null=True, help_text=HIDDEN)


class MeanCellSerializer(CellSerializer):
    mean = serializers.FloatField(
        allow_null=True, help_text=_("The mean rating (1–5), only beside a visible count.")
    )


class ColumnSerializer(serializers.Serializer):
    key = serializers.CharField(help_text=_("The channel: web, qr, kiosk, assisted or paper."))
    label = serializers.CharField(help_text=_("The channel's name in the language asked."))


def _table(cell):
    class RowSerializer(serializers.Serializer):
        key = serializers.CharField(
            help_text=_("The customer group's id, `none` (not stated) or `total`.")
        )
        label = serializers.CharField()
        cells = serializers.DictField(child=cell(), help_text=_("One figure per channel key."))
        total = cell()

    class MonthSerializer(cell):
        month = serializers.CharField(help_text=_("The month, as YYYY-MM."))

    class TableSerializer(serializers.Serializer):
        threshold = serializers.IntegerField(help_text=_("The smallest figure published (5)."))
        columns = ColumnSerializer(many=True)
        rows = RowSerializer(many=True)
        totals = RowSerializer()
        by_month = MonthSerializer(many=True)

    RowSerializer.__name__ = f"Breakdown{cell.__name__[:-10]}Row"
    MonthSerializer.__name__ = f"Breakdown{cell.__name__[:-10]}Month"
    TableSerializer.__name__ = f"Breakdown{cell.__name__[:-10]}Table"
    return TableSerializer


CountTable = _table(CellSerializer)
MeanTable = _table(MeanCellSerializer)


class ChallengeBreakdownSerializer(serializers.Serializer):
    challenge = serializers.IntegerField()
    votes = CountTable(help_text=_("Voters by customer group and channel."))


class PilotBreakdownSerializer(serializers.Serializer):
    pilot = serializers.IntegerField()
    feedback = MeanTable(help_text=_("People who gave feedback, with the mean rating."))
    testers = CountTable(help_text=_("People signed up to test the pilot."))


def challenge_breakdown(challenge) -> dict:
    """The closed challenge's suppressed votes table; 404 before it closes."""
    if not rules.is_vote_breakdown_public(challenge):
        raise Http404(_("The breakdown is published when the challenge closes."))
    return {"challenge": challenge.pk, "votes": breakdowns.challenge_votes(challenge).as_dict()}


def pilot_breakdown(pilot) -> dict:
    """The running (or later) pilot's suppressed feedback and testers tables."""
    if not rules.is_pilot_breakdown_public(pilot):
        raise Http404(_("The breakdown is published when the pilot runs."))
    return {
        "pilot": pilot.pk,
        "feedback": breakdowns.pilot_feedback(pilot).as_dict(),
        "testers": breakdowns.pilot_testers(pilot).as_dict(),
    }
