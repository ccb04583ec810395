"""What a page tells search engines and link previews: description, canonical address, language
alternates, Open Graph, the Twitter card, robots and schema.org data.

`page_meta()` builds it for a Wagtail page, a translated object (proposal, pilot, offering,
organisation) or a page of the site's own text (lists, the catalogue), and the template
`includes/meta.html` draws it (see `{% page_meta %}` in site_tags). Absolute addresses are
built from the SITE_URL setting, not from the request's host, so every host and the page cache
give the same answer, as the API's links do.
"""

from dataclasses import dataclass, field
from html import unescape
from typing import Any, Protocol, runtime_checkable

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.templatetags.static import static
from django.utils import translation
from django.utils.html import strip_tags
from django.utils.translation import gettext as _
from wagtail.models import Page

from cms.cache import cached_chrome, language_code
from cms.models import ChallengeIndexPage, ChallengePage, HomePage, StandardPage
from ideas.models import Proposal
from marketplace import rules as marketplace_rules
from marketplace.api.fields import site_address
from marketplace.models import Offering, Pilot
from marketplace.site import structured_data
from marketplace.site.languages import (
    LANGUAGE_CODES,
    LanguageURL,
    page_language_urls,
    path_language_urls,
)
from partners.models import Organisation

DESCRIPTION_LENGTH = 160
SHARE_IMAGE_SPEC = "fill-1200x630"
DEFAULT_IMAGE = {"path": "img/share-default.png", "width": 1200, "height": 630}
OG_LOCALES = {"fi": "fi_FI", "sv": "sv_FI", "en": "en_GB"}
# Query parameters kept in the canonical address; any other (filters, a search, tracking)
# makes the canonical the unfiltered page.
PAGINATION = "page"


@runtime_checkable
class SharesImage(Protocol):
    """An object with a picture for link previews: a Wagtail image, or None."""

    share_image: Any


@dataclass
class PageMeta:
    title: str
    description: str = ""
    canonical: str = ""
    alternates: list[tuple[str, str]] = field(default_factory=list)  # (hreflang, url)
    locale: str = ""
    locale_alternates: list[str] = field(default_factory=list)
    og_type: str = "website"
    image: dict | None = None
    own_image: bool = False
    noindex: bool = False
    structured: list[str] = field(default_factory=list)  # JSON-LD documents, escaped


def plain_description(text) -> str:
    """Text without markup or runs of white space, trimmed on a word boundary."""
    flat = " ".join(unescape(strip_tags(str(text or ""))).split())
    if len(flat) <= DESCRIPTION_LENGTH:
        return flat
    cut = flat[: DESCRIPTION_LENGTH - 1]
    if flat[DESCRIPTION_LENGTH - 1] != " " and " " in cut:
        cut = cut.rsplit(" ", 1)[0]
    return f"{cut.rstrip(' ,;:.–-')}…"


def _canonical_query(request) -> str:
    """'?page=N' when the only parameter is a page number past the first, else ''."""
    if request is None or set(request.GET) - {PAGINATION}:
        return ""
    number = request.GET.get(PAGINATION, "")
    return f"?{PAGINATION}={number}" if number.isdigit() and int(number) > 1 else ""


def _language() -> str:
    code = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return code if code in LANGUAGE_CODES else settings.LANGUAGE_CODE


def _apply_languages(meta: PageMeta, urls: dict[str, LanguageURL], shown: str, query: str) -> None:
    """The canonical address (the content's own in `shown`, the language of the text on the
    page), the hreflang alternates (the languages the content exists in) and the Open Graph
    locales."""
    existing = [code for code in LANGUAGE_CODES if urls[code].exists]
    own = shown if shown in existing else existing[0]
    meta.canonical = site_address(urls[own].url) + query
    meta.alternates = [(code, site_address(urls[code].url) + query) for code in existing]
    default = settings.LANGUAGE_CODE if settings.LANGUAGE_CODE in existing else own
    meta.alternates.append(("x-default", site_address(urls[default].url) + query))
    meta.locale = OG_LOCALES[own]
    meta.locale_alternates = [OG_LOCALES[code] for code in existing if code != own]


