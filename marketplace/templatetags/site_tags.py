"""Site-wide template tags: the language switcher and the footer's information pages."""

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation

register = template.Library()


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in each language: a Wagtail page's translation, else the same URL."""
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    translations = {}
    if page is not None and hasattr(page, "get_translations"):
        for tr in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[tr.locale.language_code] = tr.url
    links = []
    path = request.get_full_path() if request else "/"
    for code, name in settings.LANGUAGES:
        if page is not None and code in translations:
            url = translations[code]
        elif page is not None and hasattr(page, "get_translations"):
            url = f"/{code}/"
        else:
            url = translate_url(path, code)
        links.append({"code": code, "name": name, "url": url, "current": code == current})
    return {"links": links}


@register.simple_tag
def footer_pages():
    """The information pages (accessibility statement, privacy notice) in the active language."""
    from wagtail.models import Locale

    from cms.models import StandardPage

    try:
        locale = Locale.get_active()
    except Locale.DoesNotExist:
        return []
    return list(
        StandardPage.objects.live().filter(locale=locale, show_in_footer=True).order_by("path")
    )
