"""Reads about people and organisations."""

from django.db.models import Prefetch

from .images import with_renditions
from .models import Membership, Organisation, OrganisationInvitation


def organisation_directory():
    """Organisations for the public directory, with their member counts and logos (a fixed
    number of queries per page)."""
    return with_renditions(Organisation.objects.with_member_count().order_by("name", "pk"), "logo")


def organisation_members(*, organisation: Organisation):
    return (
        Membership.objects.filter(organisation=organisation)
        .select_related("user")
        .order_by("-role", "user__display_name", "pk")
    )


def organisation_pending_invitations(*, organisation: Organisation):
    return OrganisationInvitation.objects.filter(
        organisation=organisation, status=OrganisationInvitation.Status.PENDING
    ).select_related("invited_by")


def memberships_of(*, user):
    return (
        Membership.objects.filter(user=user)
        .select_related("organisation")
        .order_by("organisation__name")
    )


def organisation_with_members(*, slug: str):
    return (
        with_renditions(Organisation.objects.all(), "logo")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=Membership.objects.select_related("user").order_by("-role", "pk"),
            )
        )
        .filter(slug=slug)
    )
