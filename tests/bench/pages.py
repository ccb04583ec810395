"""The public pages and API lists the benchmark and the query-budget tests load."""

from urllib.parse import urlencode


def page_urls(pages: dict) -> dict:
    from django.urls import reverse
    from django.utils import translation

    from cms.models import HomePage
    from marketplace.management.scale.challenges import challenge_index
    from partners.models import Organisation

    with translation.override("fi"):
        org = Organisation.objects.order_by("-pk").first()
        urls = {
            "home": HomePage.objects.live().filter(locale__language_code="fi").first().url,
            "challenge listing": challenge_index().url,
            "challenge page": pages["challenge"].url,
            "proposal page": reverse("ideas:proposal-detail", args=[pages["proposal"].pk]),
            "pilot listing": reverse("marketplace:pilot-list"),
            "pilot page": reverse("marketplace:pilot-detail", args=[pages["pilot"].pk]),
            "offering listing": reverse("marketplace:offering-list"),
            "offering page": pages["offering"].get_absolute_url(),
            "organisation listing": reverse("partners:organisation-list"),
            "organisation page": reverse("partners:organisation-detail", args=[org.slug]),
            "API challenges": "/api/v1/challenges/",
            "API proposals": "/api/v1/proposals/",
            "API pilots": "/api/v1/pilots/",
            "API offerings": "/api/v1/offerings/",
            "API organisations": "/api/v1/organisations/",
            "catalogue": catalogue_url(),
        }
    return urls


# seed_scale's search word is in about 3 % of the entries; a third of the offerings are in Espoo.
CATALOGUE_QUERY = {"text": "library", "filters": {"kind": ["offering"], "city": ["espoo"]}}


def catalogue_url() -> str:
    """The catalogue page with the bench's query: seed_scale's data gives it hits at every
    volume."""
    from django.urls import reverse

    filters = {facet: values[0] for facet, values in CATALOGUE_QUERY["filters"].items()}
    query = urlencode({"q": CATALOGUE_QUERY["text"], **filters})
    return f"{reverse('search:catalogue')}?{query}"
