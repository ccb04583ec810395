"""One item in every language: the copy of a challenge, customer group or theme to show.

A challenge page, customer group or theme and its translations are one item: they share a
Wagtail `translation_key`. Proposals attach to the challenge in the default language, and
offerings and proposals may be tagged with any copy of a snippet. Whatever copy a relation
holds, people see the item once, in the active language, or in the default language where
the active language has no (live) translation; `lang_attribute` marks such text with its own
language.

The copies are read once per language, model and content version (`cms.cache`: every page
publish and snippet change bumps it), so a list of any length costs no query per row.
"""

from collections.abc import Iterable

import django_filters
import django_filters.conf
from django import forms
from django.conf import settings
from django.core.validators import EMPTY_VALUES
from django.db.models import F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.forms.models import ModelChoiceIterator
from django.utils import translation
from django.utils.html import format_html

from . import cache


def _is_page(model) -> bool:
    from wagtail.models import Page

    return issubclass(model, Page)


def _copies(model) -> dict[str, object]:
    """{translation key: the copy to show} for the active language, from the chrome cache."""
    locale, default = cache.active_locale(), cache.default_locale()

    def compute() -> dict[str, object]:
        rows = model.objects.filter(locale_id__in={locale.pk, default.pk})
        if _is_page(model):
            rows = rows.live().select_related("locale")
        best: dict[str, object] = {}
        for row in rows:
            key = str(row.translation_key)
            if row.locale_id == locale.pk or key not in best:
                best[key] = row
        return best

    return cache.cached_chrome("copies", compute, model._meta.label_lower)


def localized(obj):
    """The copy of `obj` (a translatable snippet or page) to show in the active language."""
    if obj is None or not hasattr(obj, "translation_key"):
        return obj
    if obj.locale_id == cache.active_locale().pk:
        return obj
    return _copies(type(obj)).get(str(obj.translation_key), obj)


def localized_items(objects: Iterable, *, sort_key: str | None = "name") -> list:
    """Each item of `objects` once (copies of one item collapse), in the active language."""
    shown: dict[str, object] = {}
    for obj in objects:
        copy = localized(obj)
        shown.setdefault(str(copy.translation_key), copy)
    items = list(shown.values())
    if sort_key:
        items.sort(key=lambda item: str(getattr(item, sort_key, "")).casefold())
    return items


def language_of(obj) -> str:
    """The language code of a translatable object's text, without a query."""
    code = cache.language_code(obj.locale_id)
    return code or ""


def lang_attribute(obj) -> str:
    """` lang="fi"` when `obj` is shown in another language than the page's, else ""."""
    if obj is None or not hasattr(obj, "locale_id"):
        return ""
    code = language_of(obj)
    if code and code != (translation.get_language() or ""):
        return format_html(' lang="{}"', code)
    return ""


def originals(queryset):
    """One row per item: the copy in the default language, or the item's only copies where it
    has none. Proposals, evaluator assignments and pilots attach to these rows."""
    # By language code, not the Locale's id: no query until the rows are read.
    default = Q(locale__language_code=settings.LANGUAGE_CODE)
    in_default = queryset.model.objects.filter(default).values("translation_key")
    return queryset.filter(default | ~Q(translation_key__in=in_default))


def item_label(obj) -> str:
    """An item's name in the active language (a page's title, a snippet's name)."""
    return str(localized(obj))


class _ItemIterator(ModelChoiceIterator):
    """The choices sorted by their label in the active language."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        rows = list(self.queryset)
        rows.sort(key=lambda row: item_label(row).casefold())
        for row in rows:
            yield self.choice(row)


class ItemChoiceField(forms.ModelChoiceField):
    """A choice of challenges or snippets, each item once, labelled in the active language.
    Give it `originals(...)` as the queryset."""

    iterator = _ItemIterator

    def label_from_instance(self, obj) -> str:
        return item_label(obj)


class ItemMultipleChoiceField(forms.ModelMultipleChoiceField):
    iterator = _ItemIterator

    def label_from_instance(self, obj) -> str:
        return item_label(obj)


class ItemChoiceFilter(django_filters.ModelChoiceFilter):
    """Filter by an item whatever copy the relation holds (`field_name` ends at the page or
    snippet): rows tagged with any language version of the chosen item match."""

    field_class = ItemChoiceField

    def __init__(self, *args, **kwargs):
        # The filter's prompt ("Any"), not the form field's dashes.
        kwargs.setdefault("empty_label", django_filters.conf.settings.EMPTY_CHOICE_LABEL)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in EMPTY_VALUES:
            return qs
        matching = {f"{self.field_name}__translation_key": value.translation_key}
        return qs.filter(pk__in=qs.model.objects.filter(**matching).values("pk"))


def item_slug(model, relation: str = ""):
    """An SQL expression for the item's slug: its default-language copy's slug, else the
    copy's own (`relation` is the path to the snippet, e.g. "customergroup__")."""
    default_copy = model.objects.filter(
        translation_key=OuterRef(f"{relation}translation_key"),
        locale__language_code=settings.LANGUAGE_CODE,
    ).values("slug")[:1]
    return Coalesce(Subquery(default_copy), F(f"{relation}slug"))


def item_slugs(objects) -> list[str]:
    """The item slugs of snippet objects (one query for any number of them)."""
    objects = list(objects)
    if not objects:
        return []
    model = type(objects[0])
    keys = {o.translation_key for o in objects}
    by_key = dict(
        model.objects.filter(translation_key__in=keys)
        .annotate(item=item_slug(model))
        .values_list("translation_key", "item")
    )
    return sorted({by_key.get(o.translation_key, o.slug) for o in objects})
