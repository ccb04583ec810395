"""Translatable text on plain models: one row, its original language and its translations.

Pages and taxonomy snippets are translated with Wagtail's locales (one row per language,
joined by `translation_key`). Pilots, milestones, indicators, offerings, organisations and
proposals are one row each that votes, feedback, reviews and relations point at, so their
translations live on the row:

- `language`: the language the text fields were written in (the original);
- `translations`: ``{"sv": {"title": "…", "summary": "…"}, "en": {…}}`` for the other
  languages, only for the fields the model names in `translated_fields`.

`text(field)` gives the active language's text, falling back to the original, and
`text_language(field)` says which language that text is in, so a page can mark it with `lang`.
A JSON column rather than django-modeltranslation: the fallback is per row (a proposal falls
back to the language its team wrote it in, not to one site-wide language), the original
fields keep their names for the raw SQL of the vote path and the search index, and reading a
translation costs no query or join.
"""

from django.conf import settings
from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)


def clean_translations(value, *, fields, original: str) -> dict:
    """Only known languages other than the original, only the named fields, no empty texts."""
    cleaned: dict = {}
    for code, texts in (value or {}).items():
        if code not in LANGUAGE_CODES or code == original or not isinstance(texts, dict):
            continue
        kept = {
            field: str(text).strip()
            for field, text in texts.items()
            if field in fields and text and str(text).strip()
        }
        if kept:
            cleaned[code] = kept
    return cleaned


class Translated(models.Model):
    """Abstract: the original `language` and the `translations` of `translated_fields`."""

    translated_fields: tuple[str, ...] = ()

    language = models.CharField(
        _("original language"),
        max_length=2,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language the text was first written in."),
    )
    translations = models.JSONField(_("translations"), default=dict, blank=True)

    class Meta:
        abstract = True

    def text_and_language(self, field: str, language: str | None = None) -> tuple[str, str]:
        language = language or translation.get_language() or settings.LANGUAGE_CODE
        language = language.split("-")[0]
        if language != self.language:
            text = (self.translations or {}).get(language, {}).get(field)
            if text:
                return text, language
        return getattr(self, field), self.language

    def text(self, field: str, language: str | None = None) -> str:
        """The field's text in `language` (default: the active one), else the original."""
        return self.text_and_language(field, language)[0]

    def text_language(self, field: str, language: str | None = None) -> str:
        return self.text_and_language(field, language)[1]

    def available_languages(self) -> list[str]:
        """The original language first, then those with at least one translated field."""
        others = [code for code in LANGUAGE_CODES if (self.translations or {}).get(code)]
        return [self.language, *(code for code in others if code != self.language)]

    def versions(self) -> dict[str, dict[str, str]]:
        """{language: {field: text}} for every available language, falling back per field."""
        return {
            code: {field: self.text(field, code) for field in self.translated_fields}
            for code in self.available_languages()
        }

    def set_translations(self, value) -> None:
        self.translations = clean_translations(
            value, fields=self.translated_fields, original=self.language
        )


def replace_translated(existing, new, *, fields) -> dict:
    """`existing` translations with those of `fields` taken from `new`: a form that edits some
    of a row's translated fields leaves the others' translations as they were."""
    merged: dict = {}
    for code, texts in (existing or {}).items():
        kept = {field: text for field, text in texts.items() if field not in fields}
        if kept:
            merged[code] = kept
    for code, texts in (new or {}).items():
        for field, text in (texts or {}).items():
            if field in fields and text:
                merged.setdefault(code, {})[field] = text
    return merged


def _active_language() -> str:
    code = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return code if code in LANGUAGE_CODES else settings.LANGUAGE_CODE


def in_every_language(render) -> dict[str, str]:
    """{language: render()} with each of the site's languages active in turn."""
    texts = {}
    for code in LANGUAGE_CODES:
        with translation.override(code):
            texts[code] = str(render())
    return texts


