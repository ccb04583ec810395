"""The head of every public page: description, canonical address, language alternates, Open
Graph, the Twitter card and schema.org data, built from SITE_URL; nothing for what is not public."""

import pytest
from django.urls import reverse
from django.utils import translation
from wagtail.models import Locale

from cms.models import HomePage
from ideas.models import ProposalStatus
from tests.factories.cms import challenge_index, make_challenge, publish_translation
from tests.factories.ideas import ProposalFactory
from tests.factories.marketplace import make_offering, make_pilot
from tests.factories.partners import MembershipFactory, OrganisationFactory

from .meta_helpers import Head

SITE = "https://tori.example.fi"
DEFAULT_IMAGE = f"{SITE}/static/img/share-default.png"


@pytest.fixture(autouse=True)
def _site_url(settings):
    settings.SITE_URL = SITE


def url_in(language: str, obj) -> str:
    with translation.override(language):
        return obj.get_absolute_url()


def translated_site():
    """The home page and the challenge index in Swedish and English too."""
    home = HomePage.objects.get(locale=Locale.get_default())
    publish_translation(home, "sv", title="Torget")
    publish_translation(home, "en", title="Tori")
    publish_translation(challenge_index(), "sv", title="Utmaningar", slug="utmaningar")
    publish_translation(challenge_index(), "en", title="Challenges", slug="challenges-en")


@pytest.mark.django_db
def test_challenge_page_in_three_languages(client):
    translated_site()
    challenge = make_challenge(title="Perheviikonloput", summary="Perheiden viikonloput museossa.")
    swedish = publish_translation(challenge, "sv", title="Familjehelger", slug="familjehelger")
    english = publish_translation(challenge, "en", title="Family weekends", slug="family-weekends")

    head = Head(client.get(swedish.url))

    assert head.canonical == f"{SITE}{swedish.url}"
    assert head.hreflang == {
        "fi": f"{SITE}{challenge.url}",
        "sv": f"{SITE}{swedish.url}",
        "en": f"{SITE}{english.url}",
        "x-default": f"{SITE}{challenge.url}",
    }
    assert head.meta("og:url") == head.canonical
    assert head.meta("og:title") == "Familjehelger"
    assert head.meta("og:type") == "article"
    assert head.meta("og:site_name") == "Tori"
    assert head.meta("og:locale") == "sv_FI"
    assert sorted(head.metas("og:locale:alternate")) == ["en_GB", "fi_FI"]
    # No picture of its own: the site's 1200×630 default, as an absolute address.
    assert head.meta("og:image") == DEFAULT_IMAGE
    assert (head.meta("og:image:width"), head.meta("og:image:height")) == ("1200", "630")
    assert head.meta("og:image:alt")
    assert head.meta("twitter:card") == "summary"
    assert head.meta("robots") is None


@pytest.mark.django_db
def test_untranslated_challenge_points_to_its_original(client):
    translated_site()
    challenge = make_challenge(title="Koululuokat", slug="koululuokat")

    head = Head(client.get("/sv/utmaningar/koululuokat/"))

    # Served under /sv/ in Finnish: the Finnish page is the one to index.
    assert head.canonical == f"{SITE}{challenge.url}"
    assert head.hreflang == {"fi": f"{SITE}{challenge.url}", "x-default": f"{SITE}{challenge.url}"}
    assert head.meta("og:locale") == "fi_FI"
    assert head.metas("og:locale:alternate") == []


@pytest.mark.django_db
def test_description_is_plain_text_trimmed_on_a_word(client):
    summary = "<p>Kirjaston <b>aukioloajat</b> &amp; palvelut</p> " + "sana " * 60
    challenge = make_challenge(title="Kirjasto", summary=summary)

    head = Head(client.get(challenge.url))

    description = head.meta("description")
    assert description.startswith("Kirjaston aukioloajat & palvelut sana sana")
    assert "<" not in description and ">" not in description
    assert len(description) <= 160
    assert description.endswith("sana…")
    assert head.meta("og:description") == description


@pytest.mark.django_db
def test_search_description_wins_over_the_summary(client):
    challenge = make_challenge(title="Kirjasto", summary="Yhteenveto.")
    challenge.search_description = "Hakukoneille kirjoitettu kuvaus."
    challenge.save_revision().publish()

    head = Head(client.get(challenge.url))

    assert head.meta("description") == "Hakukoneille kirjoitettu kuvaus."


@pytest.mark.django_db
def test_home_page_is_a_website_that_searches_the_catalogue(client):
    home = HomePage.objects.get(locale=Locale.get_default())

    head = Head(client.get(home.url))

    site = head.json_ld_of("WebSite")
    assert site["@context"] == "https://schema.org"
    assert site["url"] == head.canonical == f"{SITE}{home.url}"
    action = site["potentialAction"]
    assert action["@type"] == "SearchAction"
    assert action["target"]["urlTemplate"] == f"{SITE}/fi/catalogue/?q={{search_term}}"
    assert action["query-input"] == "required name=search_term"
    assert head.meta("og:type") == "website"


