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
        from cms.cache import cached_chrome

        def compute() -> dict:
            pages = page.get_translations(inclusive=True).live().select_related("locale")
            return {tr.locale.language_code: tr.url for tr in pages}

        # Cached per page and page version (see cms.cache): publishing bumps it.
        translations = cached_chrome("translations", compute, page.pk)
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
    from cms.cache import active_locale, cached_chrome
    from cms.models import StandardPage

    def compute() -> list[dict]:
        pages = StandardPage.objects.live().filter(locale=active_locale(), show_in_footer=True)
        return [{"url": page.url, "title": page.title} for page in pages.order_by("path")]

    # Cached per language and page version (see cms.cache): the footer is on every page.
    return cached_chrome("footer-pages", compute)
