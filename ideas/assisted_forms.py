"""Staff's forms for entering a vote, an idea or a comment on a person's behalf. Each names
the person (by e-mail; a name for a new account), records their consent, and says what to
enter. The services decide (`ideas.services.assisted`)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from cms.localize import ItemMultipleChoiceField
from cms.models import CustomerGroup
from partners.models import Language

from .forms import ProposalForm
from .models import Proposal


class ProposalChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.text('title')} ({obj.challenge.title})"


class PersonForm(forms.Form):
    """Who the entry is for, and their consent."""

    email = forms.EmailField(
        label=_("The person's e-mail address"),
        help_text=_(
            "Read it back to the person. What you enter goes to their account; if they have "
            "none, one is opened for them and they are told how to sign in."
        ),
    )
    name = forms.CharField(
        label=_("The person's name as shown publicly"),
        max_length=100,
        required=False,
        help_text=_("Needed only when the address has no account yet."),
    )
    language = forms.ChoiceField(
        label=_("The person's language"),
        choices=Language.choices,
        help_text=_("Tori writes to the person in this language."),
    )
    entry_consent = forms.BooleanField(
        label=_("The person consented to my entering this on their behalf"),
        error_messages={"required": _("Enter it only when the person has consented.")},
    )


class VoteOnBehalfForm(PersonForm):
    proposal = ProposalChoiceField(
        label=_("Proposal to vote for"), queryset=Proposal.objects.none(), empty_label=None
    )
    field_order = ["proposal", "email", "name", "language", "entry_consent"]

    def __init__(self, *args, proposals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposal"].queryset = proposals


class CommentOnBehalfForm(PersonForm):
    proposal = ProposalChoiceField(
        label=_("Proposal to comment on"), queryset=Proposal.objects.none(), empty_label=None
    )
    body = forms.CharField(
        label=_("Comment"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("In the person's own words. It is shown publicly under their name."),
    )
    field_order = ["proposal", "body", "email", "name", "language", "entry_consent"]

    def __init__(self, *args, proposals, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["proposal"].queryset = proposals


class IdeaOnBehalfForm(PersonForm):
    """The person's idea for one challenge: submitted at once, as the person would."""

    # The same text fields as a proposal's own form.
    title = ProposalForm.base_fields["title"]
    summary = ProposalForm.base_fields["summary"]
    body = ProposalForm.base_fields["body"]
    idea_language = forms.ChoiceField(label=_("Language of the idea"), choices=Language.choices)
    customer_groups = ItemMultipleChoiceField(
        label=_("Customer groups served"),
        queryset=CustomerGroup.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    publication_consent = forms.BooleanField(
        label=_("The person consents to publishing the idea on Tori for comments and voting."),
        error_messages={
            "required": _(
                "This challenge publishes proposals: the person's consent to publication is needed."
            )
        },
    )
    accept_terms = forms.BooleanField(
        label=_("I read the challenge's terms to the person and they accept them."),
        error_messages={"required": _("The person must accept the challenge's terms.")},
    )
    terms_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    field_order = ["title", "summary", "body", "idea_language", "customer_groups"]

    def __init__(self, *args, challenge, terms=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["customer_groups"].queryset = CustomerGroup.objects.filter(challenges=challenge)
        if not challenge.proposals_public:
            del self.fields["publication_consent"]
        if terms is None:
            del self.fields["accept_terms"]
            del self.fields["terms_version"]
        else:
            self.fields["terms_version"].initial = terms.version
