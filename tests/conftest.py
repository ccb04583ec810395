import pytest


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _clear_local_caches():
    """Every local-memory cache (never a Redis a test points at: clear() would flush its db)."""
    from django.conf import settings
    from django.core.cache import caches

    for alias, config in settings.CACHES.items():
        if config["BACKEND"].endswith("LocMemCache"):
            caches[alias].clear()


@pytest.fixture(autouse=True)
def _clear_cache():
    _clear_local_caches()
    yield
    _clear_local_caches()


@pytest.fixture(autouse=True)
def _english_by_default():
    """Tests read English unless they ask for a language (the site's default is Finnish):
    code outside requests runs in English and the test client prefers English."""
    from django.utils import translation

    with translation.override("en"):
        yield


@pytest.fixture
def client():
    from django.test import Client

    return Client(HTTP_ACCEPT_LANGUAGE="en")