@pytest.mark.django_db
def test_offering_is_a_service_and_its_title_cannot_end_the_script(client):
    provider = OrganisationFactory(name="Museopalvelut Oy", website="https://museo.example.fi")
    title = 'Opastukset </script><script>alert("x")</script> & <b>muut</b>'
    offering = make_offering(
        title=title,
        summary="Opastetut kierrokset.",
        providers=[provider],
        cities=["espoo", "vantaa"],
        languages=["fi", "sv"],
        language="fi",
        translations={"sv": {"title": "Guidningar"}, "en": {"title": "Guided tours"}},
    )

    response = client.get(url_in("fi", offering))
    head = Head(response)

    html = response.content.decode()
    assert '</script><script>alert("x")' not in html
    service = head.json_ld_of("Service")
    assert service["name"] == title
    assert service["url"] == head.canonical == f"{SITE}{url_in('fi', offering)}"
    assert service["provider"] == [
        {
            "@type": "Organization",
            "name": "Museopalvelut Oy",
            "url": f"{SITE}{url_in('fi', provider)}",
            "sameAs": ["https://museo.example.fi"],
        }
    ]
    assert service["areaServed"] == [
        {"@type": "City", "name": "Espoo"},
        {"@type": "City", "name": "Vantaa"},
    ]
    assert [lang["alternateName"] for lang in service["availableLanguage"]] == ["fi", "sv"]
    assert head.hreflang == {
        "fi": f"{SITE}{url_in('fi', offering)}",
        "sv": f"{SITE}{url_in('sv', offering)}",
        "en": f"{SITE}{url_in('en', offering)}",
        "x-default": f"{SITE}{url_in('fi', offering)}",
    }
    assert head.meta("og:image") == DEFAULT_IMAGE


@pytest.mark.django_db
def test_object_page_canonical_follows_the_language_the_text_exists_in(client):
    offering = make_offering(title="Opastukset", language="fi", translations={})

    head = Head(client.get(url_in("sv", offering)))

    # Only Finnish text: the Swedish address shows the Finnish original, which is canonical.
    assert head.canonical == f"{SITE}{url_in('fi', offering)}"
    assert head.hreflang == {
        "fi": f"{SITE}{url_in('fi', offering)}",
        "x-default": f"{SITE}{url_in('fi', offering)}",
    }
    assert head.meta("og:title") == "Opastukset"


@pytest.mark.django_db
def test_pilot_is_an_event_with_its_place_and_dates(client):
    pilot = make_pilot(
        title="Iltaopastukset",
        venue="KAMU, Espoo",
        language="fi",
        translations={"sv": {"title": "Kvällsguidningar"}, "en": {"title": "Evening tours"}},
    )

    head = Head(client.get(url_in("en", pilot)))

    assert head.canonical == f"{SITE}{url_in('en', pilot)}"
    assert set(head.hreflang) == {"fi", "sv", "en", "x-default"}
    assert head.meta("og:title") == "Evening tours"
    assert head.meta("og:locale") == "en_GB"
    event = head.json_ld_of("Event")
    assert event["name"] == "Evening tours"
    assert (event["startDate"], event["endDate"]) == ("2026-03-01", "2026-09-30")
    assert event["location"] == {"@type": "Place", "name": "KAMU, Espoo"}


@pytest.mark.django_db
def test_organisation_is_an_organization(client):
    organisation = OrganisationFactory(name="Museopalvelut Oy", description="Opastuksia.")

    head = Head(client.get(url_in("fi", organisation)))

    data = head.json_ld_of("Organization")
    assert data["name"] == "Museopalvelut Oy"
    assert data["url"] == head.canonical == f"{SITE}{url_in('fi', organisation)}"
    assert data["description"] == "Opastuksia." == head.meta("description")


@pytest.mark.django_db
def test_public_proposal_is_described(client):
    proposal = ProposalFactory(
        challenge=make_challenge(phase="voting"), title="Museoyö", summary="Yö museossa."
    )

    head = Head(client.get(url_in("fi", proposal)))

    assert head.meta("og:title") == "Museoyö"
    assert head.meta("description") == "Yö museossa."
    assert head.canonical == f"{SITE}{url_in('en', proposal)}"  # written in English


@pytest.mark.django_db
def test_draft_proposal_is_hidden_and_noindex_for_its_team(client):
    proposal = ProposalFactory(
        challenge=make_challenge(), status=ProposalStatus.DRAFT, title="Salainen luonnos"
    )
    url = url_in("fi", proposal)

    assert client.get(url).status_code == 404

    client.force_login(MembershipFactory(organisation=proposal.lead_organisation).user)
    response = client.get(url)
    assert response.status_code == 200
    head = Head(response)
    assert head.meta("robots") == "noindex"
    for key in ("description", "og:title", "og:description", "og:image", "twitter:card"):
        assert head.meta(key) is None, key
    assert head.canonical is None and head.hreflang == {} and head.json_ld == []


