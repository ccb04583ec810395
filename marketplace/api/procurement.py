"""The procurement record on an offering in API v1: how the city buys the service after an
adopted pilot. Public fields only (never who recorded it or when, never the translations'
bookkeeping)."""

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from marketplace import rules
from marketplace.models import ProcurementMethod

from .fields import LanguageField, LocalisingMixin, TranslatedField


class ProcurementSerializer(LocalisingMixin, serializers.Serializer):
    method = serializers.ChoiceField(
        choices=ProcurementMethod.choices, help_text=_("How the city buys the service.")
    )
    method_label = serializers.SerializerMethodField(
        help_text=_("The method's name in the language asked.")
    )
    contract_reference = serializers.CharField(
        allow_blank=True, help_text=_("The city's reference for the contract. May be empty.")
    )
    notice_url = serializers.SerializerMethodField(
        help_text=_("The public contract notice (Hilma or TED), or null.")
    )
    value_eur = serializers.IntegerField(
        allow_null=True, min_value=0, help_text=_("The contract's value in euros, or null.")
    )
    decided_on = serializers.DateField(
        allow_null=True, help_text=_("The date of the procurement decision, or null.")
    )
    contract_start = serializers.DateField(allow_null=True)
    contract_end = serializers.DateField(allow_null=True)
    note = TranslatedField(
        allow_blank=True, help_text=_("A public note, in the language asked or the original.")
    )
    note_language = serializers.SerializerMethodField(help_text=_("The language of the note."))

    def get_method_label(self, obj) -> str:
        with translation.override(self.localiser.language):
            return str(ProcurementMethod(obj.method).label)

    @extend_schema_field({"type": "string", "format": "uri", "nullable": True})
    def get_notice_url(self, obj):
        return obj.notice_url or None

    @extend_schema_field(LanguageField)
    def get_note_language(self, obj) -> str:
        return obj.text_language("note", self.localiser.language)


@extend_schema_field(ProcurementSerializer(allow_null=True))
class OfferingProcurementField(serializers.Field):
    """The offering's procurement record (`rules.public_procurement`), or null."""

    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs.setdefault("read_only", True)
        kwargs.setdefault("allow_null", True)
        super().__init__(**kwargs)

    def to_representation(self, offering):
        record = rules.public_procurement(offering)
        if record is None:
            return None
        return ProcurementSerializer(record, context=self.context).data
