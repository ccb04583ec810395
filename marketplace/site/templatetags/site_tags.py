"""Site-wide template tags: the language switcher, the footer's information pages and the
head's meta data for search engines and link previews."""

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from wagtail.models import Page

from cms.cache import active_locale, cached_chrome, default_locale
from cms.models import HomePage, StandardPage
from marketplace.site import sharing
from marketplace.site.branding import branding_for, stylesheet_url
from marketplace.site.languages import page_language_urls, path_language_urls

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
    if page is not None and hasattr(page, "get_translations"):
        urls = page_language_urls(request, page)
    else:
        urls = path_language_urls(request.get_full_path() if request else "/")
    links = [
        {"code": code, "name": name, "url": urls[code].url, "current": code == current}
        for code, name in settings.LANGUAGES
    ]
    return {"links": links}


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


@register.inclusion_tag("includes/meta.html", takes_context=True)
def page_meta(context, obj=None, title="", description="", noindex=False):
    """The head's description, canonical address, hreflang alternates, Open Graph and Twitter
    tags and schema.org data for `obj` (a Wagtail page or a proposal, pilot, offering or
    organisation; by default the Wagtail page being served) or, without one, for a page of the
    site's own text called `title` (without a title such a page, e.g. sign-in, my pages, an
    error, is kept out of search engines). `noindex` keeps any page out; a non-public object
    is always noindex and described to no one."""
    if obj is None and isinstance(context.get("page"), Page):
        obj = context["page"]
    meta = sharing.page_meta(
        context.get("request"), obj, title=title, description=description, noindex=noindex
    )
    return {"meta": meta, "structured": [mark_safe(doc) for doc in meta.structured]}  # noqa: S308 - escaped JSON
