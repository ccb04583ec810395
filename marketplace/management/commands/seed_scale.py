"""`manage.py seed_scale`: volume data for benchmarks (the steps: marketplace.management.scale)."""

import sys
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction

from marketplace.management.scale.seed import analyze, seed

SEED_OPTIONS = (
    "challenges",
    "proposals",
    "votes",
    "comments",
    "pilots",
    "offerings",
    "organisations",
    "users",
    "batch_size",
)


class Command(BaseCommand):
    help = "Add volume data quickly (bulk inserts keeping every invariant); for benchmarks."

    def add_arguments(self, parser):
        add = parser.add_argument
        add(
            "--catalogue-entries", type=int, help="Pick every number for about N catalogue entries."
        )
        add("--challenges", type=int, default=6)
        add("--proposals", type=int, default=600)
        add("--votes", type=int, default=1000)
        add("--comments", type=int, default=600)
        add("--pilots", type=int, default=30)
        add("--offerings", type=int, default=300)
        add("--organisations", type=int, default=50)
        add("--users", type=int, default=500)
        add("--batch-size", type=int, default=2000)
        add("--no-index", action="store_true", help="Skip rebuilding the catalogue index.")

    @staticmethod
    def proportions(entries: int) -> dict:
        """Catalogue entries are published challenges, public proposals, published pilots and
        published offerings; these numbers add up to `entries`."""
        challenges = max(2, min(30, entries // 3000))
        pilots = entries // 20
        offerings = entries * 55 // 100
        proposals = max(entries - challenges - pilots - offerings, pilots)
        return {
            "challenges": challenges,
            "proposals": proposals,
            "pilots": pilots,
            "offerings": offerings,
            "organisations": max(20, entries // 100),
            "users": max(100, entries // 10),
            "votes": entries // 2,
            "comments": entries // 5,
        }

    def handle(self, *args, **options):
        if options["catalogue_entries"]:
            options.update(self.proportions(options["catalogue_entries"]))
        started = time.perf_counter()
        with transaction.atomic():
            result = seed(
                stream=self.stdout,
                **{key: options[key] for key in SEED_OPTIONS},
            )
        analyze()
        if not options["no_index"]:
            self.rebuild_index()
        seconds = time.perf_counter() - started
        summary = ", ".join(f"{value} {key}" for key, value in result.items())
        self.stdout.write(self.style.SUCCESS(f"Added {summary} in {seconds:.1f} s."))

    def rebuild_index(self):
        self.stdout.write("Catalogue index: rebuilding…")
        call_command("search_index", "--rebuild", stdout=self.stdout)


if __name__ == "__main__":  # pragma: no cover
    sys.exit("Run it through manage.py: python manage.py seed_scale --help")
