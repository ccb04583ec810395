"""Customer-group profiles: public pages in every language that say who the group is, what it
needs, how it takes part, and list the public items that serve it."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from wagtail.models import PageViewRestriction
from wagtail_localize.segments.extract import extract_segments

from ideas.models import ProposalStatus
from tests.factories.cms import CustomerGroupFactory, make_challenge, translate_snippet
from tests.factories.ideas import ProposalFactory
from tests.factories.marketplace import OfferingFactory, PilotFactory, selected_proposal
from tests.factories.reviews import make_staff

pytestmark = pytest.mark.django_db


def profile_url(group, language="fi"):
    with translation.override(language):
        return reverse("marketplace:customer-group-detail", args=[group.slug])


@pytest.fixture
def seniors():
    return CustomerGroupFactory(
        name="Ikäihmiset",
        slug="seniors",
        description="Yli 65-vuotiaat museokävijät.",
        needs="Istumapaikkoja ja selkeää tekstiä.",
        channels="Paperilomake ja opastettu käynti.",
        barriers="Pitkät matkat ja pieni teksti.",
    )


def test_profile_shows_who_the_group_is_and_how_it_takes_part(client, seniors):
    html = client.get(profile_url(seniors)).content.decode()
    for text in (
        "Ikäihmiset",
        "Yli 65-vuotiaat museokävijät.",
        "Istumapaikkoja ja selkeää tekstiä.",
        "Paperilomake ja opastettu käynti.",
        "Pitkät matkat ja pieni teksti.",
    ):
        assert text in html
    assert "Ensisijaiset kanavat" in html and "Osallistumisen esteet" in html


def test_profile_is_shown_in_the_active_language_with_fallback(client, seniors):
    translate_snippet(seniors, "sv", name="Seniorer", description="Besökare över 65 år.")
    html = client.get(profile_url(seniors, "sv")).content.decode()
    assert "Seniorer" in html and "Besökare över 65 år." in html
    other = CustomerGroupFactory(name="Koululaiset", slug="schools", description="Oppilaat.")
    html = client.get(profile_url(other, "sv")).content.decode()
    assert '<div lang="fi">' in html and "Oppilaat." in html


def test_unknown_group_is_not_found(client):
    response = client.get(reverse("marketplace:customer-group-detail", args=["nobody"]))
    assert response.status_code == 404


def test_a_sensitive_group_profile_is_public(client):
    group = CustomerGroupFactory(name="Muistisairaat", slug="memory", sensitive=True)
    assert client.get(profile_url(group)).status_code == 200


def test_index_lists_each_group_once_in_the_active_language(client, seniors):
    translate_snippet(seniors, "sv", name="Seniorer")
    CustomerGroupFactory(name="Koululaiset", slug="schools")
    with translation.override("sv"):
        html = client.get(reverse("marketplace:customer-group-list")).content.decode()
    assert html.count("/sv/customer-groups/seniors/") == 1 and "Seniorer" in html
    assert "/sv/customer-groups/schools/" in html and "Ikäihmiset" not in html


def test_profile_lists_only_public_items_that_serve_the_group(client, seniors):
    challenge = make_challenge(title="Museum nights", customer_groups=[seniors])
    make_challenge(title="Draft challenge", customer_groups=[seniors], publish=False)
    private = make_challenge(title="Private challenge", customer_groups=[seniors])
    PageViewRestriction.objects.create(page=private, restriction_type=PageViewRestriction.LOGIN)
    make_challenge(title="Other challenge")
    public = ProposalFactory(challenge=challenge, title="Lantern walks")
    public.customer_groups.set([seniors])
    hidden = ProposalFactory(challenge=challenge, title="Secret idea", publication_consent=False)
    hidden.customer_groups.set([seniors])
    draft = ProposalFactory(challenge=challenge, title="Draft idea", status=ProposalStatus.DRAFT)
    draft.customer_groups.set([seniors])
    proposal = selected_proposal(challenge=make_challenge(phase="piloting", title="Piloting"))
    proposal.customer_groups.set([seniors])
    PilotFactory(proposal=proposal, title="Memory café")
    unpublished = selected_proposal(challenge=make_challenge(phase="piloting", title="Other"))
    unpublished.customer_groups.set([seniors])
    PilotFactory(proposal=unpublished, title="Hidden pilot", published=False)
    OfferingFactory(title="Guided tours", customer_groups=[seniors])
    OfferingFactory(title="Unpublished tours", customer_groups=[seniors], published=False)
    html = client.get(profile_url(seniors)).content.decode()
    for shown in ("Museum nights", "Lantern walks", "Memory café", "Guided tours"):
        assert shown in html
    for not_shown in (
        "Draft challenge",
        "Private challenge",
        "Other challenge",
        "Secret idea",
        "Draft idea",
        "Hidden pilot",
        "Unpublished tours",
    ):
        assert not_shown not in html
    assert f'href="{public.get_absolute_url()}"' in html


def test_a_pilot_serves_the_groups_of_its_challenge(client, seniors):
    challenge = make_challenge(phase="piloting", title="Piloting", customer_groups=[seniors])
    PilotFactory(proposal=selected_proposal(challenge=challenge), title="Memory café")
    html = client.get(profile_url(seniors)).content.decode()
    assert "Memory café" in html


def test_challenge_and_offering_pages_link_the_profile(client, seniors):
    challenge = make_challenge(title="Museum nights", customer_groups=[seniors])
    offering = OfferingFactory(title="Guided tours", customer_groups=[seniors])
    link = f'href="{profile_url(seniors)}"'
    assert link in client.get(challenge.url).content.decode()
    with translation.override("fi"):
        assert link in client.get(offering.get_absolute_url()).content.decode()
    footer = client.get(reverse("marketplace:customer-group-list")).content.decode()
    assert 'href="/fi/customer-groups/"' in footer


def _add_items(group, count):
    challenge = make_challenge(phase="piloting", title="Piloting", customer_groups=[group])
    for n in range(count):
        page = make_challenge(title=f"Challenge {n}", publish=False, live=True)
        page.customer_groups.set([group])
        page.save()  # a live page without a published revision keeps its groups on save
        proposal = selected_proposal(challenge=challenge, title=f"Proposal {n}")
        proposal.customer_groups.set([group])
        PilotFactory(proposal=proposal)
        OfferingFactory(customer_groups=[group])


def _queries(client, url):
    client.get(url)  # warm the chrome caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_profile_query_count_does_not_grow_with_items(client, seniors):
    _add_items(seniors, 5)
    few = _queries(client, profile_url(seniors))
    _add_items(seniors, 10)
    assert _queries(client, profile_url(seniors)) == few


def test_more_than_a_few_items_link_the_full_lists(client, seniors):
    _add_items(seniors, 7)
    html = client.get(profile_url(seniors)).content.decode()
    assert "?group=seniors" in html and "?customer_group=" in html
    listed = html[html.index('data-testid="served-challenges"') :]
    listed = listed[: listed.index("</section>")]
    assert listed.count("<li>") == 6 and "(8)" in listed


def test_staff_edit_the_profile_fields_and_translate_all_but_sensitive(client, seniors):
    client.force_login(make_staff())
    form = client.get(
        reverse("wagtailsnippets_cms_customergroup:edit", args=[seniors.pk])
    ).content.decode()
    for field in ("description", "needs", "channels", "barriers", "sensitive"):
        assert f'name="{field}"' in form, field
    paths = {segment.path for segment in extract_segments(seniors)}
    assert {"channels", "barriers", "needs", "description"} <= paths
    assert "sensitive" not in paths and "slug" not in paths
