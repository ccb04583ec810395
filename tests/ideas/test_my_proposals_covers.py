"""My proposals shows each proposal's cover as a small card image, with its alternative text
("" for a decorative cover), nothing where there is no cover, and the same number of queries
however many proposals the page lists."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories.ideas import ProposalFactory
from tests.factories.images import make_image
from tests.factories.partners import OrganisationFactory

from .proposal_helpers import challenge, partner

pytestmark = pytest.mark.django_db


def _rows(body: str) -> dict[str, str]:
    """{proposal title: its table row's HTML}."""
    rows = re.findall(r"<tr>\s*<td>.*?</tr>", body, re.S)
    return {re.search(r'<a href="[^"]*"[^>]*>(.*?)</a>', row).group(1): row for row in rows}


def test_each_proposal_shows_its_cover_with_its_alt(client):
    page = challenge()
    org = OrganisationFactory()
    user = partner(org)
    ProposalFactory(
        challenge=page,
        lead_organisation=org,
        title="Bench stops",
        status="draft",
        cover_image=make_image("bench"),
        cover_image_alt="A bus stop with a bench",
    )
    ProposalFactory(
        challenge=page,
        lead_organisation=org,
        title="Pattern walk",
        cover_image=make_image("pattern"),
        cover_image_decorative=True,
    )
    ProposalFactory(challenge=page, lead_organisation=org, title="Plain idea")
    client.force_login(user)

    rows = _rows(client.get(reverse("ideas:my-proposals")).content.decode())

    assert (
        "<picture>" in rows["Bench stops"]
        and 'alt="A bus stop with a bench"' in rows["Bench stops"]
    )
    assert '<img alt=""' in rows["Pattern walk"]
    assert "<picture" not in rows["Plain idea"] and "<img" not in rows["Plain idea"]


def test_query_count_is_the_same_for_2_and_12_proposals_with_covers(client, settings):
    # No rendition cache: the renditions come from the database, as on a cold cache.
    dummy = {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    settings.CACHES = {**settings.CACHES, "renditions": dummy}
    page = challenge()
    org = OrganisationFactory()
    client.force_login(partner(org))
    url = reverse("ideas:my-proposals")
    counts = []
    made = 0
    for total in (2, 12):
        for i in range(made, total):
            ProposalFactory(
                challenge=page,
                lead_organisation=org,
                cover_image=make_image(f"cover {i}"),
                cover_image_alt=f"Cover {i}",
            )
        made = total
        client.get(url)  # renditions are made on the first view
        with CaptureQueriesContext(connection) as queries:
            body = client.get(url).content.decode()
        assert body.count("<picture>") == total
        counts.append(len(queries))
    assert counts[0] == counts[1]
