"""Shared helpers for browser tests: logging a tab in and building a small, complete site."""

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore


def log_in(tab, user, live_server) -> None:
    """Give the tab a session for `user` (the login form itself is exercised in the journeys)."""
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = next(
        b for b in settings.AUTHENTICATION_BACKENDS if b.endswith("ModelBackend")
    )
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    tab.context.clear_cookies()
    tab.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": session.session_key,
                "url": live_server.url,
            }
        ]
    )


def log_in_with_form(tab, email: str, password: str = "pass-word-123", lang: str = "en") -> None:  # noqa: S107
    tab.context.clear_cookies()
    tab.goto(f"/{lang}/account/login/")
    tab.locator("main form input[type=email], main form input[name=username]").first.fill(email)
    tab.locator("main form input[type=password]").first.fill(password)
    with tab.expect_navigation():
        tab.locator("main form [type=submit]").first.click()
