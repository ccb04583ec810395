"""Wagtail admin registrations for proposals, votes and reviews."""

from .admin import proposals, ranking, reviews, votes  # noqa: F401
