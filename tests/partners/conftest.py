import re

import pytest
from django.conf import settings


@pytest.fixture
def mail_link():
    """The site-relative path of the first Tori link in an e-mail body."""

    def _link(message) -> str:
        match = re.search(re.escape(settings.SITE_URL) + r"(/\S+)", message.body)
        assert match, message.body
        return match.group(1)

    return _link


@pytest.fixture
def run_on_commit(django_capture_on_commit_callbacks):
    """Run on_commit callbacks (e-mails) inside the test transaction."""

    def _run():
        return django_capture_on_commit_callbacks(execute=True)

    return _run


@pytest.fixture(autouse=True)
def _english():
    """URLs reversed in tests point at /en/ pages, whose messages are English."""
    from django.utils import translation

    with translation.override("en"):
        yield
