from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Content")

    def ready(self):
        from partners.models import Capability

        from . import cache, notices

        cache.connect(snippets=(Capability,))
        notices.register()
