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
