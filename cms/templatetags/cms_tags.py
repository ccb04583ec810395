"""Site-wide pieces of the cms: the main menu's link to the challenges."""

from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def challenge_index_url(context) -> str:
    """The challenge listing in the active language ("" when there is none)."""
    from cms.selectors import challenge_index_for_active_language, url_in_active_language

    index = challenge_index_for_active_language()
    if index is None:
        return ""
    return url_in_active_language(index, context.get("request"))
