"""Wagtail admin registrations for proposals, votes and reviews."""

from .admin import assisted, overdue, proposals, ranking, reviews, terms, votes  # noqa: F401
