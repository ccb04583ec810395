from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class PartnersConfig(AppConfig):
    default = True
    name = "partners"
    verbose_name = _("People and organisations")


class ToriUsersAppConfig(WagtailUsersAppConfig):
    """Wagtail's user admin with forms for our user model (no first or last name)."""

    default = False
    user_viewset = "partners.admin_users.UserViewSet"
