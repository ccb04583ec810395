"""Translated text of plain models (see partners.translated) in templates.

    <h1{{ pilot|lang_of:"title" }}>{{ pilot|tr:"title" }}</h1>

`tr` gives the active language's text, else the original; `lang_of` adds ` lang="xx"` when
that text is in another language than the page.
"""

from django import template
from django.utils import translation
from django.utils.html import format_html

register = template.Library()


@register.filter
def tr(obj, field: str):
    if obj is None:
        return ""
    if not hasattr(obj, "text"):
        return getattr(obj, field, "")
    return obj.text(field)


@register.filter
def lang_of(obj, field: str):
    if obj is None or not hasattr(obj, "text_language"):
        return ""
    code = obj.text_language(field)
    if code and code != (translation.get_language() or "").split("-")[0]:
        return format_html(' lang="{}"', code)
    return ""


@register.filter
def shown_language(obj, field: str) -> str:
    """The language code the field is shown in (the active language, or the original's)."""
    if obj is None or not hasattr(obj, "text_language"):
        return ""
    return obj.text_language(field)
