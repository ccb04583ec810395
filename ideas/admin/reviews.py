"""Wagtail admin for this concern (registered from ideas/wagtail_hooks.py)."""
