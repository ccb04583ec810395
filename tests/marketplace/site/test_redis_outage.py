"""The site with Redis unreachable (`REDIS_URL` pointing at a closed port): public pages, the
API, the sitemap, the feeds and sign-in keep answering; rate limits still count; the outage is
logged once; and when Redis answers again the site uses it again, without resurrecting what
changed meanwhile. The recovery test relays the local Redis (skipped without one)."""

import logging
import secrets
import time

import pytest
import redis
from django.urls import reverse

from marketplace.site.settings.base import redis_caches
from tests.factories.cms import challenge_index, make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.partners import UserFactory
from tests.services import need_redis

from .redis_proxy import REDIS_ADDRESS, RedisRelay, closed_port

pytestmark = pytest.mark.django_db

PASSWORD = "pass-word-123"  # the factory's


def _site_on_redis(settings, url, **options):
    prefix = f"tori-test-{secrets.token_hex(4)}"
    caches = redis_caches(url, prefix)
    for config in caches.values():
        if config["BACKEND"] == "marketplace.site.cache.RedisCache":
            config.setdefault("OPTIONS", {}).update(options)
    settings.CACHES = caches
    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    settings.TORI_PAGE_CACHE_SECONDS = 30
    return prefix


@pytest.fixture
def content(db):
    challenge = make_challenge(phase="voting", title="Lantern walks")
    proposal = ProposalFactory(challenge=challenge, title="Evening lights")
    user = UserFactory(email="resident@example.org")
    return {"challenge": challenge, "proposal": proposal, "user": user}


@pytest.fixture
def redis_down(settings, content):
    """The site configured with Redis on a port where nothing listens."""
    _site_on_redis(settings, f"redis://127.0.0.1:{closed_port()}/0")
    return content


def _sign_in(client, email="resident@example.org", password=PASSWORD):
    return client.post(reverse("partners:login"), {"username": email, "password": password})


def test_public_pages_the_api_the_sitemap_and_the_feeds_answer(client, redis_down):
    challenge, proposal = redis_down["challenge"], redis_down["proposal"]
    index = challenge_index()
    pages = [
        "/en/",
        challenge.url,
        proposal.get_absolute_url(),
        index.url,
        index.url + index.reverse_subpage("feed-rss"),
        index.url + index.reverse_subpage("feed-atom"),
        "/sitemap.xml",
        reverse("search:catalogue"),
        reverse("marketplace:pilot-list"),
        reverse("partners:login"),
    ]
    api = [
        "/api/v1/",
        "/api/v1/proposals/",
        f"/api/v1/proposals/{proposal.pk}/",
        "/api/v1/challenges/",
        "/api/v1/catalogue/",
    ]
    for url in pages + pages:  # twice: a second visit is no different without the cache
        assert client.get(url).status_code == 200, url
    for url in api:
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "application/json", url
    assert "Evening lights" in client.get(challenge.url).content.decode()


def test_signing_in_and_out_works_on_the_database_sessions(client, redis_down):
    response = _sign_in(client)
    assert response.status_code == 302
    profile = client.get(reverse("partners:profile"))
    assert profile.status_code == 200
    assert "resident@example.org" in profile.content.decode()

    assert client.post(reverse("partners:logout")).status_code == 302
    assert client.get(reverse("partners:profile")).status_code == 302  # to the sign-in page


def test_editors_can_still_publish(client, redis_down):
    """Publishing bumps the cached chrome's version: without Redis the bump is skipped."""
    published = make_challenge(phase="proposals", title="Published during the outage")
    assert client.get(published.url).status_code == 200


def test_failed_sign_ins_are_still_limited(client, redis_down, settings):
    """Sign-in limits never switch off: without Redis each worker counts on its own."""
    settings.TORI_LOGIN_RATE = "3/m"
    for _ in range(3):
        assert _sign_in(client, password="wrong").status_code == 200
    refused = _sign_in(client)
    assert refused.status_code == 429
    assert "Too many attempts" in refused.content.decode()


def test_the_api_throttle_still_counts(client, redis_down, settings):
    settings.TORI_API_THROTTLE_RATE = "3/min"
    statuses = [client.get("/api/v1/proposals/").status_code for _ in range(4)]
    assert statuses == [200, 200, 200, 429]


def test_the_outage_is_logged_once_not_on_every_request(client, redis_down, caplog):
    caplog.set_level(logging.WARNING, logger="marketplace.site.cache")
    for _ in range(3):
        assert client.get("/en/").status_code == 200
        assert client.get("/api/v1/proposals/").status_code == 200
    warnings = [r for r in caplog.records if r.name == "marketplace.site.cache"]
    assert len(warnings) == 1
    assert "Redis" in warnings[0].getMessage()


@pytest.fixture
def relay():
    need_redis()
    relay = RedisRelay()
    relay.start()
    yield relay
    relay.stop()


@pytest.fixture
def local_redis():
    return redis.Redis(*REDIS_ADDRESS)


RETRY_AFTER = 0.2


def test_when_redis_returns_it_is_used_again_and_outage_changes_stay(
    settings, content, relay, local_redis
):
    from django.test import Client

    prefix = _site_on_redis(settings, relay.url, RETRY_AFTER=RETRY_AFTER)
    try:
        url = content["challenge"].url
        visitor = Client(HTTP_ACCEPT_LANGUAGE="en")
        assert visitor.get(url)["X-Page-Cache"] == "miss"
        assert visitor.get(url)["X-Page-Cache"] == "hit"
        resident = Client(HTTP_ACCEPT_LANGUAGE="en")
        assert _sign_in(resident).status_code == 302
        old_session = resident.cookies["sessionid"].value

        relay.stop()  # the outage
        assert visitor.get(url).status_code == 200
        assert visitor.get(url)["X-Page-Cache"] == "miss"  # no cache to serve from
        assert resident.post(reverse("partners:logout")).status_code == 302

        relay.start()  # Redis is back, with what it held before the outage
        time.sleep(RETRY_AFTER * 2)
        visitor.get(url)
        assert visitor.get(url)["X-Page-Cache"] == "hit"
        assert list(local_redis.scan_iter(f"{prefix}:*:tori:page:*"))

        # The sign-out made during the outage holds: Redis' old copy of the session is gone.
        returning = Client(HTTP_ACCEPT_LANGUAGE="en")
        returning.cookies["sessionid"] = old_session
        assert returning.get(reverse("partners:profile")).status_code == 302
    finally:
        keys = list(local_redis.scan_iter(f"{prefix}:*"))
        if keys:
            local_redis.delete(*keys)
