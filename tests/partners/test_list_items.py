"""The shared lists things are tagged with: capabilities (partners), themes and customer
groups (cms) are one kind of item, with the same rules, and sharing them moved no table."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import IntegrityError, transaction
from wagtail.models import Locale
from wagtail_localize.fields import SynchronizedField

from cms.models import CustomerGroup, Theme
from partners.models import Capability, ListItem

pytestmark = pytest.mark.django_db

LISTS = [Capability, Theme, CustomerGroup]


@pytest.mark.parametrize("model", LISTS, ids=lambda model: model.__name__)
def test_each_list_names_its_items_by_a_slug_unique_in_each_language(model):
    assert issubclass(model, ListItem)
    default = Locale.get_default()
    model.objects.create(name="Zebra crossings", slug="crossings", locale=default)
    model.objects.create(name="Audio guides", slug="guides", locale=default)
    assert [str(item) for item in model.objects.all()] == ["Audio guides", "Zebra crossings"]
    with pytest.raises(IntegrityError), transaction.atomic():
        model.objects.create(name="Again", slug="guides", locale=default)
    synchronised = {field.field_name: field for field in model.override_translatable_fields}
    assert isinstance(synchronised["slug"], SynchronizedField)
    assert not synchronised["slug"].overridable


def test_a_customer_group_keeps_its_sensitivity_in_every_language():
    synchronised = {field.field_name for field in CustomerGroup.override_translatable_fields}
    assert synchronised == {"slug", "sensitive"}


def test_sharing_the_base_needs_no_migration():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()
