"""Create the floor's table and its 50 rows (run with the floor's settings)."""

import os

import django

os.environ["DJANGO_SETTINGS_MODULE"] = "tests.bench.floor.settings"
django.setup()

from django.core.management import call_command  # noqa: E402

from tests.bench.floor.models import Row  # noqa: E402

call_command("migrate", run_syncdb=True, verbosity=0)
Row.objects.all().delete()
Row.objects.bulk_create(Row(name=f"Row {i}", value=i * 7) for i in range(50))
