"""The customer-groups endpoint: each group once, in the language asked, with what serves it
counted from public items only, found by id or slug; never anything about its members."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from cms.models import CustomerGroup, CustomerGroupMembership
from ideas.models import ProposalStatus
from tests.factories.cms import CustomerGroupFactory, make_challenge, translate_snippet
from tests.factories.ideas import ProposalFactory
from tests.factories.marketplace import OfferingFactory, PilotFactory, selected_proposal
from tests.factories.partners import UserFactory

pytestmark = pytest.mark.django_db

LIST = "/api/v1/customer-groups/"


def swedish_copy(group):
    return CustomerGroup.objects.get(
        translation_key=group.translation_key, locale__language_code="sv"
    )


FIELDS = {
    "id",
    "slug",
    "url",
    "name",
    "description",
    "needs",
    "channels",
    "barriers",
    "language",
    "sensitive",
    "served",
    "links",
}


@pytest.fixture
def seniors():
    group = CustomerGroupFactory(
        name="Ikäihmiset",
        slug="seniors",
        description="Yli 65-vuotiaat.",
        needs="Istumapaikkoja.",
        channels="Paperilomake.",
        barriers="Pieni teksti.",
    )
    translate_snippet(
        group,
        "sv",
        name="Seniorer",
        description="Över 65 år.",
        needs="Sittplatser.",
        channels="Pappersblankett.",
        barriers="Liten text.",
    )
    return group


def test_list_shows_each_group_once_in_the_language_asked(client, seniors):
    CustomerGroupFactory(name="Koululaiset", slug="schools")
    body = client.get(LIST, {"lang": "sv"}).json()
    assert body["count"] == 2
    by_slug = {item["slug"]: item for item in body["results"]}
    assert set(by_slug["seniors"]) == FIELDS
    assert by_slug["seniors"]["name"] == "Seniorer"
    assert by_slug["seniors"]["channels"] == "Pappersblankett."
    assert by_slug["seniors"]["barriers"] == "Liten text."
    assert by_slug["seniors"]["language"] == "sv"
    assert by_slug["seniors"]["id"] == seniors.pk
    assert by_slug["seniors"]["url"] == f"{settings.SITE_URL}/sv/customer-groups/seniors/"
    # No Swedish copy: the original, marked as Finnish.
    assert (by_slug["schools"]["name"], by_slug["schools"]["language"]) == ("Koululaiset", "fi")


def test_detail_by_id_of_any_copy_or_by_slug(client, seniors):
    swedish = swedish_copy(seniors)
    for key in (seniors.pk, swedish.pk, "seniors"):
        response = client.get(f"{LIST}{key}/", {"lang": "fi"})
        assert response.status_code == 200, key
        assert (response.json()["id"], response.json()["name"]) == (seniors.pk, "Ikäihmiset")
    for missing in ("nobody", 10**9, 2**64):
        response = client.get(f"{LIST}{missing}/")
        assert response.status_code == 404
        assert response["Content-Type"].startswith("application/json")


def test_counts_only_public_items_that_serve_the_group(client, seniors):
    challenge = make_challenge(title="Museum nights", customer_groups=[seniors])
    private = make_challenge(title="Private", customer_groups=[seniors])
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    public = ProposalFactory(challenge=challenge)
    hidden = ProposalFactory(challenge=challenge, status=ProposalStatus.DRAFT)
    for proposal in (public, hidden):
        proposal.customer_groups.set([seniors])
    piloted = selected_proposal()
    piloted.customer_groups.set([swedish_copy(seniors)])  # any copy of the group
    PilotFactory(proposal=piloted)
    PilotFactory(proposal=selected_proposal(), published=False).proposal.customer_groups.set(
        [seniors]
    )
    OfferingFactory(customer_groups=[seniors])
    OfferingFactory(customer_groups=[seniors], published=False)
    body = client.get(f"{LIST}seniors/").json()
    # The two piloted proposals are selected and public too: three public proposals, but
    # only the published pilot.
    assert body["served"] == {"challenges": 1, "proposals": 3, "pilots": 1, "offerings": 1}
    links = body["links"]
    assert links["offerings"] == f"{settings.SITE_URL}/api/v1/offerings/?customer_group=seniors"
    assert client.get(links["offerings"]).json()["count"] == 1
    assert client.get(links["challenges"]).json()["count"] == 1


def test_a_sensitive_group_is_described_without_any_member(client):
    group = CustomerGroupFactory(name="Muistisairaat", slug="memory", sensitive=True)
    CustomerGroupMembership.objects.create(
        user=UserFactory(display_name="Maija Meikäläinen"), group=group, explicit_consent=True
    )
    response = client.get(f"{LIST}memory/")
    body = response.json()
    assert body["sensitive"] is True and set(body) == FIELDS
    text = response.content.decode()
    assert "Maija" not in text and "member" not in text


def test_the_list_query_count_does_not_grow_with_groups(client):
    def make(count):
        for _ in range(count):
            group = CustomerGroupFactory()
            OfferingFactory(customer_groups=[group])

    def queries(page_size):
        with CaptureQueriesContext(connection) as captured:
            response = client.get(LIST, {"page_size": page_size, "lang": "sv"})
        assert len(response.json()["results"]) == page_size
        return len(captured)

    make(5)
    queries(5)
    few = queries(5)
    make(45)
    assert queries(50) == few


def test_easy_read_summaries_are_in_the_challenge_pilot_and_offering_answers(client):
    challenge = make_challenge(title="Museum nights", easy_read_summary="Selkoteksti.")
    pilot = PilotFactory(
        easy_read_summary="Kokeilu selkokielellä.",
        language="fi",
        translations={"sv": {"easy_read_summary": "Försöket på lättläst svenska."}},
    )
    offering = OfferingFactory(easy_read_summary="Palvelu selkokielellä.", language="fi")
    body = client.get(f"/api/v1/challenges/{challenge.pk}/").json()
    assert body["easy_read_summary"] == "Selkoteksti."
    assert body["field_languages"]["easy_read_summary"] == "fi"
    body = client.get(f"/api/v1/pilots/{pilot.pk}/", {"lang": "sv"}).json()
    assert body["easy_read_summary"] == "Försöket på lättläst svenska."
    assert body["field_languages"]["easy_read_summary"] == "sv"
    body = client.get(f"/api/v1/offerings/{offering.pk}/", {"lang": "sv"}).json()
    assert body["easy_read_summary"] == "Palvelu selkokielellä."
    assert body["field_languages"]["easy_read_summary"] == "fi"
