"""The easy-read block of a challenge, pilot or offering page (see partners.easy_read).

    {% easy_read pilot "first" %}   … the normal summary …   {% easy_read pilot "after" %}

Only one of the two renders: "first" for those who chose easy read, "after" for the others.
"""

from django import template

from partners.easy_read import PARAMETER, easy_read_first, easy_read_text

register = template.Library()


@register.inclusion_tag("partners/includes/easy_read.html", takes_context=True)
def easy_read(context, item, position: str = "after"):
    request = context.get("request")
    first = easy_read_first(request)
    text, language = easy_read_text(item)
    shown = bool(text) and (position == "first") == first
    return {"shown": shown, "first": first, "text": text, "language": language, "param": PARAMETER}
