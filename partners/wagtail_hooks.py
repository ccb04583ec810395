"""Staff manage organisations in the Wagtail admin; moderators set `verified` there. The shared
list of capabilities is a translatable snippet, translated side by side with wagtail-localize
as the customer groups and themes are."""

import django_filters
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.forms.models import formfield_for_dbfield as admin_formfield_for_dbfield
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from . import rules
from .admin_access import RulePermissionPolicy
from .admin_display import LocalizedExportMixin, register_displays, yes_no_column
from .filters import OrganisationAdminFilter
from .images import ImageAltFormMixin
from .models import LOGO_SLOT, Capability, Delivery, Organisation
from .services import assisted
from .translated import with_translations


class OrganisationIndexView(LocalizedExportMixin, generic.IndexView):
    pass


class _PromptsMixin:
    """Prompts, not dashes, as the first option; the fields stay as required as they were."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, prompt in (("kind", _("Choose a kind")), ("city", _("Choose a city"))):
            field = self.fields[name]
            field.choices = [("", prompt), *(c for c in field.choices if c[0] != "")]
        self.fields["logo"].empty_label = _("No logo")


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Organisations")
    menu_order = 300
    add_to_admin_menu = True
    index_view_class = OrganisationIndexView
    list_display = [
        "name",
        "kind",
        "city",
        "business_id",
        yes_no_column(Organisation, "verified"),
    ]
    list_export = ["name", "kind", "city", "business_id", "website", "verified", "created_at"]
    search_fields = ["name", "business_id", "description"]
    filterset_class = OrganisationAdminFilter
    form_fields = [
        "name",
        "slug",
        *(name for name in Organisation.profile_fields if name != "name" and "logo" not in name),
        "logo",
        "logo_alt",
        "logo_decorative",
        "verified",
    ]
    inspect_view_enabled = True

    def formfield_for_dbfield(self, db_field, **kwargs):
        """Wagtail's admin widgets (the image chooser for the logo), as a panel would give;
        the viewset's own default is Django's plain form field (a select of every image)."""
        return admin_formfield_for_dbfield(db_field, **kwargs)

    def get_form_class(self, for_update=False):
        base = super().get_form_class(for_update)
        checked = type(base)(
            base.__name__,
            (_PromptsMixin, ImageAltFormMixin, base),
            {
                "image_slots": (LOGO_SLOT,),
                "__module__": base.__module__,
            },
        )
        return with_translations(checked)


organisation_viewset = OrganisationViewSet("organisations")


@hooks.register("register_admin_viewset")
def register_organisation_viewset():
    return organisation_viewset


register_permission_policy(
    Delivery,
    RulePermissionPolicy(Delivery, predicate=rules.can_view_deliveries, actions={"view"}),
)


class DeliveryFilterSet(WagtailFilterSet):
    class Meta:
        model = Delivery
        fields = ["status", "mode"]


class DeliveryViewSet(ModelViewSet):
    """The notice e-mails and what became of them, for site administrators: what is waiting,
    what failed and why, when the next attempt is. Read-only: delivery writes it."""

    model = Delivery
    icon = "mail"
    menu_label = _("E-mail deliveries")
    add_to_settings_menu = True
    filterset_class = DeliveryFilterSet
    list_display = ["recipient", "notification", "mode", "status", "attempts", "created_at"]
    search_fields = ["recipient__email", "notification__subject"]
    inspect_view_enabled = True
    inspect_view_fields = [
        "recipient",
        "notification",
        "mode",
        "status",
        "attempts",
        "last_error",
        "next_attempt_at",
        "sent_at",
        "created_at",
    ]
    copy_view_enabled = False
    form_fields = ["status"]  # never offered: the policy grants viewing only

    def get_queryset(self, request):
        return Delivery.objects.select_related("recipient", "notification")


delivery_viewset = DeliveryViewSet("deliveries")


@hooks.register("register_admin_viewset")
def register_delivery_viewset():
    return delivery_viewset


register_displays()


register_permission_policy(
    Capability,
    RulePermissionPolicy(
        Capability,
        predicate=rules.can_manage_capabilities,
        actions={"add", "change", "delete", "view"},
    ),
)


class CapabilityFilterSet(WagtailFilterSet):
    slug = django_filters.CharFilter(label=pgettext_lazy("field", "slug"), lookup_expr="icontains")

    class Meta:
        model = Capability
        fields = ["slug"]


class CapabilityViewSet(SnippetViewSet):
    """The capabilities organisations tag themselves with and calls for partners ask for."""

    model = Capability
    icon = "tag"
    menu_label = _("Capabilities")
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    search_fields = ["name", "slug", "description"]
    search_backend_name = None
    filterset_class = CapabilityFilterSet
    panels = ["name", "slug", "description"]


register_snippet(CapabilityViewSet)


@hooks.register("register_log_actions")
def register_assisted_log_actions(actions):
    actions.register_action(
        assisted.ACCOUNT_FOR_PERSON_ACTION,
        _("Account opened for a person by staff"),
        _("Account opened by staff for a person taking part by phone or in person"),
    )
    actions.register_action(
        assisted.ADDRESS_CONFIRMED_ACTION,
        _("E-mail address confirmed by staff"),
        _("E-mail address confirmed with the person by staff"),
    )
