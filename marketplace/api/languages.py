"""The language of an API answer, and the translations of pages and snippets in it.

`?lang=fi|sv|en` wins; otherwise `Accept-Language`; otherwise the site's default language.
Pages and snippets fall back to the original when no translation exists in that language.
"""

from django.conf import settings
from django.utils.translation import get_supported_language_variant
from django.utils.translation.trans_real import parse_accept_lang_header
from wagtail.models import Locale

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]


def language_from_header(header: str) -> str:
    """The first supported language of an Accept-Language header, or the default language."""
    for code, _quality in parse_accept_lang_header(header or ""):
        if code == "*":
            break
        try:
            return get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


class Localiser:
    """Translated text for one answer, with a constant number of queries.

    Translations are loaded lazily, once per model and answer: all the rows of the asked
    locale (taxonomy snippets and challenge pages are few), keyed by `translation_key`.
    """

    def __init__(self, language: str):
        self.language = language
        self._locale_id = None
        self._locale_loaded = False
        self._snippets: dict = {}
        self._pages: dict | None = None

    @property
    def locale_id(self):
        if not self._locale_loaded:
            self._locale_id = (
                Locale.objects.filter(language_code=self.language)
                .values_list("pk", flat=True)
                .first()
            )
            self._locale_loaded = True
        return self._locale_id

    def _needs_translation(self, obj) -> bool:
        return self.locale_id is not None and obj.locale_id != self.locale_id

    def snippet(self, obj):
        """The translation of a translatable snippet (CustomerGroup, Theme), or the original."""
        if not self._needs_translation(obj):
            return obj
        model = type(obj)
        if model not in self._snippets:
            self._snippets[model] = {
                row.translation_key: row for row in model.objects.filter(locale_id=self.locale_id)
            }
        return self._snippets[model].get(obj.translation_key, obj)

    def page(self, page):
        """The live, public translation of a challenge page, or the original."""
        if not self._needs_translation(page):
            return page
        if self._pages is None:
            from cms.models import ChallengePage

            self._pages = {
                row.translation_key: row
                for row in ChallengePage.objects.live()
                .public()
                .filter(locale_id=self.locale_id)
                .select_related("locale")
            }
        return self._pages.get(page.translation_key, page)
