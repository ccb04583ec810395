"""Breakdowns of participation by customer group and channel, with small-cell suppression.

Every table counts distinct people: rows are the original customer groups (named in the active
language) and "not stated", columns are channels, plus row and column totals, a grand total
and a series by month. A person's groups are their own statement (`cms.CustomerGroupMembership`)
or, for feedback and tester sign-ups, the group given with it. Suppression follows
`marketplace.services.suppression`: "–" = fewer than 5 people (or hidden so that such a figure
cannot be worked out). Nothing per person ever leaves this module.

Each builder reads a constant number of queries, whatever the number of rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext_lazy as _

from cms.localize import originals
from cms.models import CustomerGroup, CustomerGroupMembership
from cms.selectors import localized_in_bulk
from ideas.models import Vote
from partners.channels import Channel

from ..models import Feedback, TesterSignup
from .suppression import THRESHOLD, suppress, visible_mean

NOT_STATED = "none"
TOTAL = "total"


@dataclass(frozen=True)
class Record:
    """One person's participation: who (any hashable), their groups (original pks), channel,
    month, and a rating where there is one."""

    person: object
    groups: frozenset
    channel: str
    month: date
    rating: int | None = None


@dataclass
class Cell:
    count: int | None  # None = hidden
    mean: float | None = None

    @property
    def hidden(self) -> bool:
        return self.count is None


@dataclass
class Row:
    key: str
    label: str
    cells: list[Cell]
    total: Cell


@dataclass
class Breakdown:
    columns: list[tuple[str, str]]
    rows: list[Row]
    totals: Row
    series: list[tuple[date, Cell]]
    with_mean: bool = False
    threshold: int = THRESHOLD
    suppressed: int = field(default=0)

    @property
    def is_empty(self) -> bool:
        return not self.rows

    def as_dict(self) -> dict:
        def cell(c: Cell) -> dict:
            data = {"count": c.count}
            if self.with_mean:
                data["mean"] = c.mean
            return data

        def row(r: Row) -> dict:
            return {
                "key": r.key,
                "label": str(r.label),
                "cells": {key: cell(c) for (key, _l), c in zip(self.columns, r.cells, strict=True)},
                "total": cell(r.total),
            }

        return {
            "threshold": self.threshold,
            "columns": [{"key": k, "label": str(label)} for k, label in self.columns],
            "rows": [row(r) for r in self.rows],
            "totals": row(self.totals),
            "by_month": [{"month": m.strftime("%Y-%m"), **cell(c)} for m, c in self.series],
        }


def _month(moment) -> date:
    return date(moment.year, moment.month, 1)


def _group_labels(pks: Iterable[int]) -> dict[int, str]:
    """{original group pk: its name in the active language} (one or two queries)."""
    rows = list(CustomerGroup.objects.filter(pk__in=set(pks)))
    shown = localized_in_bulk(rows, CustomerGroup)
    return {row.pk: shown[row.pk].name for row in rows}


def _originals_by_key() -> dict:
    """{translation_key: original group pk}: a group given in any language counts once."""
    return {
        g.translation_key: g.pk
        for g in originals(CustomerGroup.objects.all()).only("pk", "translation_key")
    }


def build(records: list[Record], *, with_mean: bool = False) -> Breakdown:
    """The suppressed table and series of `records` (see the module docstring)."""
    people: dict[tuple, set] = defaultdict(set)
    ratings: dict[tuple, list[int]] = defaultdict(list)
    channels, group_pks, months = set(), set(), set()
    for rec in records:
        rows = [str(g) for g in rec.groups] or [NOT_STATED]
        group_pks |= set(rec.groups)
        channels.add(rec.channel)
        months.add(rec.month)
        keys = [(r, rec.channel) for r in rows] + [(r, TOTAL) for r in rows]
        keys += [(TOTAL, rec.channel), (TOTAL, TOTAL), ("month", rec.month)]
        for key in keys:
            if rec.person not in people[key]:
                people[key].add(rec.person)
                if rec.rating is not None:
                    ratings[key].append(rec.rating)
    labels = _group_labels(group_pks)
    row_keys = sorted((str(pk) for pk in group_pks), key=lambda k: labels[int(k)].casefold())
    if any(not rec.groups for rec in records):
        row_keys.append(NOT_STATED)
    col_keys = [c for c in Channel.values if c in channels]
    month_keys = sorted(months)

    values = {}
    for r in row_keys:
        for c in col_keys:
            values[(r, c)] = len(people[(r, c)])
        values[(r, TOTAL)] = len(people[(r, TOTAL)])
    for c in col_keys:
        values[(TOTAL, c)] = len(people[(TOTAL, c)])
    values[(TOTAL, TOTAL)] = len(people[(TOTAL, TOTAL)])
    for m in month_keys:
        values[("month", m)] = len(people[("month", m)])
    grand = (TOTAL, TOTAL)
    lines = [[(r, c) for c in col_keys] + [(r, TOTAL)] for r in row_keys]
    lines += [[(r, c) for r in row_keys] + [(TOTAL, c)] for c in col_keys]
    lines.append([(r, TOTAL) for r in row_keys] + [grand])
    lines.append([(TOTAL, c) for c in col_keys] + [grand])
    lines.append([("month", m) for m in month_keys] + [grand])
    hidden = suppress(values, lines) if records else set()

    def cell(key) -> Cell:
        if key in hidden:
            return Cell(None)
        count = values[key]
        scores = ratings.get(key, [])
        mean = visible_mean(len(scores), sum(scores), shown=with_mean) if scores else None
        return Cell(count, mean if count >= THRESHOLD else None)

    channel_labels = dict(Channel.choices)
    return Breakdown(
        columns=[(c, channel_labels[c]) for c in col_keys],
        rows=[
            Row(
                r,
                labels[int(r)] if r != NOT_STATED else _("Not stated"),
                [cell((r, c)) for c in col_keys],
                cell((r, TOTAL)),
            )
            for r in row_keys
        ],
        totals=Row(TOTAL, _("All"), [cell((TOTAL, c)) for c in col_keys], cell(grand)),
        series=[(m, cell(("month", m))) for m in month_keys],
        with_mean=with_mean,
        suppressed=len(hidden),
    )


def _memberships(user_ids) -> dict[int, frozenset]:
    found = defaultdict(set)
    rows = CustomerGroupMembership.objects.filter(user_id__in=user_ids).values_list(
        "user_id", "group_id"
    )
    for user_id, group_id in rows:
        found[user_id].add(group_id)
    return {k: frozenset(v) for k, v in found.items()}


def challenge_votes(challenge) -> Breakdown:
    """The challenge's voters by customer group (their own statement) and channel."""
    votes = Vote.objects.filter(challenge=challenge)
    groups = _memberships(votes.values("user_id"))
    records = [
        Record(user_id, groups.get(user_id, frozenset()), channel, _month(at))
        for user_id, channel, at in votes.values_list("user_id", "channel", "created_at")
    ]
    return build(records)


