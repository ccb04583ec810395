"""The language of an API answer, and the text of every object in it.

`?lang=fi|sv|en` wins; otherwise `Accept-Language`; otherwise the site's default language.
Pages and taxonomy snippets (Wagtail locales: one row per language) fall back to the copy
in the default language, then to the row itself; plain models (`partners.translated`: one
row with its original `language` and `translations`) fall back field by field to the
original. Every lookup costs a constant number of queries per answer.
"""

from django.conf import settings
from django.utils.translation import get_supported_language_variant
from django.utils.translation.trans_real import parse_accept_lang_header
from wagtail.models import Locale

from cms.models import ChallengePage

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


def requested_language(request, *, read_query: bool = True) -> tuple[str, bool]:
    """The answer's language and whether `?lang=` named an unknown language (a 400).
    `?lang=` wins over Accept-Language; an unknown `lang` answers in Accept-Language's."""
    raw = request.GET.get("lang") if read_query else None
    if raw is not None and raw in LANGUAGE_CODES:
        return raw, False
    return language_from_header(request.headers.get("Accept-Language", "")), raw is not None


def ordered_languages(original: str, others) -> list[str]:
    """The original language first, then the others in the site's order."""
    others = set(others)
    return [original, *(code for code in LANGUAGE_CODES if code in others and code != original)]


class Localiser:
    """Translated text for one answer, with a constant number of queries.

    Translations are loaded lazily, once per model and answer: all the rows of the asked and
    the default locale (taxonomy snippets and challenge pages are few), keyed by
    `translation_key`.
    """

    def __init__(self, language: str):
        self.language = language
        self._codes: dict[int, str] | None = None
        self._snippets: dict = {}
        self._pages: dict | None = None
        self._page_languages: dict | None = None

    # --- Locales --------------------------------------------------------------------------
    def _locale_codes(self) -> dict[int, str]:
        if self._codes is None:
            self._codes = dict(Locale.objects.values_list("pk", "language_code"))
        return self._codes

    def _locale_id(self, code: str):
        return next((pk for pk, value in self._locale_codes().items() if value == code), None)

    @property
    def locale_id(self):
        return self._locale_id(self.language)

    @property
    def default_locale_id(self):
        return self._locale_id(settings.LANGUAGE_CODE)

    def language_of(self, obj) -> str:
        """The language of a page's or snippet's text (its locale's language code)."""
        if obj._meta.get_field("locale").is_cached(obj):  # select_related: no query
            return obj.locale.language_code
        return self._locale_codes().get(obj.locale_id, settings.LANGUAGE_CODE)

    # --- Taxonomy snippets ----------------------------------------------------------------
    def _snippet_copies(self, model) -> dict:
        """{translation_key: {locale_id: row}} of the asked and the default locale."""
        if model not in self._snippets:
            wanted = {self.locale_id, self.default_locale_id} - {None}
            copies: dict = {}
            for row in model.objects.filter(locale_id__in=wanted):
                copies.setdefault(row.translation_key, {})[row.locale_id] = row
            self._snippets[model] = copies
        return self._snippets[model]

    def snippet(self, obj):
        """The copy of a translatable snippet (CustomerGroup, Theme) in the asked language,
        else its copy in the default language, else the snippet itself."""
        if obj.locale_id == self.locale_id:
            return obj
        copies = self._snippet_copies(type(obj)).get(obj.translation_key, {})
        return copies.get(self.locale_id) or copies.get(self.default_locale_id) or obj

    def canonical_snippet(self, obj):
        """The copy whose slug the API shows: the default-language copy, else the snippet.
        The slug is then the same in every language, whichever copy an object is tagged with."""
        if obj.locale_id == self.default_locale_id:
            return obj
        copies = self._snippet_copies(type(obj)).get(obj.translation_key, {})
        return copies.get(self.default_locale_id) or obj

    # --- Challenge pages ------------------------------------------------------------------
    def page(self, page):
        """The live, public translation of a challenge page in the asked language, or the
        page itself."""
        if self.locale_id is None or page.locale_id == self.locale_id:
            return page
        if self._pages is None:
            self._pages = {
                row.translation_key: row
                for row in ChallengePage.objects.live()
                .public()
                .filter(locale_id=self.locale_id)
                .select_related("locale")
            }
        return self._pages.get(page.translation_key, page)

    def page_languages(self, page) -> list[str]:
        """The languages a challenge is published in: the listed page's first."""
        if self._page_languages is None:
            languages: dict = {}
            rows = (
                ChallengePage.objects.live()
                .public()
                .values_list("translation_key", "locale__language_code")
            )
            for key, code in rows:
                languages.setdefault(key, set()).add(code)
            self._page_languages = languages
        return ordered_languages(
            self.language_of(page), self._page_languages.get(page.translation_key, ())
        )