def language_name(code: str) -> str:
    """The language's name in the active language ("ruotsi" in Finnish, "svenska" in Swedish)."""
    from django.utils.translation import get_language_info

    name = translation.gettext(get_language_info(code)["name"])
    # Finnish and Swedish write language names in lower case ("ruotsi", "finska").
    return name.lower() if _active_language() in ("fi", "sv") else name


class TranslationInputsMixin:
    """A form mixin: one optional input per translated field and per language other than the
    original (`<field>__<language>`, e.g. `title__sv`), after the original fields.
    `cleaned_data["translations"]` then holds ``{language: {field: text}}``. Set
    `translation_model` (ModelForms use their model), `original_language()` and
    `existing_translations()` where the form is not a ModelForm."""

    translation_model = None
    # The translated fields the form edits (default: every one of the model's).
    translation_fields: tuple[str, ...] | None = None
    # Forms that group the inputs under an explaining legend leave this empty.
    translation_help_text = _("Optional. Shown to people using Tori in this language.")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        model = self.translation_model or self._meta.model
        if "language" in self.fields:
            # Optional: a new text is taken to be in the language the person uses Tori in.
            self.fields["language"].required = False
            self.initial.setdefault("language", _active_language())
        original, existing = self.original_language(), self.existing_translations()
        self.translation_field_names: list[str] = []
        for code in LANGUAGE_CODES:
            if code == original:
                continue
            for field_name in self.translation_fields or model.translated_fields:
                model_field = model._meta.get_field(field_name)
                base = self.fields.get(field_name) or model_field.formfield()
                name = f"{field_name}__{code}"
                self.fields[name] = type(base)(
                    required=False,
                    label=_("%(field)s in %(language)s")
                    % {"field": base.label, "language": language_name(code)},
                    max_length=getattr(model_field, "max_length", None),
                    widget=type(base.widget)(attrs=dict(base.widget.attrs)),
                    help_text=self.translation_help_text,
                )
                self.initial.setdefault(name, existing.get(code, {}).get(field_name, ""))
                self.translation_field_names.append(name)

    def original_language(self) -> str:
        return self.initial.get("language") or _active_language()

    def original_fields(self) -> list:
        """The visible fields but the translation inputs (for a template's first part)."""
        return [f for f in self.visible_fields() if f.name not in self.translation_field_names]

    def translation_inputs(self) -> list:
        return [self[name] for name in self.translation_field_names]

    def existing_translations(self) -> dict:
        return self.initial.get("translations") or {}

    def clean_language(self):
        return self.cleaned_data.get("language") or self.original_language()

    def translations_from_form(self) -> dict:
        if "translations" in self.cleaned_data:
            return self.cleaned_data["translations"]
        value: dict = {}
        for name in self.translation_field_names:
            field_name, code = name.rsplit("__", 1)
            text = self.cleaned_data.get(name)
            if text:
                value.setdefault(code, {})[field_name] = text
        return value

    def clean(self):
        cleaned = super().clean()
        cleaned["translations"] = self.translations_from_form()
        for name in self.translation_field_names:  # callers pass cleaned_data to services
            cleaned.pop(name, None)
        return cleaned


class TranslationsFormMixin(TranslationInputsMixin):
    """TranslationInputsMixin for a ModelForm of a `Translated` model: the instance's
    language and translations, saved on the instance by `save`."""

    def original_language(self) -> str:
        if self.instance.pk:
            return self.instance.language
        return super().original_language()

    def existing_translations(self) -> dict:
        return self.instance.translations or {}

    def save(self, commit=True):
        self.instance.set_translations(self.translations_from_form())
        return super().save(commit=commit)


def with_translations(form_class):
    """`form_class` (a ModelForm, e.g. a Wagtail viewset's) with the translation inputs."""
    return type(form_class)(
        f"Translated{form_class.__name__}",
        (TranslationsFormMixin, form_class),
        {"__module__": form_class.__module__},
    )
