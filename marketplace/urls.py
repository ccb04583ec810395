"""Public URLs of pilots and offerings (the marketplace domain)."""

from django.urls import path, register_converter

from cms.cities import ALL_SLUGS, city_for_slug

from .views import (
    cities,
    customer_groups,
    offerings,
    onsite,
    pilots,
    procurement,
    testers,
    workspace,
)

app_name = "marketplace"


class CitySlugConverter:
    """Only the cities' slugs (of any language): any other first segment falls through to the
    pages Wagtail serves."""

    regex = "|".join(ALL_SLUGS)

    def to_python(self, value):
        return value

    def to_url(self, value):
        """The city's slug in the active language: the language switcher and the hreflang
        alternates (which reverse the same route under each language) link `/sv/esbo/` from
        `/fi/espoo/`, never a slug that only redirects."""
        found, _in_language = city_for_slug(value)
        return found.slug() if found is not None else value


register_converter(CitySlugConverter, "city")

urlpatterns = [
    path("customer-groups/", customer_groups.customer_group_list, name="customer-group-list"),
    path(
        "customer-groups/<slug:slug>/",
        customer_groups.customer_group_detail,
        name="customer-group-detail",
    ),
    path("pilots/", pilots.pilot_list, name="pilot-list"),
    path("pilots/<int:pk>/", pilots.pilot_detail, name="pilot-detail"),
    path("pilots/<int:pk>/feedback/", pilots.feedback_give, name="feedback-give"),
    path(
        "pilots/<int:pk>/feedback/on-site/<str:token>/",
        onsite.onsite_feedback,
        name="onsite-feedback",
    ),
    path("pilots/<int:pk>/workspace/poster.svg", onsite.poster_svg, name="poster-svg"),
    path("pilots/<int:pk>/workspace/poster.pdf", onsite.poster_pdf, name="poster-pdf"),
    path("pilots/feedback/<int:pk>/report/", pilots.feedback_report, name="feedback-report"),
    path("pilots/<int:pk>/testers/", testers.tester_signup, name="tester-signup"),
    path("pilots/testers/<int:signup_pk>/cancel/", testers.tester_cancel, name="tester-cancel"),
    path(
        "pilots/<int:pk>/workspace/tester-slots/",
        testers.tester_slot_add,
        name="tester-slot-add",
    ),
    path("pilots/<int:pk>/workspace/", workspace.pilot_workspace, name="pilot-workspace"),
    path("pilots/<int:pk>/workspace/milestones/", workspace.milestone_add, name="milestone-add"),
    path(
        "pilots/<int:pk>/workspace/milestones/<int:milestone_pk>/",
        workspace.milestone_edit,
        name="milestone-edit",
    ),
    path("pilots/<int:pk>/workspace/indicators/", workspace.indicator_add, name="indicator-add"),
    path(
        "pilots/<int:pk>/workspace/indicators/<int:indicator_pk>/",
        workspace.indicator_edit,
        name="indicator-edit",
    ),
    path(
        "pilots/<int:pk>/workspace/indicators/<int:indicator_pk>/measurements/",
        workspace.measurement_add,
        name="measurement-add",
    ),
    path(
        "pilots/<int:pk>/workspace/measurements/<int:measurement_pk>/delete/",
        workspace.measurement_delete,
        name="measurement-delete",
    ),
    path("offerings/", offerings.offering_list, name="offering-list"),
    path("offerings/<slug:slug>/", offerings.offering_detail, name="offering-detail"),
    path(
        "offerings/<slug:slug>/propose-changes/",
        offerings.offering_propose_edit,
        name="offering-propose-edit",
    ),
    path(
        "offerings/<slug:slug>/reference/",
        procurement.offering_reference,
        name="offering-reference",
    ),
    # Last: a city's slug is matched only where no other route of this app is.
    path("<city:slug>/", cities.city_front_door, name="city"),
]
