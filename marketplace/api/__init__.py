"""Tori's open data API v1 (`/api/v1/`), documented in docs/api.md.

Part of the site's composition root: it may import every app. Read-only and anonymous:
visibility comes from the same querysets the pages use.
"""
