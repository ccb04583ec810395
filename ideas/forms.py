"""Forms for proposals, attachments, the team and comments. They parse and validate input;
the services decide."""

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from cms.localize import ItemMultipleChoiceField
from cms.models import CustomerGroup
from partners.images import check_image_upload
from partners.models import Language, Organisation
from partners.translated import TranslationInputsMixin, TranslationsFormMixin

from .models import COVER_SLOT, CommentVisibility, OfficialAnswer, Proposal, TeamInvitation


class ProposalForm(TranslationInputsMixin, forms.Form):
    """Start or edit a proposal. Starting, it opens with who is proposing: one of the person's
    organisations (preselected when they have one) or, where the challenge allows it, the
    person as an individual. `version` is the version the text was loaded from."""

    # The team writes in its own language and may add the title and summary in the others.
    translation_model = Proposal
    translation_fields = ("title", "summary")  # the cover's alt text: CoverForm
    translation_help_text = ""  # the form's fieldset explains the translations

    INDIVIDUAL = "individual"

    organisation = forms.ChoiceField(
        label=_("Who is proposing"),
        choices=(),
        widget=forms.RadioSelect,
        help_text=_("The organisation that leads the proposal, or you as an individual."),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=pgettext_lazy("text field", "Summary"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    body = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 14})
    )
    confidential_pricing = forms.CharField(
        label=_("Pricing and cost breakdown"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Prices, costs and the price model of your offer."),
    )
    confidential_details = forms.CharField(
        label=_("Other confidential details"),
        required=False,
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Trade secrets, methods or anything else that must not be published."),
    )
    customer_groups = ItemMultipleChoiceField(
        label=_("Customer groups served"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    language = forms.ChoiceField(label=_("Language of the proposal"), choices=Language.choices)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args,
        challenge,
        user=None,
        organisations=None,
        individual_allowed=False,
        editing=False,
        **kwargs,
    ):
        super().__init__(*args, **kwargs)
        self.fields["customer_groups"].queryset = CustomerGroup.objects.filter(challenges=challenge)
        if editing:
            del self.fields["organisation"]
        else:
            del self.fields["version"]
            self._organisations = {
                str(organisation.pk): organisation
                for organisation in (organisations if organisations is not None else ())
            }
            choices = [(pk, organisation.name) for pk, organisation in self._organisations.items()]
            if individual_allowed:
                choices.append((self.INDIVIDUAL, _("As an individual")))
            field = self.fields["organisation"]
            field.choices = choices
            if len(self._organisations) == 1:
                field.initial = next(iter(self._organisations))
            elif not self._organisations and individual_allowed:
                field.initial = self.INDIVIDUAL

    CONFIDENTIAL_FIELDS = ("confidential_pricing", "confidential_details")

    def original_fields(self) -> list:
        return [f for f in super().original_fields() if f.name not in self.CONFIDENTIAL_FIELDS]

    def fieldsets(self) -> list[dict]:
        """The confidential parts, under a legend that says who reads them."""
        return [
            {
                "legend": _("Confidential parts"),
                "help": _(
                    "Only your team, the city's staff and the challenge's evaluators read these. "
                    "They are never published, even when the rest of the proposal is public."
                ),
                "css_class": "confidential-parts",
                "fields": [self[name] for name in self.CONFIDENTIAL_FIELDS],
            }
        ]

    def clean_organisation(self):
        """The lead organisation chosen, or None for an individual's proposal."""
        value = self.cleaned_data["organisation"]
        if value == self.INDIVIDUAL:
            return None
        return self._organisations[value]


class SubmitForm(forms.Form):
    publication_consent = forms.BooleanField(
        label=_("I consent to publishing this proposal on Tori for comments and voting."),
        required=False,
        help_text=_("The confidential parts are never published."),
    )
    accept_terms = forms.BooleanField(
        label=_("I accept the challenge's terms for our team."),
        required=False,
    )
    terms_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, consent_required: bool, terms=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.consent_required = consent_required
        self.terms = terms
        if not consent_required:
            del self.fields["publication_consent"]
        if terms is None:
            del self.fields["accept_terms"]
            del self.fields["terms_version"]
        else:
            self.fields["accept_terms"].required = True
            self.fields["accept_terms"].label = _(
                "I accept the challenge's terms (version %(version)s) for our team."
            ) % {"version": terms.version}
            self.fields["accept_terms"].error_messages["required"] = _(
                "Accept the challenge's terms to submit."
            )
            self.fields["terms_version"].initial = terms.version
        if consent_required:
            self.fields["publication_consent"].required = True
            self.fields["publication_consent"].error_messages["required"] = _(
                "This challenge publishes proposals: give your consent to publication to submit."
            )


class TermsAcceptForm(forms.Form):
    """Accept the version of the terms shown (a newer one in the meantime is refused)."""

    accept = forms.BooleanField(
        label=_("I have read the terms and accept them."),
        error_messages={"required": _("Tick the box to accept the terms.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you withdraw it? (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class AttachmentForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,image/png,image/jpeg"}),
    )
    confidential = forms.BooleanField(
        label=_("Confidential"),
        required=False,
        help_text=_("Only your team, the city's staff and the challenge's evaluators can open it."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Said in the language of the page, before the person chooses a file.
        self.fields["file"].help_text = _("PDF, PNG or JPEG, at most %(mb)s MB.") % {
            "mb": settings.TORI_ATTACHMENT_MAX_BYTES // (1024 * 1024)
        }


class CoverForm(TranslationInputsMixin, forms.Form):
    """The team's cover image: an upload (checked by content, decoded), its alternative text
    in the proposal's language and optionally the others, or the mark "decorative"."""

    translation_model = Proposal
    translation_fields = ("cover_image_alt",)
    translation_help_text = ""

    cover_image = forms.FileField(
        label=_("Cover image"),
        required=False,
        help_text=_("PNG or JPEG, at most %(mb)s MB. Shown on the proposal's page and card.")
        % {"mb": settings.TORI_IMAGE_MAX_BYTES // (1024 * 1024)},
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    cover_image_alt = forms.CharField(
        label=_("Alternative text"),
        required=False,
        max_length=250,
        help_text=_("What the image shows, for people who cannot see it."),
    )
    cover_image_decorative = forms.BooleanField(
        label=_("The image is only decoration"),
        required=False,
        help_text=_("Screen readers skip it, and it needs no alternative text."),
    )
    remove = forms.BooleanField(label=_("Remove the cover image"), required=False)

    def __init__(self, *args, proposal: Proposal, **kwargs):
        self.proposal = proposal
        kwargs.setdefault(
            "initial",
            {
                "cover_image_alt": proposal.cover_image_alt,
                "cover_image_decorative": proposal.cover_image_decorative,
            },
        )
        super().__init__(*args, **kwargs)
        if not proposal.cover_image_id:
            del self.fields["remove"]

    def original_language(self) -> str:
        return self.proposal.language

    def existing_translations(self) -> dict:
        return self.proposal.translations or {}

    def clean_cover_image(self):
        upload = self.cleaned_data.get("cover_image")
        if upload:
            check_image_upload(upload)
        return upload

    def clean(self):
        cleaned = super().clean()
        kept = self.proposal.cover_image_id and not cleaned.get("remove")
        COVER_SLOT.check_form(self, has_image=bool(cleaned.get("cover_image") or kept))
        return cleaned


class InvitationForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Invite"),
        choices=TeamInvitation.Kind.choices,
        widget=forms.RadioSelect,
        initial=TeamInvitation.Kind.ORGANISATION,
    )
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("For an organisation, the e-mail address of one of its owners."),
    )


class OrganisationInvitationForm(forms.Form):
    """Invite an organisation picked from the directory; its owners answer for it."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        empty_label=_("Choose an organisation"),
        help_text=_("Its owners see the invitation in their notifications and answer for it."),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class AcceptInvitationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisation joining the team"),
        queryset=Organisation.objects.none(),
        empty_label=_("Choose the organisation"),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 4})
    )
    visibility = forms.ChoiceField(
        label=_("Who sees it"),
        choices=CommentVisibility.choices,
        initial=CommentVisibility.PUBLIC,
        required=False,
    )
    parent = forms.IntegerField(widget=forms.HiddenInput, required=False)


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this comment?"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class HideCommentForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (shown to the author)"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OfficialAnswerForm(TranslationsFormMixin, forms.ModelForm):
    """Staff's answer for the city, in its language, with optional translations beside it."""

    class Meta:
        model = OfficialAnswer
        fields = ["language", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}
        help_texts = {
            "body": _(
                "Public on the proposal's page and sent to its team and the people who follow it."
            )
        }


PUBLIC_REASON_HELP = _(
    "Shown on the proposal's public page and sent to the people who follow the proposal or its "
    "challenge. Leave empty to tell them of the decision without a reason."
)


class StatusChangeForm(forms.Form):
    to_status = forms.ChoiceField(label=_("New status"), choices=())
    reason = forms.CharField(
        label=_("Reason (shown to the team)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    public_reason = forms.CharField(
        label=_("Public reason (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=PUBLIC_REASON_HELP,
    )

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = choices
