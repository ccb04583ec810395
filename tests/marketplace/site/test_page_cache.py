"""The anonymous page cache: hits, what invalidates it at once, what only its time limit
covers, and who is never served from it."""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse

from ideas.models import ProposalStatus
from ideas.services.votes import vote_cast
from ideas.services.workflow import change_status
from marketplace.site import page_cache
from tests.factories.cms import make_challenge
from tests.factories.ideas import ProposalFactory
from tests.factories.partners import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cached(settings):
    """The cache switched on (it is off in tests) and empty."""
    settings.TORI_PAGE_CACHE_SECONDS = 30
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` runs the block's on-commit hooks at its end, as a commit would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def challenge(committed):
    with committed():
        page = make_challenge(phase="voting", title="Museum nights")
        ProposalFactory(challenge=page, title="Lantern walks")
    return page


def get(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response


def test_a_second_anonymous_visit_is_one_query(
    cached, client, challenge, django_assert_num_queries
):
    first = get(client, challenge.url)
    assert first["X-Page-Cache"] == "miss"

    with django_assert_num_queries(1):  # the generation
        second = get(client, challenge.url)

    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    for header in ("Content-Type", "X-Frame-Options", "Content-Language"):
        assert second[header] == first[header]
    assert "Content-Security-Policy" in second


def test_the_key_holds_the_query_string_and_the_language(cached, client, challenge):
    get(client, challenge.url)
    assert get(client, challenge.url + "?sort=votes")["X-Page-Cache"] == "miss"
    assert get(client, challenge.url + "?sort=votes")["X-Page-Cache"] == "hit"
    other = Client(HTTP_ACCEPT_LANGUAGE="fi")
    assert get(other, "/sitemap.xml")["X-Page-Cache"] == "miss"
    assert get(client, "/sitemap.xml")["X-Page-Cache"] == "miss"  # English, another key


def test_a_withdrawn_proposal_leaves_the_cached_page_at_once(cached, committed, client, challenge):
    proposal = challenge.proposals.get()
    assert "Lantern walks" in get(client, challenge.url).content.decode()

    with committed():
        change_status(proposal=proposal, to_status=ProposalStatus.WITHDRAWN, by=proposal.created_by)

    response = get(client, challenge.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Lantern walks" not in response.content.decode()


def test_one_bump_per_transaction(cached, challenge, committed):
    before = page_cache.generation()
    with committed() as callbacks:
        ProposalFactory(challenge=challenge)
        ProposalFactory(challenge=challenge)
    assert len([c for c in callbacks if isinstance(c, page_cache._PendingBump)]) == 1
    assert page_cache.generation() == before + 1


class _Undo(Exception):
    pass


def test_a_change_rolled_back_with_its_savepoint_leaves_no_pending_bump(
    cached, challenge, committed
):
    """The bump registered in a rolled-back savepoint goes with it: a later change in the same
    transaction registers its own, and the commit bumps once."""
    before = page_cache.generation()
    with committed() as callbacks:
        with pytest.raises(_Undo), transaction.atomic():
            ProposalFactory(challenge=challenge)
            raise _Undo
        ProposalFactory(challenge=challenge)
    assert len([c for c in callbacks if isinstance(c, page_cache._PendingBump)]) == 1
    assert page_cache.generation() == before + 1


def test_a_rolled_back_transaction_does_not_hold_back_the_next_ones_bump(
    cached, challenge, committed
):
    before = page_cache.generation()
    with pytest.raises(_Undo), transaction.atomic():
        ProposalFactory(challenge=challenge)
        raise _Undo
    assert page_cache.generation() == before
    with committed():
        ProposalFactory(challenge=challenge)
    assert page_cache.generation() == before + 1


def test_votes_do_not_invalidate_but_the_time_limit_does(
    cached, committed, client, challenge, monkeypatch
):
    proposal = challenge.proposals.get()
    voter = UserFactory()
    get(client, challenge.url)
    before = page_cache.generation()

    with committed():
        vote_cast(user=voter, proposal=proposal)

    assert page_cache.generation() == before
    assert get(client, challenge.url)["X-Page-Cache"] == "hit"
    import django.core.cache.backends.locmem as locmem

    now = locmem.time.time()
    monkeypatch.setattr(locmem.time, "time", lambda: now + 31)
    assert get(client, challenge.url)["X-Page-Cache"] == "miss"


def test_last_login_is_not_a_content_change(cached, committed, client, challenge):
    user = UserFactory()
    before = page_cache.generation()
    with committed():
        client.force_login(user)  # saves last_login
    assert page_cache.generation() == before


def test_signed_in_visitors_always_get_a_fresh_page(cached, client, challenge):
    get(client, challenge.url)
    client.force_login(UserFactory())
    response = get(client, challenge.url)
    assert "X-Page-Cache" not in response


def test_any_session_or_csrf_cookie_bypasses_the_cache(cached, challenge):
    Client().get(challenge.url)
    for cookie in ("sessionid", "csrftoken", "messages"):
        client = Client()
        client.cookies[cookie] = "x"
        assert "X-Page-Cache" not in client.get(challenge.url)


def test_pages_that_set_a_cookie_are_not_stored(cached, client):
    url = reverse("partners:login")
    first = client.get(url)
    assert "csrftoken" in first.cookies
    assert "X-Page-Cache" not in first
    assert "X-Page-Cache" not in client.get(url, HTTP_COOKIE="")


def test_the_api_and_the_admin_are_never_cached(cached, client, challenge):
    for url in ("/api/v1/challenges/", "/admin/login/"):
        client.get(url)
        assert "X-Page-Cache" not in client.get(url)


def test_off_when_the_setting_is_zero(settings, client, challenge):
    settings.TORI_PAGE_CACHE_SECONDS = 0
    client.get(challenge.url)
    assert "X-Page-Cache" not in client.get(challenge.url)
