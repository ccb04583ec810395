"""schema.org data (JSON-LD) for the head: the site as a WebSite that searches the catalogue,
an offering as a Service, a pilot as an Event, an organisation as an Organization.

Each document is JSON escaped as Django's `json_script` escapes it: `<`, `>` and `&` become
`\\u003C`, `\\u003E` and `\\u0026`, so no text (an offering called `</script>…`) can end the
element. A `<script type="application/ld+json">` is a data block: browsers never run it, and
the Content-Security-Policy's script-src governs only scripts that run, so it needs no nonce.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.translation import get_language_info

from cms.models import HomePage
from marketplace.api.fields import site_address
from marketplace.models import Offering, Pilot
from partners.models import City, Organisation

CONTEXT = "https://schema.org"
_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def dumps(data: dict) -> str:
    """JSON that is safe inside a <script> element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return text.translate(_ESCAPES)


def _organisation(organisation: Organisation) -> dict:
    data = {
        "@type": "Organization",
        "name": organisation.name,
        "url": site_address(organisation.get_absolute_url()),
    }
    if organisation.website:
        data["sameAs"] = [organisation.website]
    return data


def _city(code: str) -> dict:
    return {"@type": "City", "name": str(dict(City.choices).get(code, code))}


def _language(code: str) -> dict | str:
    try:
        info = get_language_info(code)
    except KeyError:
        return code
    return {"@type": "Language", "name": info["name"], "alternateName": code}


def website(meta) -> dict:
    catalogue = site_address(reverse("search:catalogue"))
    return {
        "@context": CONTEXT,
        "@type": "WebSite",
        "name": "Tori",
        "url": meta.canonical,
        "inLanguage": meta.locale.replace("_", "-"),
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{catalogue}?q={{search_term}}"},
            "query-input": "required name=search_term",
        },
    }


def service(offering: Offering, meta) -> dict:
    return {
        "@context": CONTEXT,
        "@type": "Service",
        "name": meta.title,
        "description": meta.description,
        "url": meta.canonical,
        "image": meta.image["url"],
        "provider": [_organisation(org) for org in offering.providers.all()],
        "areaServed": [_city(code) for code in offering.cities],
        "availableLanguage": [_language(code) for code in offering.languages],
    }


def event(pilot: Pilot, meta) -> dict:
    return {
        "@context": CONTEXT,
        "@type": "Event",
        "name": meta.title,
        "description": meta.description,
        "url": meta.canonical,
        "image": meta.image["url"],
        "startDate": pilot.start_date,
        "endDate": pilot.end_date,
        "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
        "location": {"@type": "Place", "name": pilot.text("venue")},
    }


def organization(organisation: Organisation, meta) -> dict:
    data = {"@context": CONTEXT, **_organisation(organisation), "url": meta.canonical}
    if meta.description:
        data["description"] = meta.description
    if meta.own_image:
        data["logo"] = meta.image["url"]
    data["address"] = {
        "@type": "PostalAddress",
        "addressLocality": _city(organisation.city)["name"],
    }
    return data


def documents(obj, meta) -> list[str]:
    """The escaped JSON-LD documents for the object's page (none for most pages)."""
    if isinstance(obj, HomePage):
        return [dumps(website(meta))]
    if isinstance(obj, Offering):
        return [dumps(service(obj, meta))]
    if isinstance(obj, Pilot):
        return [dumps(event(obj, meta))]
    if isinstance(obj, Organisation):
        return [dumps(organization(obj, meta))]
    return []
