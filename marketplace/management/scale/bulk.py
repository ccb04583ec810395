"""Batched bulk inserts with a one-line progress bar on the command's output."""

import itertools
import time
from dataclasses import dataclass

from django.core.management.base import OutputWrapper


class Progress:
    """A one-line progress bar on a stream (the command's stdout)."""

    def __init__(self, stream, label: str, total: int, width: int = 30):
        self.stream, self.label, self.total, self.width = stream, label, max(total, 1), width
        self.done = 0
        self.started = time.perf_counter()
        self._draw()

    def advance(self, n: int) -> None:
        self.done = min(self.total, self.done + n)
        self._draw()

    def _draw(self) -> None:
        filled = int(self.width * self.done / self.total)
        bar = "#" * filled + "-" * (self.width - filled)
        self.stream.write(f"\r  {self.label:<16} [{bar}] {self.done:>7}/{self.total}", ending="")
        if self.done >= self.total:
            self.stream.write(f" ({time.perf_counter() - self.started:.1f} s)")
        self.stream.flush()


def batched(items, size):
    iterator = iter(items)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


@dataclass
class Run:
    """One seeding run: its tag (in every name and slug), its clock, where progress goes and
    how many rows go in one INSERT."""

    tag: str
    now: object
    stream: OutputWrapper
    batch_size: int = 2000

    def bulk(self, model, objects, *, label, **kwargs) -> list:
        """bulk_create in batches with a progress bar; returns the saved objects (with pks)."""
        objects = list(objects)
        progress = Progress(self.stream, label, len(objects))
        saved = []
        for batch in batched(objects, self.batch_size):
            saved += model.objects.bulk_create(batch, batch_size=self.batch_size, **kwargs)
            progress.advance(len(batch))
        return saved
