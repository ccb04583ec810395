"""Forms of feedback that comes in without an account: the on-site form (QR code, kiosk),
staff's entry on a person's behalf, and the CSV import of paper or kiosk feedback."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cms.localize import ItemChoiceField
from cms.models import CustomerGroup
from partners.channels import Channel

from .models import Pilot


def rating_field():
    return forms.TypedChoiceField(
        label=_("Rating"),
        choices=[(n, str(n)) for n in range(1, 6)],
        coerce=int,
        widget=forms.RadioSelect,
        help_text=_("1 = poor, 5 = excellent"),
    )


class OnsiteFeedbackForm(forms.Form):
    """Feedback on site, without an account: a rating, a comment, and two optional things."""

    rating = rating_field()
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    customer_group = ItemChoiceField(
        label=_("I belong to (optional)"),
        queryset=CustomerGroup.objects.none(),
        required=False,
        empty_label=_("I prefer not to say"),
        help_text=_(
            "It helps the city see how the service works for different people. "
            "Your answer is not linked to your name."
        ),
    )
    reply_email = forms.EmailField(
        label=_("E-mail for a reply (optional)"),
        required=False,
        help_text=_("Only if you want an answer. It is never shown publicly."),
    )
    kiosk = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, pilot: Pilot | None, **kwargs):
        super().__init__(*args, **kwargs)
        if pilot is not None:
            self.fields["customer_group"].queryset = CustomerGroup.objects.filter(
                challenges=pilot.proposal.challenge
            ).distinct()

    @property
    def channel(self) -> str:
        return Channel.KIOSK if self.cleaned_data.get("kiosk") else Channel.QR


class AssistedFeedbackForm(OnsiteFeedbackForm):
    """Staff enter a person's feedback given by phone or in person."""

    pilot = forms.ModelChoiceField(label=_("Pilot"), queryset=Pilot.objects.none())
    person_name = forms.CharField(
        label=_("The person's name"),
        max_length=200,
        help_text=_("For staff only: it is never shown publicly."),
    )
    entry_consent = forms.BooleanField(
        label=_("The person consented to my entering this on their behalf"), required=True
    )
    field_order = ["pilot", "person_name", "entry_consent", "rating", "comment", "customer_group"]

    def __init__(self, *args, pilots, pilot=None, **kwargs):
        super().__init__(*args, pilot=None, **kwargs)
        del self.fields["kiosk"]
        self.fields["pilot"].queryset = pilots
        self.fields["customer_group"].queryset = CustomerGroup.objects.filter(
            challenges__proposals__pilot__in=pilots
        ).distinct()
        self.fields["customer_group"].help_text = ""
        self.fields["reply_email"].label = _("The person's e-mail for a reply (optional)")


class FeedbackImportForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("UTF-8, comma-separated, with the template's header row."),
    )
    channel = forms.ChoiceField(
        label=_("Channel"),
        choices=[(Channel.PAPER, Channel.PAPER.label), (Channel.KIOSK, Channel.KIOSK.label)],
        help_text=_("Used for rows that leave the channel column empty."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size == 0:
            raise forms.ValidationError(_("The file is empty."))
        if upload.size > settings.TORI_FEEDBACK_IMPORT_MAX_BYTES:
            raise forms.ValidationError(
                _("The file is too large: at most %(size)d kB.")
                % {"size": settings.TORI_FEEDBACK_IMPORT_MAX_BYTES // 1024}
            )
        return upload
