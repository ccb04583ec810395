"""Site-wide template tags: the language switcher and the footer's information pages."""

from django import template
from django.conf import settings
from django.http import Http404
from django.urls import translate_url
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Locale, Site

from cms.cache import active_locale, cached_chrome, default_locale
from cms.models import HomePage, StandardPage
from marketplace.site.branding import branding_for, stylesheet_url

register = template.Library()


@register.simple_tag
def page_title(page) -> str:
    """'Page name – Tori' for a Wagtail page (its SEO title, else its title); the home page, and
    a page without a name, read 'Tori – <tagline>', never 'Tori – Tori'."""
    name = ""
    if page is not None and not isinstance(page, HomePage):
        name = (getattr(page, "seo_title", "") or getattr(page, "title", "") or "").strip()
    if not name or name.casefold() == "tori":
        return f"Tori – {gettext('marketplace for public service ideas')}"
    return f"{name} – Tori"


@register.simple_tag(takes_context=True)
def site_branding(context):
    """The site's branding setting (logo, main colour), or None when it was never saved."""
    return branding_for(context.get("request"))


@register.simple_tag(takes_context=True)
def branding_stylesheet_url(context) -> str | None:
    """The site-branding stylesheet's URL when the site has its own main colour."""
    return stylesheet_url(context.get("request"))


@register.inclusion_tag("includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in each language: a Wagtail page's translation, else the same URL."""
    request = context.get("request")
    page = context.get("page")
    current = translation.get_language()
    wagtail_page = page is not None and hasattr(page, "get_translations")
    if wagtail_page:

        def compute() -> dict:
            pages = page.get_translations(inclusive=True).live().select_related("locale")
            found = {tr.locale.language_code: tr.url for tr in pages}
            return {
                code: found.get(code) or _fallback_url(request, page, code) or f"/{code}/"
                for code, _name in settings.LANGUAGES
            }

        # Cached per page, host and page version (see cms.cache): publishing bumps it.
        host = request.get_host() if request else ""
        urls = cached_chrome("language-links", compute, page.pk, host)
    else:
        path = request.get_full_path() if request else "/"
        urls = {code: translate_url(path, code) for code, _name in settings.LANGUAGES}
    links = [
        {"code": code, "name": name, "url": urls[code], "current": code == current}
        for code, name in settings.LANGUAGES
    ]
    return {"links": links}


def _fallback_url(request, page, code: str) -> str | None:
    """The page's address under `code`'s prefix when cms serves it there (its original falls back
    for an untranslated page), else None. Prefers the path of the translated parent."""
    if request is None:
        return None
    locale = Locale.objects.filter(language_code=code).first()
    site = Site.find_for_request(request)
    if locale is None or site is None:
        return None
    candidates = []
    parent = page.get_parent()
    parent_translation = parent.get_translation_or_none(locale) if parent is not None else None
    if parent_translation is not None and parent_translation.live:
        candidates.append(f"{parent_translation.url}{page.slug}/")
    own = page.url or ""
    prefix = f"/{page.locale.language_code}/"
    if own.startswith(prefix):
        candidates.append(f"/{code}/{own[len(prefix) :]}")
    with translation.override(code):
        root = site.root_page.localized.specific
        for candidate in dict.fromkeys(candidates):
            if not candidate.startswith(f"/{code}/"):
                continue
            components = [c for c in candidate[len(code) + 2 :].split("/") if c]
            try:
                routed = root.route(request, components)
            except Http404:
                continue
            if routed is not None and routed[0].pk == page.pk:
                return candidate
    return None


@register.simple_tag
def footer_pages():
    """The information pages (accessibility statement, privacy notice) in the active language;
    an untranslated one falls back to its original, linked under the active language's prefix
    (the home page serves it there). Cached per language and page version (see cms.cache)."""

    def compute() -> list[dict]:
        locale, default = active_locale(), default_locale()
        pages = list(
            StandardPage.objects.live()
            .filter(locale__in={locale.pk, default.pk}, show_in_footer=True)
            .select_related("locale")
            .order_by("path")
        )
        translated = {p.translation_key for p in pages if p.locale_id == locale.pk}
        links = []
        for p in pages:
            if p.locale_id == locale.pk:
                links.append({"title": p.title, "url": p.url})
            elif p.translation_key not in translated:
                url = p.url or ""
                prefix = f"/{default.language_code}/"
                if url.startswith(prefix):
                    url = f"/{locale.language_code}/{url[len(prefix) :]}"
                links.append({"title": p.title, "url": url})
        return links

    return cached_chrome("footer-pages", compute)
