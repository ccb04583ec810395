"""The shared list of capabilities, one item in every language.

A capability and its translations share a Wagtail `translation_key`. Organisations (and calls
for partners) are tagged with the item's original copy, the one in the default language (or
the item's only copies where it has none), so that a filter counts each item once whatever
language a person tagged it in. People see each item's name in the active language.
"""

from django import forms
from django.conf import settings
from django.db.models import Q
from django.forms.models import ModelChoiceIterator
from django.utils import translation

from .models import Capability


def capability_originals():
    """One row per item: what organisations and calls are tagged with."""
    default = Q(locale__language_code=settings.LANGUAGE_CODE)
    in_default = Capability.objects.filter(default).values("translation_key")
    return Capability.objects.filter(default | ~Q(translation_key__in=in_default))


def originals_of(capabilities) -> list[Capability]:
    """The original copies of any copies of items (one query)."""
    keys = {c.translation_key for c in capabilities}
    if not keys:
        return []
    return list(capability_originals().filter(translation_key__in=keys))


def names_by_key(keys=None) -> dict[str, str]:
    """{translation key: the item's name in the active language, else the default's}."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    rows = Capability.objects.filter(
        locale__language_code__in={language, settings.LANGUAGE_CODE}
    ).values_list("translation_key", "locale__language_code", "name")
    if keys is not None:
        rows = rows.filter(translation_key__in=set(keys))
    names: dict[str, str] = {}
    for key, code, name in rows:
        if code == language or str(key) not in names:
            names[str(key)] = name
    return names


def capability_names(capabilities) -> list[str]:
    """The names of the items of `capabilities` (any copies), each once, sorted."""
    capabilities = list(capabilities)
    names = names_by_key({c.translation_key for c in capabilities})
    shown = {names.get(str(c.translation_key), c.name) for c in capabilities}
    return sorted(shown, key=str.casefold)


class _NamedIterator(ModelChoiceIterator):
    def __iter__(self):
        rows = list(self.queryset)
        names = names_by_key({row.translation_key for row in rows})
        self.field.names = names
        rows.sort(key=lambda row: names.get(str(row.translation_key), row.name).casefold())
        for row in rows:
            yield self.choice(row)


class CapabilityChoiceField(forms.ModelMultipleChoiceField):
    """Checkboxes of the list's items, each once, labelled in the active language."""

    iterator = _NamedIterator
    names: dict[str, str] = {}

    def __init__(self, **kwargs):
        kwargs.setdefault("queryset", capability_originals())
        kwargs.setdefault("widget", forms.CheckboxSelectMultiple)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def label_from_instance(self, obj) -> str:
        return self.names.get(str(obj.translation_key), obj.name)
