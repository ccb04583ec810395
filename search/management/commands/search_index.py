"""Rebuild or check the catalogue index.

manage.py search_index --rebuild          # the configured engines, with a progress bar
manage.py search_index --check            # exit status 1 when entries are missing, extra or stale
manage.py search_index --rebuild --engine database
"""

from django.core.management.base import BaseCommand, CommandError

from search import documents, indexing
from search.catalogue import elasticsearch_enabled
from search.engines import SearchUnavailable

BAR_WIDTH = 30


class ProgressBar:
    """A text progress bar written through the command's stdout."""

    def __init__(self, stdout, total: int, label: str):
        self.stdout, self.total, self.label, self.done = stdout, max(total, 0), label, 0

    def __call__(self, step: int) -> None:
        self.done += step
        total = max(self.total, self.done)
        filled = int(BAR_WIDTH * self.done / total) if total else BAR_WIDTH
        self.stdout.write(
            f"\r{self.label} [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {self.done}/{total}",
            ending="",
        )
        self.stdout.flush()

    def finish(self) -> None:
        if self.done == 0:
            self(0)
        self.stdout.write("")


class Command(BaseCommand):
    help = "Rebuild (--rebuild) or check (--check) the catalogue search index."

    def add_arguments(self, parser):
        action = parser.add_mutually_exclusive_group(required=True)
        action.add_argument(
            "--rebuild", action="store_true", help="Rebuild the index from the database."
        )
        action.add_argument(
            "--check",
            action="store_true",
            help="Report missing, extra and stale entries; exit 1 if any.",
        )
        parser.add_argument(
            "--engine",
            choices=["database", "elasticsearch", "all"],
            default="all",
            help="Which index: the database one, Elasticsearch, or every configured one (default).",
        )

    def _engines(self, option: str) -> list[str]:
        if option == "all":
            return ["database", "elasticsearch"] if elasticsearch_enabled() else ["database"]
        if option == "elasticsearch" and not elasticsearch_enabled():
            raise CommandError("ELASTICSEARCH_URL is not set.")
        return [option]

    def handle(self, *args, **options):
        engines = self._engines(options["engine"])
        total = documents.count_all()
        failed = False
        for engine in engines:
            bar = ProgressBar(self.stdout, total, f"{engine}:")
            try:
                if options["rebuild"]:
                    counts = indexing.rebuild(engine=engine, progress=bar)
                    bar.finish()
                    summary = (
                        ", ".join(f"{kind} {n}" for kind, n in sorted(counts.items())) or "nothing"
                    )
                    self.stdout.write(
                        self.style.SUCCESS(
                            f"{engine}: indexed {sum(counts.values())} entries ({summary})."
                        )
                    )
                else:
                    report = indexing.check(engine=engine, progress=bar)
                    bar.finish()
                    failed |= not self._report(engine, report)
            except SearchUnavailable as error:
                raise CommandError(f"{engine}: search index unavailable: {error}") from error
        if failed:
            raise CommandError(
                "The search index is out of date: run search_index --rebuild.", returncode=1
            )

    def _report(self, engine: str, report) -> bool:
        for label, keys in (
            ("missing", report.missing),
            ("extra", report.extra),
            ("stale", report.stale),
        ):
            self.stdout.write(f"{engine}: {len(keys)} {label}")
            for kind, object_id in keys[:50]:
                self.stdout.write(f"  {label}: {kind} {object_id}")
            if len(keys) > 50:
                self.stdout.write(f"  … and {len(keys) - 50} more")
        if report.ok:
            self.stdout.write(self.style.SUCCESS(f"{engine}: the index is up to date."))
        return report.ok
