"""Wagtail admin registrations for pilots, feedback, offerings and the dashboard."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSetGroup

from marketplace.admin import (
    channels,  # noqa: F401 - registers the channel views and menu
    dashboard,  # noqa: F401 - registers the dashboard's hooks
    insight,  # noqa: F401 - registers the breakdowns' admin views
)
from marketplace.admin.feedback import FeedbackViewSet
from marketplace.admin.offerings import OfferingEditProposalViewSet, OfferingViewSet
from marketplace.admin.pilots import PilotPhotoViewSet, PilotViewSet
from marketplace.admin.workspace import IndicatorViewSet, MeasurementViewSet, MilestoneViewSet


class MarketplaceGroup(ModelViewSetGroup):
    menu_label = _("Tori")
    menu_icon = "rocket"
    items = (
        PilotViewSet,
        PilotPhotoViewSet,
        FeedbackViewSet,
        OfferingViewSet,
        OfferingEditProposalViewSet,
    )


@hooks.register("register_admin_viewset")
def register_viewsets():
    # A pilot's workspace: reached from the pilot's edit page, not from the menu.
    return [MarketplaceGroup(), MilestoneViewSet(), IndicatorViewSet(), MeasurementViewSet()]