def _image(obj, fallback_alt: str) -> tuple[dict, bool]:
    """The object's share image as a 1200×630 rendition, else the site's default picture."""
    image = obj.share_image if isinstance(obj, SharesImage) else None
    if image is not None:
        rendition = image.get_rendition(SHARE_IMAGE_SPEC)
        alt = image.default_alt_text or fallback_alt
        return {
            "url": site_address(rendition.url),
            "width": rendition.width,
            "height": rendition.height,
            "alt": alt,
        }, True
    return {
        "url": site_address(static(DEFAULT_IMAGE["path"])),
        "width": DEFAULT_IMAGE["width"],
        "height": DEFAULT_IMAGE["height"],
        "alt": _("Tori – marketplace for public service ideas"),
    }, False


def _is_public(obj) -> bool:
    """May a crawler see the object? The same answers the pages' rules give an anonymous
    visitor; anything else (a team's draft, an unpublished pilot) is described to no one."""
    if isinstance(obj, Page):
        # A private section (password, login, groups) is noindex for those who pass it. Cached
        # like the site chrome: a new restriction shows here within CHROME_TTL seconds, and
        # Wagtail keeps crawlers out of the page meanwhile.
        restricted = cached_chrome(
            "page-restricted", lambda: obj.get_view_restrictions().exists(), obj.pk
        )
        return obj.live and not restricted
    if isinstance(obj, Proposal):
        return obj.is_public
    if isinstance(obj, Pilot):
        return marketplace_rules.can_view_pilot(AnonymousUser(), obj)
    if isinstance(obj, Offering):
        return marketplace_rules.can_view_offering(AnonymousUser(), obj)
    return True


def _page_texts(page) -> tuple[str, str, str]:
    """(title, description, Open Graph type) of a Wagtail page."""
    title = page.seo_title or page.title
    source = page.search_description
    if not source and isinstance(page, ChallengePage | StandardPage):
        source = page.summary
    elif not source and isinstance(page, HomePage | ChallengeIndexPage):
        source = page.intro
    og_type = "website" if isinstance(page, HomePage | ChallengeIndexPage) else "article"
    return title, plain_description(source), og_type


def _object_texts(obj) -> tuple[str, str]:
    """(title, description) of a translated object, in the active language."""
    if isinstance(obj, Organisation):
        return obj.name, plain_description(obj.text("description"))
    summary = "public_summary" if isinstance(obj, Pilot) else "summary"
    return obj.text("title"), plain_description(obj.text(summary))


def page_meta(request, obj=None, *, title="", description="", noindex=False) -> PageMeta:
    """The head's meta data for `obj` (a Wagtail page or a translated object) or, without one,
    for a page of the site's own text called `title`."""
    query = _canonical_query(request)
    if obj is not None and not _is_public(obj):
        return PageMeta(title=title, noindex=True)
    if isinstance(obj, Page):
        page_title, page_description, og_type = _page_texts(obj)
        meta = PageMeta(
            title=title or page_title,
            description=description or page_description,
            og_type=og_type,
            noindex=noindex,
        )
        urls = page_language_urls(request, obj)
        # The page shown is in its own locale, whichever prefix served it (a fallback).
        _apply_languages(meta, urls, language_code(obj.locale_id) or settings.LANGUAGE_CODE, query)
    elif obj is not None:
        object_title, object_description = _object_texts(obj)
        meta = PageMeta(
            title=title or object_title,
            description=description or object_description,
            og_type="article",
            noindex=noindex,
        )
        urls = path_language_urls(obj.get_absolute_url(), obj.available_languages())
        active = _language()
        shown = active if active in obj.available_languages() else obj.language
        _apply_languages(meta, urls, shown, "")
    else:
        # A page of the site's own text is described only when it says what it is: the rest
        # (sign-in, my pages, forms, a team's area, error pages) stay out of search engines.
        noindex = noindex or not title
        meta = PageMeta(
            title=title or "Tori",
            description=plain_description(
                description or _("Tori – marketplace for public service ideas")
            ),
            noindex=noindex,
        )
        path = request.path if request is not None else f"/{_language()}/"
        _apply_languages(meta, path_language_urls(path), _language(), query)
    if meta.noindex:
        return meta
    meta.description = plain_description(meta.description)
    meta.image, meta.own_image = _image(obj, meta.title)
    meta.structured = structured_data.documents(obj, meta)
    return meta
