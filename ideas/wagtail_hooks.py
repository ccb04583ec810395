"""Wagtail admin registrations for proposals, votes and reviews."""

from .admin import overdue, proposals, ranking, reviews, votes  # noqa: F401