@pytest.mark.django_db
def test_unpublished_pilot_is_noindex_for_its_team(client, team_member_of):
    pilot = make_pilot(title="Esikatselu", published=False)

    client.force_login(team_member_of(pilot))
    head = Head(client.get(url_in("fi", pilot)))

    assert head.meta("robots") == "noindex"
    assert head.meta("og:title") is None and head.json_ld == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "title"),  # the Swedish titles
    [
        ("marketplace:pilot-list", "Piloter"),
        ("marketplace:offering-list", "Tjänsteerbjudanden"),
        ("partners:organisation-list", "Organisationer"),
        ("search:catalogue", "Katalog"),
    ],
)
def test_lists_canonical_drops_filters_but_keeps_the_page(client, name, title):
    with translation.override("sv"):
        path = reverse(name)

    plain = Head(client.get(path))
    filtered = Head(client.get(f"{path}?q=museo&city=espoo&utm_source=x"))

    assert plain.canonical == filtered.canonical == f"{SITE}{path}"
    assert plain.hreflang["sv"] == f"{SITE}{path}"
    assert set(plain.hreflang) == {"fi", "sv", "en", "x-default"}
    assert plain.hreflang["x-default"].startswith(f"{SITE}/fi/")
    assert plain.meta("og:title") == title
    assert plain.meta("description")
    assert plain.meta("og:locale") == "sv_FI"
    assert plain.meta("robots") is None


@pytest.mark.django_db
def test_second_page_of_a_list_is_its_own_canonical(client):
    for _n in range(21):
        make_offering()
    with translation.override("fi"):
        path = reverse("marketplace:offering-list")

    head = Head(client.get(f"{path}?page=2"))

    assert head.canonical == f"{SITE}{path}?page=2"
    assert head.hreflang["en"].endswith("?page=2")


@pytest.mark.django_db
def test_my_pages_and_errors_stay_out_of_search_engines(client):
    member = MembershipFactory().user
    client.force_login(member)
    with translation.override("fi"):
        mine = reverse("ideas:my-proposals")

    for response in (client.get(mine), client.get("/fi/ei-ole-olemassa/")):
        head = Head(response)
        assert head.meta("robots") == "noindex"
        assert head.meta("og:title") is None


def wagtail_image(title: str, description: str = ""):
    """A real Wagtail image (a 1600×1000 PNG) to share."""
    import io

    from django.core.files.images import ImageFile
    from PIL import Image as PillowImage
    from wagtail.images import get_image_model

    buffer = io.BytesIO()
    PillowImage.new("RGB", (1600, 1000), "#00566b").save(buffer, format="PNG")
    return get_image_model().objects.create(
        title=title, description=description, file=ImageFile(buffer, name="share.png")
    )


@pytest.mark.django_db
def test_an_object_with_a_share_image_shares_its_1200_by_630_rendition(client, monkeypatch):
    from marketplace.models import Offering

    image = wagtail_image("Opastus", description="Opas ja ryhmä museon aulassa")
    # The images' own fields answer share_image; any object with the attribute is shared so.
    monkeypatch.setattr(Offering, "share_image", property(lambda self: image), raising=False)
    offering = make_offering(title="Opastukset")

    head = Head(client.get(url_in("fi", offering)))

    rendition = image.get_rendition("fill-1200x630")
    assert head.meta("og:image") == f"{SITE}{rendition.url}"
    assert (head.meta("og:image:width"), head.meta("og:image:height")) == ("1200", "630")
    assert head.meta("og:image:alt") == "Opas ja ryhmä museon aulassa"
    assert head.meta("twitter:card") == "summary_large_image"
    assert head.json_ld_of("Service")["image"] == head.meta("og:image")


@pytest.mark.django_db
def test_page_in_a_private_section_is_noindex_for_those_let_in(client):
    from wagtail.models import PageViewRestriction

    challenge = make_challenge(title="Sisäinen haaste")
    PageViewRestriction.objects.create(page=challenge, restriction_type=PageViewRestriction.LOGIN)

    client.force_login(MembershipFactory().user)
    head = Head(client.get(challenge.url))

    assert head.meta("robots") == "noindex"
    assert head.meta("og:title") is None and head.meta("description") is None


@pytest.mark.django_db
def test_challenge_index_is_a_website_and_filters_are_not_canonical(client):
    index = challenge_index()

    head = Head(client.get(f"{index.url}?phase=proposals"))

    assert head.canonical == f"{SITE}{index.url}"
    assert head.meta("og:type") == "website"