def _given_group(group_id, key_of_group, originals_by_key):
    """A group given with feedback or a sign-up (maybe a translation) as its original pk."""
    if group_id is None:
        return None
    return originals_by_key.get(key_of_group.get(group_id))


def pilot_feedback(pilot) -> Breakdown:
    """The pilot's visible feedback: givers by group and channel, with the mean rating."""
    rows = list(
        Feedback.objects.visible()
        .filter(pilot=pilot)
        .values_list("pk", "user_id", "customer_group_id", "channel", "created_at", "rating")
    )
    return build(_records(rows, with_rating=True), with_mean=True)


def pilot_testers(pilot) -> Breakdown:
    """The pilot's active tester sign-ups: people by group and channel."""
    rows = list(
        TesterSignup.objects.filter(slot__pilot=pilot, cancelled_at__isnull=True).values_list(
            "pk", "user_id", "customer_group_id", "channel", "created_at"
        )
    )
    return build(_records(rows, with_rating=False))


def _records(rows, *, with_rating: bool) -> list[Record]:
    """Records of feedback or sign-ups: the group given with the row, else the person's own
    statement; a row without an account is its own person."""
    user_ids = {row[1] for row in rows if row[1] is not None}
    groups = _memberships(user_ids) if user_ids else {}
    by_key = _originals_by_key() if any(row[2] for row in rows) else {}
    key_of = (
        dict(
            CustomerGroup.objects.filter(pk__in={r[2] for r in rows if r[2]}).values_list(
                "pk", "translation_key"
            )
        )
        if by_key
        else {}
    )
    records = []
    for row in rows:
        pk, user_id, group_id, channel, at = row[:5]
        given = _given_group(group_id, key_of, by_key)
        person = ("user", user_id) if user_id is not None else ("row", pk)
        stated = frozenset([given]) if given else groups.get(user_id, frozenset())
        rating = row[5] if with_rating else None
        records.append(Record(person, stated, channel, _month(at), rating))
    return records
