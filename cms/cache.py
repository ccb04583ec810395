"""Small caches for what nearly every public page reads and what rarely changes.

- the Locale rows (a handful, created by migrations or the admin), so "the active locale" is
  not one query per call;
- site chrome (the main menu's challenge link, the footer pages, the taxonomy names, the
  site's branding) keyed by language and by a version that every page publish, unpublish,
  move or delete and every taxonomy or branding change bumps.

With Redis (REDIS_URL) every worker sees a bump at once. With the per-process local-memory
cache a bump reaches only its own worker, so entries also expire after CHROME_TTL seconds:
that is how stale another worker's menu can be.
"""

from django.conf import settings
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import get_supported_language_variant
from wagtail.models import Locale

LOCALES_KEY = "tori:locales"
VERSION_KEY = "tori:chrome-version"
CHROME_TTL = 60


def _locales() -> dict:
    locales = cache.get(LOCALES_KEY)
    if locales is None:
        locales = {locale.language_code: locale for locale in Locale.objects.all()}
        cache.set(LOCALES_KEY, locales, 300)
    return locales


def _locale_for(language: str | None) -> Locale | None:
    if not language:
        return None
    try:
        code = get_supported_language_variant(language)
    except LookupError:
        return None
    return _locales().get(code)


def default_locale() -> Locale:
    return _locale_for(settings.LANGUAGE_CODE) or Locale.get_default()


def language_code(locale_id) -> str | None:
    """The language code of a Locale id, without a query."""
    for code, locale in _locales().items():
        if locale.pk == locale_id:
            return code
    return None


def active_locale() -> Locale:
    """Locale.get_active(), falling back to the default, without a query per call."""
    return _locale_for(translation.get_language()) or default_locale()


def chrome_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        version = 1
        cache.add(VERSION_KEY, version, None)
    return version


def chrome_key(name: str, *parts) -> str:
    language = translation.get_language() or ""
    tail = ":".join(str(part) for part in parts)
    return f"tori:chrome:{chrome_version()}:{name}:{language}:{tail}"


def cached_chrome(name: str, compute, *parts):
    """compute() once per language, version and `parts`, for CHROME_TTL seconds."""
    key = chrome_key(name, *parts)
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CHROME_TTL)
    return value


def bump_chrome(**kwargs) -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:
        cache.set(VERSION_KEY, 2, None)


def forget_locales(**kwargs) -> None:
    cache.delete(LOCALES_KEY)
    bump_chrome()


def connect(*, snippets=()) -> None:
    """Wire the invalidation (called from CmsConfig.ready); `snippets`: other apps'
    translatable snippets whose names are read through cms.localize."""
    from django.db.models.signals import post_delete, post_save
    from wagtail.models import Page
    from wagtail.signals import page_published, page_slug_changed, page_unpublished, post_page_move

    from .models import CustomerGroup, SiteBranding, Theme, Unit

    for signal in (page_published, page_unpublished, page_slug_changed, post_page_move):
        signal.connect(bump_chrome, dispatch_uid=f"tori-chrome-{signal!r}")
    post_delete.connect(bump_chrome, sender=Page, dispatch_uid="tori-chrome-page-delete")
    for model in (CustomerGroup, Theme, SiteBranding, Unit, *snippets):
        post_save.connect(
            bump_chrome, sender=model, dispatch_uid=f"tori-chrome-save-{model.__name__}"
        )
        post_delete.connect(
            bump_chrome, sender=model, dispatch_uid=f"tori-chrome-delete-{model.__name__}"
        )
    post_save.connect(forget_locales, sender=Locale, dispatch_uid="tori-locales-save")
    post_delete.connect(forget_locales, sender=Locale, dispatch_uid="tori-locales-delete")
