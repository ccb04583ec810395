"""Wagtail admin registrations for proposals, votes and reviews."""

from .admin import proposals, reviews, votes  # noqa: F401
