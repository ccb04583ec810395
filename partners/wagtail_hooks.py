"""Staff manage organisations in the Wagtail admin; moderators set `verified` there."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.forms.models import formfield_for_dbfield as admin_formfield_for_dbfield
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet

from .admin_display import LocalizedExportMixin, register_displays, yes_no_column
from .filters import OrganisationAdminFilter
from .images import ImageAltFormMixin
from .models import LOGO_SLOT, Organisation
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


register_displays()
