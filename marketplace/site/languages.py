"""A page's address in each of the site's languages, and whether its content exists there.

One piece of code for the language switcher (which links every language, falling back to the
original where a page is untranslated) and for the head's `hreflang` alternates (which list only
the languages the content exists in)."""

from dataclasses import dataclass

from django.conf import settings
from django.http import Http404
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Site

from cms.cache import cached_chrome

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


@dataclass(frozen=True)
class LanguageURL:
    url: str  # site-relative, e.g. /sv/challenges/x/
    exists: bool  # the content is written in this language (not a fallback to the original)


def page_language_urls(request, page) -> dict[str, LanguageURL]:
    """A Wagtail page in each language: its live translation, else the original served under
    that language's prefix, else the language's home. Cached per page, host and page version
    (see cms.cache): publishing bumps it."""

    def compute() -> dict[str, tuple[str, bool]]:
        pages = page.get_translations(inclusive=True).live().select_related("locale")
        found = {tr.locale.language_code: tr.url for tr in pages}
        return {
            code: (
                (found[code], True)
                if found.get(code)
                else (_fallback_url(request, page, code) or f"/{code}/", False)
            )
            for code in LANGUAGE_CODES
        }

    host = request.get_host() if request else ""
    urls = cached_chrome("page-languages", compute, page.pk, host)
    return {code: LanguageURL(url, exists) for code, (url, exists) in urls.items()}


def path_language_urls(path: str, languages=LANGUAGE_CODES) -> dict[str, LanguageURL]:
    """A Django view's address in each language: the same URL under each prefix. The content
    exists in `languages` (a translated object's original and translations; every language
    for pages whose text is the site's own)."""
    return {
        code: LanguageURL(translate_url(path, code), code in languages) for code in LANGUAGE_CODES
    }


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
