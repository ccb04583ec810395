"""Load the demo content. Idempotent: a second run changes nothing and does not fail.

Each app builds its own part through its services, in lifecycle order.
"""

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from cms import demo as cms_demo
from cms import demo_profiles as cms_demo_profiles
from cms import demo_units as cms_demo_units
from ideas import demo as ideas_demo
from marketplace import demo as marketplace_demo
from partners import demo as partners_demo

STEPS = [
    ("people and organisations", partners_demo.seed),
    ("pages, customer groups, themes and challenges", cms_demo.seed),
    ("organising units", cms_demo_units.seed),
    ("customer-group profiles and easy-read summaries", cms_demo_profiles.seed),
    ("proposals, comments, votes and reviews", ideas_demo.seed),
    ("pilots and offerings", marketplace_demo.seed),
]


class Command(BaseCommand):
    help = "Load Tori's demo content (idempotent)."

    def handle(self, *args, **options):
        # Demo accounts get in-app notifications; no e-mail is sent while seeding.
        with override_settings(EMAIL_BACKEND="django.core.mail.backends.dummy.EmailBackend"):
            for number, (label, step) in enumerate(STEPS, start=1):
                self.stdout.write(f"[{number}/{len(STEPS)}] {label}…")
                with transaction.atomic():
                    step(stdout=self.stdout)
        self.stdout.write(self.style.SUCCESS("Demo content ready."))
        partners_demo.print_accounts(stdout=self.stdout)
