"""Site-wide pieces of the cms: the main menu's link to the challenges."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def challenge_index_url(context) -> str:
    """The challenge listing in the active language ("" when there is none)."""
    from cms.cache import cached_chrome
    from cms.selectors import challenge_index_for_active_language, url_in_active_language

    request = context.get("request")

    def compute() -> str:
        index = challenge_index_for_active_language()
        return url_in_active_language(index, request) if index is not None else ""

    # Cached per language and page version (see cms.cache): the menu is on every page.
    return cached_chrome("challenge-index-url", compute, request.get_host() if request else "")


@register.inclusion_tag("cms/includes/open_challenges.html", takes_context=True)
def open_challenges(context, limit: int = 4):
    """Challenges open for proposals or votes now, for the home page."""
    from cms.selectors import open_challenge_cards

    request = context.get("request")
    return {
        "challenges": open_challenge_cards(request=request, limit=limit),
        "index_url": challenge_index_url(context),
        "request": request,
    }


@register.inclusion_tag("cms/includes/city_links.html")
def city_links():
    """The home page's cities: every city with at least one organising unit, to its front door."""
    from cms.cities import CITIES
    from cms.selectors import unit_counts_by_city

    counts = unit_counts_by_city()
    cities = [city for code, city in CITIES.items() if counts.get(code)]
    return {
        "cities": [
            {"name": city.name(), "slug": city.slug(), "units": counts[city.code]}
            for city in cities
        ]
    }


@register.filter
def localized(obj):
    """The copy of a challenge, customer group or theme to show in the active language."""
    from cms.localize import localized as localize

    return localize(obj)


@register.filter
def localized_items(objects):
    """Each item once, in the active language, by name (`offering.themes.all|localized_items`)."""
    from cms.localize import localized_items as localize_items

    return localize_items(objects)


@register.filter
def lang_attr(obj):
    """` lang="xx"` when the object's text is in another language than the page."""
    from cms.localize import lang_attribute

    return lang_attribute(obj)


@register.filter
def url_here(page):
    """A page's address under the active language's prefix (see url_in_active_language)."""
    from cms.selectors import url_in_active_language

    return url_in_active_language(page) if page is not None else ""
