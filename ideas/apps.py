from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdeasConfig(AppConfig):
    name = "ideas"
    verbose_name = _("Proposals")

    def ready(self) -> None:
        from . import signals
        from .services import notices

        notices.register_followables()
        signals.status_changed.connect(
            notices.on_status_changed, dispatch_uid="ideas-status-notify"
        )
