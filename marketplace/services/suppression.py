"""Small-cell suppression for published breakdowns (pure arithmetic, no database).

A breakdown is a table of counts of distinct people: rows are customer groups (and "not
stated"), columns are channels, with a total for every row and column, a grand total, and a
time series by month whose months add up to the grand total. Anything published from it must
not let anyone learn how many people (fewer than ``THRESHOLD``) are in a cell.

The algorithm (`suppress`):

1. **Primary suppression.** Every figure — cell, row total, column total, grand total, month —
   counting fewer than ``THRESHOLD`` (5) people is hidden, zeros included.
2. **Lines.** Every published sum is a *line*: each row with its row total, each column with its
   column total, the row totals with the grand total, the column totals with the grand total,
   and the months with the grand total. An attacker knows that the figures of a line add up
   (the line's total minus its visible figures gives the sum of its hidden ones).
3. **Complementary suppression**, repeated until nothing changes:
   a. a line with exactly one hidden figure gives it away: hide the smallest other visible
      figure of that line (a cell before a total, ties broken by position);
   b. a line whose hidden figures must add up to 0 gives them all away (counts are never
      negative): hide the smallest other visible figure of that line;
   c. any hidden figure that the lines together still determine (a linear combination of
      lines, e.g. a hidden cell that is a "bridge" between two groups of hidden cells) is
      found by comparing matrix ranks; hide the smallest visible figure on one of its lines.
4. **Means** (e.g. a mean rating) are published only beside a visible count of at least
   ``THRESHOLD`` people.

The result is conservative: people who belong to several groups or use several channels make
the real sums smaller than the published totals, which only makes recovery harder. The test
suite attacks the published figures with the same equations and asserts that no hidden count
is determined.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from fractions import Fraction

from cms.memberships import THRESHOLD

Key = Hashable


def _rank(matrix: list[list[Fraction]]) -> int:
    """Rank over the rationals by Gaussian elimination (the matrices are small)."""
    rows = [row[:] for row in matrix if any(row)]
    if not rows:
        return 0
    rank, width = 0, len(rows[0])
    for col in range(width):
        pivot = next((i for i in range(rank, len(rows)) if rows[i][col] != 0), None)
        if pivot is None:
            continue
        rows[rank], rows[pivot] = rows[pivot], rows[rank]
        for i in range(len(rows)):
            if i != rank and rows[i][col] != 0:
                factor = rows[i][col] / rows[rank][col]
                rows[i] = [a - factor * b for a, b in zip(rows[i], rows[rank], strict=True)]
        rank += 1
        if rank == len(rows):
            break
    return rank


def determined(hidden: Sequence[Key], lines: Sequence[Sequence[Key]]) -> set[Key]:
    """The hidden figures fixed by the lines' equations: a figure is determined when every
    solution of the homogeneous system gives it 0, i.e. when removing its column lowers the
    rank of the system restricted to the hidden figures."""
    hidden = list(hidden)
    index = {key: i for i, key in enumerate(hidden)}
    matrix = []
    for line in lines:
        *parts, total = line
        row = [Fraction(0)] * len(hidden)
        for key in parts:
            if key in index:
                row[index[key]] += 1
        if total in index:
            row[index[total]] -= 1
        if any(row):
            matrix.append(row)
    if not matrix:
        return set()
    full = _rank(matrix)
    found = set()
    for key, i in index.items():
        if _rank([row[:i] + row[i + 1 :] for row in matrix]) < full:
            found.add(key)
    return found


def _smallest_visible(line, values, hidden, order) -> Key | None:
    """The smallest visible figure of a line; a part before the line's total."""
    *parts, total = line
    candidates = [k for k in parts if k not in hidden] or ([total] if total not in hidden else [])
    if not candidates:
        return None
    return min(candidates, key=lambda k: (values[k], order[k]))


def _hidden_sum(line, values, hidden) -> int:
    """What the line's visible figures say the hidden ones add up to (total minus parts)."""
    *parts, total = line
    if total in hidden:
        return -1  # unknown
    return values[total] - sum(values[k] for k in parts if k not in hidden)


def suppress(values: dict[Key, int], lines: Sequence[Sequence[Key]]) -> set[Key]:
    """The keys to hide. `values` maps every published figure to its count of people; each
    line lists its parts and ends with its total (see the module docstring)."""
    order = {key: i for i, key in enumerate(values)}
    hidden = {key for key, value in values.items() if value < THRESHOLD}
    changed = True
    while changed:
        changed = False
        for line in lines:
            inside = [k for k in line if k in hidden]
            leaks = len(inside) == 1 or (inside and _hidden_sum(line, values, hidden) == 0)
            if leaks and (extra := _smallest_visible(line, values, hidden, order)) is not None:
                hidden.add(extra)
                changed = True
        if changed:
            continue
        for key in sorted(determined(sorted(hidden, key=order.get), lines), key=order.get):
            for line in lines:
                if key in line:
                    extra = _smallest_visible(line, values, hidden, order)
                    if extra is not None:
                        hidden.add(extra)
                        changed = True
                        break
            if changed:
                break
    return hidden


def visible_mean(count: int, total: float, *, shown: bool) -> float | None:
    """A mean is published only beside a visible count of at least THRESHOLD people."""
    if not shown or count < THRESHOLD:
        return None
    return round(total / count, 1)
