"""Admin lists and exports in the reader's language: yes/no instead of True/False, choice labels
instead of stored values, dates and times in Finnish time and the language's own format.

`YesNoColumn` is for boolean fields in `list_display`; `LocalizedExportMixin` goes on an index
view whose viewset has `list_export`.
"""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.dateformat import re_escaped, re_formatchars
from django.utils.formats import date_format, get_format
from django.utils.html import conditional_escape
from django.utils.text import capfirst
from django.utils.translation import gettext
from wagtail.admin.ui.fields import BaseFieldDisplay, register_display_class
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.mixins import ExcelDateFormatter, SpreadsheetExportMixin


def yes_no(value) -> str:
    if value is None:
        return ""
    return gettext("Yes") if value else gettext("No")


class YesNoColumn(Column):
    """A boolean as the words "Yes" / "No" of the reader's language."""

    def get_value(self, instance):
        return yes_no(super().get_value(instance))


def yes_no_column(model, name: str) -> YesNoColumn:
    """A `list_display` column for the boolean field `name`, labelled with its verbose name."""
    label = capfirst(model._meta.get_field(name).verbose_name)
    return YesNoColumn(name, label=label, sort_key=name)


def local_datetime(value: datetime.datetime) -> str:
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return date_format(value, "SHORT_DATETIME_FORMAT")


class _QuotedExcelDateFormatter(ExcelDateFormatter):
    """Wagtail's Django-to-Excel format translation, with literal words ("klo", "kl.") quoted
    so that Excel reads them as text."""

    def format(self, formatstr):
        pieces = []
        for i, piece in enumerate(re_formatchars.split(str(formatstr))):
            if i % 2:
                pieces.append(str(getattr(self, piece)()))
            elif piece:
                literal = re_escaped.sub(r"\1", piece)
                plain = not literal.strip(" .,:-/")
                pieces.append(literal if plain else '"' + literal.replace('"', "") + '"')
        return "".join(pieces)


class LocalizedExportMixin(SpreadsheetExportMixin):
    """CSV and XLSX exports as the reader sees the list: choice labels, yes/no, local times."""

    custom_value_preprocess = {
        datetime.datetime: {
            SpreadsheetExportMixin.FORMAT_CSV: local_datetime,
            # Excel has no time zones: write the Finnish wall-clock time.
            SpreadsheetExportMixin.FORMAT_XLSX: lambda value: (
                timezone.make_naive(value) if timezone.is_aware(value) else value
            ),
        },
        datetime.date: {
            SpreadsheetExportMixin.FORMAT_CSV: lambda value: date_format(
                value, "SHORT_DATE_FORMAT"
            ),
            SpreadsheetExportMixin.FORMAT_XLSX: None,
        },
        datetime.time: {SpreadsheetExportMixin.FORMAT_XLSX: None},
        bool: {
            SpreadsheetExportMixin.FORMAT_CSV: yes_no,
            SpreadsheetExportMixin.FORMAT_XLSX: yes_no,
        },
        **{
            key: value
            for key, value in SpreadsheetExportMixin.custom_value_preprocess.items()
            if key is list
        },
    }

    def to_row_dict(self, item):
        """A field with choices exports its label (get_FOO_display), not the stored value."""
        row = super().to_row_dict(item)
        for field in self.list_export:
            display = getattr(item, f"get_{field}_display", None)
            if "__" not in field and "." not in field and callable(display):
                row[field] = display()
        return row

    def generate_xlsx_row(self, worksheet, row_dict, date_format=None):
        if date_format:
            date_format = _QuotedExcelDateFormatter().format(get_format("SHORT_DATETIME_FORMAT"))
        return super().generate_xlsx_row(worksheet, row_dict, date_format=date_format)


class YesNoDisplay(BaseFieldDisplay):
    """A boolean field in the admin's inspect views as "Yes" / "No" of the reader's language."""

    def render_html(self, parent_context=None):
        return conditional_escape(yes_no(self.value))


def register_displays() -> None:
    """Called from partners.wagtail_hooks: booleans everywhere in the admin read as words."""
    register_display_class(models.BooleanField, display_class=YesNoDisplay)
