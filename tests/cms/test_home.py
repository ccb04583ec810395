import pytest

from tests.factories.cms import make_challenge


@pytest.mark.django_db
def test_home_page_lists_the_challenges_open_now(client):
    make_challenge(phase="proposals", title="Open for ideas")
    make_challenge(phase="voting", title="Vote now")
    make_challenge(phase="closed", title="Long gone")
    make_challenge(phase="proposals", title="Draft only", publish=False)
    page = client.get("/en/").content.decode()
    assert "Open for ideas" in page and "Vote now" in page
    assert "Long gone" not in page and "Draft only" not in page
    assert "How Tori works" in page


@pytest.mark.django_db
def test_home_page_queries_do_not_grow_with_open_challenges(client, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/en/").status_code == 200
        return len(ctx.captured_queries)

    def warm_count():
        count()  # warm the caches (site root paths, menu and footer, bumped by every publish)
        return count()

    make_challenge(phase="proposals", title="First")
    small = warm_count()
    for n in range(5):
        make_challenge(phase="voting", title=f"Another {n}")
    assert warm_count() == small
