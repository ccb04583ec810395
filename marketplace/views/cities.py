"""City front doors (`/fi/espoo/`, `/sv/esbo/`): a city's organising units, their open
challenges, the pilots running there and the services in use there (docs/units-and-cities.md).
"""

from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation

from cms.cities import city_for_slug
from cms.selectors import challenge_index_for_active_language, url_in_active_language
from marketplace.selectors import cities as city_selectors


def city_front_door(request, slug):
    city, in_this_language = city_for_slug(slug, translation.get_language())
    if city is None:
        raise Http404
    if not in_this_language:
        # A slug of another language: the city's address in this one.
        return redirect(reverse("marketplace:city", args=[city.slug()]), permanent=True)
    content = city_selectors.front_door(city.code, request=request)
    index = challenge_index_for_active_language()
    return render(
        request,
        "marketplace/city_front_door.html",
        {
            "city": city,
            "city_name": city.name(),
            "challenge_index_url": url_in_active_language(index, request) if index else "",
            **content,
        },
    )
