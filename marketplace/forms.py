"""Forms: parse and validate; the services do the writing."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import date_format
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.images.widgets import AdminImageChooser

from cms.localize import ItemChoiceField, ItemMultipleChoiceField, originals
from cms.models import CustomerGroup
from ideas.models import Proposal, ProposalStatus
from marketplace.services.offerings import unique_offering_slug
from marketplace.services.pilots import allowed_stages
from marketplace.services.workspace import validate_measurement_date
from partners.images import ImageAltFormMixin
from partners.models import City, Language
from partners.translated import TranslationsFormMixin

from .models import (
    Feedback,
    FeedbackReport,
    Indicator,
    Measurement,
    Milestone,
    Offering,
    OfferingEditProposal,
    Pilot,
    PilotOutcome,
    PilotPhoto,
    PilotStage,
    PriceModel,
    ProcurementRecord,
)
from .models.offerings import IMAGE_SLOT
from .models.pilots import PHOTO_SLOT

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def checkboxes(label, choices) -> forms.MultipleChoiceField:
    """An optional choice of several, as checkboxes (an offering's cities and languages)."""
    return forms.MultipleChoiceField(
        label=label, choices=choices, widget=forms.CheckboxSelectMultiple, required=False
    )


def _dated(form_class):
    for field in form_class.base_fields.values():
        if isinstance(field, forms.DateField):
            field.widget = DATE_WIDGET
    return form_class


# Workspace ------------------------------------------------------------------------------------


class _PilotTextForm(TranslationsFormMixin, forms.ModelForm):
    """A milestone's or indicator's text is in its pilot's language; the team may add the
    others (`pilot` is given for a new one)."""

    def __init__(self, *args, pilot: Pilot | None = None, **kwargs):
        self.pilot = pilot
        super().__init__(*args, **kwargs)

    def original_language(self) -> str:
        if not self.instance.pk and self.pilot is not None:
            return self.pilot.language
        return super().original_language()


@_dated
class MilestoneForm(_PilotTextForm):
    class Meta:
        model = Milestone
        fields = ["title", "due_date", "done_date"]


class IndicatorForm(_PilotTextForm):
    class Meta:
        model = Indicator
        fields = ["name", "unit", "baseline", "target", "higher_is_better"]
        labels = {"higher_is_better": _("Higher is better (untick if lower is better)")}

    def clean(self):
        data = super().clean()
        baseline, target, higher = (
            data.get("baseline"),
            data.get("target"),
            data.get("higher_is_better"),
        )
        if baseline is not None and target is not None:
            if higher and target < baseline:
                self.add_error(
                    "target", _("When higher is better, the target cannot be below the baseline.")
                )
            elif not higher and target > baseline:
                self.add_error(
                    "target", _("When lower is better, the target cannot be above the baseline.")
                )
        return data


@_dated
class MeasurementForm(forms.ModelForm):
    class Meta:
        model = Measurement
        fields = ["date", "value"]

    def __init__(self, *args, pilot: Pilot, **kwargs):
        super().__init__(*args, **kwargs)
        self.pilot = pilot
        self.fields["date"].help_text = _("Between %(start)s and %(end)s.") % {
            "start": date_format(pilot.start_date, "SHORT_DATE_FORMAT"),
            "end": date_format(pilot.end_date, "SHORT_DATE_FORMAT"),
        }

    def clean_date(self):
        value = self.cleaned_data["date"]
        try:
            validate_measurement_date(pilot=self.pilot, value_date=value)
        except ValidationError as error:
            raise ValidationError(error.message_dict["date"]) from error
        return value


# Feedback -------------------------------------------------------------------------------------


class FeedbackForm(forms.ModelForm):
    rating = forms.TypedChoiceField(
        label=_("Rating"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("1 = poor, 5 = excellent"),
    )

    class Meta:
        model = Feedback
        fields = ["rating", "comment", "customer_group"]
        labels = {"customer_group": _("I belong to (optional)")}
        field_classes = {"customer_group": ItemChoiceField}

    def __init__(self, *args, pilot: Pilot, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["customer_group"].queryset = CustomerGroup.objects.filter(
            challenges=pilot.proposal.challenge
        ).distinct()
        self.fields["customer_group"].required = False
        self.fields["customer_group"].empty_label = _("I prefer not to say")


class FeedbackReportForm(forms.ModelForm):
    class Meta:
        model = FeedbackReport
        fields = ["reason"]
        labels = {"reason": _("Why should a moderator look at this feedback?")}


class FeedbackHideForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for hiding"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000
    )


# Offerings ------------------------------------------------------------------------------------


class OfferingEditProposalForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=pgettext_lazy("text field", "Summary"), widget=forms.Textarea(attrs={"rows": 3})
    )
    description = forms.CharField(label=_("Description"), widget=forms.Textarea, required=False)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)
    price_model = forms.ChoiceField(label=_("Price model"), choices=PriceModel.choices)
    cities = checkboxes(_("Cities where available"), City.choices)
    languages = checkboxes(_("Languages"), Language.choices)
    note = forms.CharField(
        label=_("Note to staff"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    @classmethod
    def for_offering(cls, offering: Offering, data=None):
        initial = {name: getattr(offering, name) for name in OfferingEditProposal.EDITABLE_FIELDS}
        return cls(data=data, initial=initial)

    def changes(self) -> dict:
        return {name: self.cleaned_data[name] for name in OfferingEditProposal.EDITABLE_FIELDS}


# Wagtail admin --------------------------------------------------------------------------------


class PilotAdminForm(TranslationsFormMixin, WagtailAdminModelForm):
    """Create or edit a pilot's details. The stage and outcome move only through the stage action."""

    class Meta:
        model = Pilot
        fields = [
            "proposal",
            "language",
            "title",
            "venue",
            "start_date",
            "end_date",
            "budget_eur",
            "public_summary",
            "easy_read_summary",
            "published",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["proposal"].disabled = True
            self.fields["proposal"].queryset = Proposal.objects.filter(pk=self.instance.proposal_id)
            self.fields["proposal"].empty_label = None  # fixed: the pilot's own proposal
        else:
            self.fields["proposal"].queryset = Proposal.objects.filter(
                status=ProposalStatus.SELECTED, pilot__isnull=True
            ).select_related("challenge")
            self.fields["proposal"].help_text = _("A selected proposal without a pilot.")
            self.fields["proposal"].empty_label = _("Choose a proposal")

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        return data


class PilotStageForm(forms.Form):
    to_stage = forms.ChoiceField(label=_("Move to stage"))
    outcome = forms.ChoiceField(
        label=_("Outcome"),
        choices=[("", _("No outcome (the pilot is not completed)")), *PilotOutcome.choices],
        required=False,
        help_text=_("Required when, and only when, the pilot is completed."),
    )

    def __init__(self, *args, pilot: Pilot, **kwargs):
        super().__init__(*args, **kwargs)
        self.pilot = pilot
        self.fields["to_stage"].choices = [
            (s, PilotStage(s).label) for s in allowed_stages(pilot.stage)
        ]

    def clean(self):
        data = super().clean()
        to_stage, outcome = data.get("to_stage"), data.get("outcome")
        if to_stage == PilotStage.COMPLETED and not outcome:
            self.add_error("outcome", _("Choose the outcome when the pilot is completed."))
        elif to_stage and to_stage != PilotStage.COMPLETED and outcome:
            self.add_error("outcome", _("The outcome is set only when the pilot is completed."))
        return data


class OfferingAdminForm(ImageAltFormMixin, TranslationsFormMixin, WagtailAdminModelForm):
    image_slots = (IMAGE_SLOT,)
    cities = checkboxes(_("Cities where available"), City.choices)
    languages = checkboxes(_("Languages"), Language.choices)

    class Meta:
        model = Offering
        fields = [
            "language",
            "title",
            "slug",
            "summary",
            "description",
            "easy_read_summary",
            "providers",
            "customer_groups",
            "themes",
            "cities",
            "languages",
            "price_model",
            "contact_email",
            "pilot",
            "image",
            "image_alt",
            "image_decorative",
            "published",
        ]
        widgets = {
            # Named here: the form class is built before wagtail.images registers its chooser.
            "image": AdminImageChooser,
            "providers": forms.CheckboxSelectMultiple,
            "customer_groups": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
        }
        # Each customer group and theme once, named in the staff member's language.
        field_classes = {
            "customer_groups": ItemMultipleChoiceField,
            "themes": ItemMultipleChoiceField,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("customer_groups", "themes"):
            field = self.fields[name]
            field.queryset = originals(field.queryset.model.objects.all())
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("Leave empty to make one from the title.")
        self.fields["pilot"].queryset = Pilot.objects.filter(stage=PilotStage.COMPLETED)
        self.fields["pilot"].empty_label = _("No pilot")
        self.fields["image"].empty_label = _("No image")
        # A prompt, not a value: the field stays required.
        self.fields["price_model"].choices = [("", _("Choose a price model")), *PriceModel.choices]
        self.fields["providers"].required = True

    def clean_slug(self):
        return self.cleaned_data.get("slug") or unique_offering_slug(
            self.cleaned_data.get("title", ""), exclude_pk=self.instance.pk
        )


class PilotPhotoAdminForm(ImageAltFormMixin, TranslationsFormMixin, WagtailAdminModelForm):
    """A photo of a pilot: the image (its focal point set in the image library), described or
    marked decorative, with an optional caption; the alt text and caption in every language."""

    image_slots = (PHOTO_SLOT,)

    class Meta:
        model = PilotPhoto
        fields = ["pilot", "language", "image", "alt_text", "decorative", "caption", "sort_order"]
        widgets = {"image": AdminImageChooser}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pilot"].empty_label = _("Choose a pilot")


class ProcurementAdminForm(TranslationsFormMixin, WagtailAdminModelForm):
    """How the city buys the service of a completed, adopted pilot; the public note in every
    language. `procurement_save` does the writing."""

    # An address typed without its scheme is taken to be https (Hilma and TED are).
    notice_url = forms.URLField(
        label=capfirst(ProcurementRecord._meta.get_field("notice_url").verbose_name),
        help_text=ProcurementRecord._meta.get_field("notice_url").help_text,
        required=False,
        assume_scheme="https",
    )

    class Meta:
        model = ProcurementRecord
        fields = [
            "method",
            "contract_reference",
            "notice_url",
            "value_eur",
            "decided_on",
            "contract_start",
            "contract_end",
            "language",
            "note",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["method"].choices = [
            ("", _("Choose how the city buys the service")),
            *ProcurementRecord._meta.get_field("method").choices,
        ]
        self.fields["contract_reference"].help_text = _(
            "The city's reference for the contract or the procurement decision."
        )

    def clean(self):
        data = super().clean()
        start, end = data.get("contract_start"), data.get("contract_end")
        if start and end and end < start:
            self.add_error("contract_end", _("The contract cannot end before it starts."))
        return data
