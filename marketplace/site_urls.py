"""Public URLs of pilots and offerings (the marketplace domain)."""

from django.urls import path  # noqa: F401

app_name = "marketplace"

urlpatterns: list = []
