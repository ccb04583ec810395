"""Demo pilots and offerings, in fi, sv and en, built through the services (texts in content.py)."""

from .seed import seed  # noqa: F401
