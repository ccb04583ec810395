"""Forms for finding partners: a team's call, an organisation's request to join."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.localize import ItemMultipleChoiceField, originals
from partners.models import Capability

from .models import JoinRequest, PartnerCall


class PartnerCallForm(forms.ModelForm):
    capabilities = ItemMultipleChoiceField(
        label=_("Capabilities wanted"),
        queryset=originals(Capability.objects.all()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = PartnerCall
        fields = ["description", "capabilities"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        help_texts = {
            "description": _(
                'For example "a research group with accessibility expertise". Everyone sees '
                "the call with your lead organisation and the challenge, never the draft itself."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            keys = {c.translation_key for c in self.instance.capabilities.all()}
            self.initial["capabilities"] = list(
                originals(Capability.objects.filter(translation_key__in=keys)).values_list(
                    "pk", flat=True
                )
            )


class JoinRequestForm(forms.ModelForm):
    organisation = forms.ModelChoiceField(
        label=_("For the organisation"), queryset=None, empty_label=None
    )

    class Meta:
        model = JoinRequest
        fields = ["organisation", "message"]
        widgets = {"message": forms.Textarea(attrs={"rows": 4})}
        help_texts = {"message": _("What your organisation would bring to the team.")}

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
