"""A challenge's terms in the Wagtail admin: staff add versions (a version someone accepted
is never rewritten; the next one asks the teams to accept again) and read who accepted which
version when."""

import django_filters
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy

from cms.localize import ItemChoiceFilter, originals
from cms.models import ChallengePage
from partners.admin_access import RulePermissionPolicy
from partners.translated import TranslationsFormMixin

from ..models import ChallengeTerms, TermsAcceptance
from ..rules import confidential as confidential_rules
from ..services import terms as terms_services
from ..services.proposals import ProposalError

register_permission_policy(
    ChallengeTerms,
    RulePermissionPolicy(
        ChallengeTerms,
        predicate=confidential_rules.can_manage_terms,
        actions={"add", "change", "view"},
    ),
)
register_permission_policy(
    TermsAcceptance,
    RulePermissionPolicy(
        TermsAcceptance, predicate=confidential_rules.can_manage_terms, actions={"view"}
    ),
)


def _challenges():
    return originals(ChallengePage.objects.all())


class TermsForm(TranslationsFormMixin, WagtailAdminModelForm):
    class Meta:
        model = ChallengeTerms
        fields = ["challenge", "language", "body", "change_note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["challenge"].queryset = _challenges()
        self.fields["challenge"].empty_label = _("Choose a challenge")
        if self.instance.pk:
            self.fields["challenge"].disabled = True


class TermsSaveMixin:
    """Saves the form through a terms service; a refusal comes back on the form, above its
    fields, with the admin's usual error message."""

    def save_terms(self, data):
        raise NotImplementedError

    def save_instance(self):
        try:
            return self.save_terms(self.form.cleaned_data)
        except ProposalError as error:
            raise ValidationError(error.message) from error

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as error:
            form.add_error(None, error)
            self.produced_error_code = "validation_error"
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)


class TermsCreateView(TermsSaveMixin, generic.CreateView):
    def save_terms(self, data):
        return terms_services.terms_publish(
            challenge=data["challenge"],
            by=self.request.user,
            body=data["body"],
            change_note=data.get("change_note", ""),
            language=data.get("language") or "fi",
            translations=self.form.translations_from_form(),
        )


class TermsEditView(TermsSaveMixin, generic.EditView):
    def save_terms(self, data):
        self.form.instance.set_translations(self.form.translations_from_form())
        return terms_services.terms_update(
            terms=self.object,
            by=self.request.user,
            body=data["body"],
            change_note=data.get("change_note", ""),
            language=data.get("language") or self.object.language,
            translations=self.form.instance.translations,
        )


class TermsFilterSet(WagtailFilterSet):
    challenge = ItemChoiceFilter(label=_("Challenge"), queryset=lambda request: _challenges())

    class Meta:
        model = ChallengeTerms
        fields = ["challenge"]


class TermsViewSet(ModelViewSet):
    model = ChallengeTerms
    icon = "doc-full-inverse"
    menu_label = _("Terms")
    add_to_admin_menu = False
    add_view_class = TermsCreateView
    edit_view_class = TermsEditView
    filterset_class = TermsFilterSet
    list_display = [
        Column("challenge", label=_("Challenge")),
        Column("version", label=_("Version")),
        Column("change_note", label=_("What changed")),
        Column("acceptance_count", label=_("Acceptances")),
        Column("created_at", label=_("Created at")),
    ]
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_form_class(self, for_update=False):
        return TermsForm

    def get_queryset(self, request):
        return ChallengeTerms.objects.select_related("challenge").annotate(
            acceptance_count=Count("acceptances")
        )


class AcceptanceFilterSet(WagtailFilterSet):
    terms__challenge = ItemChoiceFilter(
        label=_("Challenge"), queryset=lambda request: _challenges()
    )
    role = django_filters.ChoiceFilter(choices=TermsAcceptance.Role.choices, label=_("Accepted"))

    class Meta:
        model = TermsAcceptance
        fields = ["terms__challenge", "role"]


class AcceptanceViewSet(ModelViewSet):
    """Who accepted which version when: read only."""

    model = TermsAcceptance
    form_fields = ["user_name"]  # never offered: the permission policy only lets staff view
    icon = "tick"
    menu_label = _("Terms acceptances")
    add_to_admin_menu = False
    filterset_class = AcceptanceFilterSet
    list_display = [
        Column("user_name", label=_("Accepted by")),
        Column("role", label=_("Accepted"), accessor="get_role_display"),
        Column("proposal", label=_("Proposal")),
        Column("terms", label=_("Terms version")),
        Column("accepted_at", label=_("Accepted at")),
    ]
    list_export = ["user_name", "role", "proposal", "terms", "accepted_at"]
    export_filename = "terms-acceptances"
    search_fields = ["user_name", "proposal__title"]
    search_backend_name = None
    inspect_view_enabled = True
    copy_view_enabled = False

    def get_queryset(self, request):
        return TermsAcceptance.objects.select_related("terms__challenge", "proposal")


terms_viewset = TermsViewSet("challenge_terms")
acceptance_viewset = AcceptanceViewSet("terms_acceptances")


@hooks.register("register_admin_viewset")
def register_terms_viewsets():
    return [terms_viewset, acceptance_viewset]
