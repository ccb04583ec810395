"""URLs of API v1, mounted at /api/v1/ outside the language-prefixed pages."""

from django.urls import path, re_path
from rest_framework.routers import SimpleRouter

from . import catalogue, customer_groups, docs, units, views

app_name = "api"

router = SimpleRouter(trailing_slash=True)
router.register("challenges", views.ChallengeViewSet, basename="challenge")
router.register("proposals", views.ProposalViewSet, basename="proposal")
router.register("pilots", views.PilotViewSet, basename="pilot")
router.register("offerings", views.OfferingViewSet, basename="offering")
router.register("organisations", views.OrganisationViewSet, basename="organisation")
router.register("customer-groups", customer_groups.CustomerGroupViewSet, basename="customer-group")
router.register("units", units.UnitViewSet, basename="unit")
router.register("cities", units.CityViewSet, basename="city")

urlpatterns = [
    path("", docs.ApiRootView.as_view(), name="root"),
    *router.urls,
    path("catalogue/", catalogue.CatalogueView.as_view(), name="catalogue"),
    path("schema/", docs.SchemaView.as_view(), name="schema"),
    path("docs/", docs.documentation, name="docs"),
    re_path(r"^.*$", docs.not_found, name="not-found"),
]
