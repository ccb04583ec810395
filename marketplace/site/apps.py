from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """The site's plumbing as an app of its own, last in the import chain: its ready() connects
    the anonymous page cache to the writes of every app below it."""

    name = "marketplace.site"
    label = "tori_site"
    verbose_name = _("Site")

    def ready(self):
        from marketplace import signals
        from marketplace.services import notices

        from . import page_cache

        page_cache.connect()
        notices.register()
        signals.pilot_changed.connect(notices.on_pilot_changed, dispatch_uid="tori-pilot-notices")
        signals.offering_changed.connect(
            notices.on_offering_changed, dispatch_uid="tori-offering-notices"
        )
