"""Small-cell suppression: no published breakdown lets anyone work out a count of fewer than
5 people — the test attacks the published figures (rows, columns, totals and the monthly
series together) and fails to recover any hidden count."""

from datetime import date
from fractions import Fraction
from itertools import product

import pytest

from marketplace.services.breakdowns import Record, build
from marketplace.services.suppression import THRESHOLD, suppress

MONTHS = [date(2026, m, 1) for m in (9, 10, 11)]


def published_lines(table: dict) -> tuple[dict, list]:
    """What an attacker reads from the published table: {figure: count or None} and the sums
    they know hold (each line's parts add up to its last figure)."""
    figures, lines = {}, []
    columns = [c["key"] for c in table["columns"]]
    rows = table["rows"]
    for r in [*rows, table["totals"]]:
        for c in columns:
            figures[(r["key"], c)] = r["cells"][c]["count"]
        figures[(r["key"], "total")] = r["total"]["count"]
        lines.append([(r["key"], c) for c in columns] + [(r["key"], "total")])
    for c in [*columns, "total"]:
        lines.append([(r["key"], c) for r in rows] + [("total", c)])
    for m in table["by_month"]:
        figures[("month", m["month"])] = m["count"]
    lines.append([("month", m["month"]) for m in table["by_month"]] + [("total", "total")])
    return figures, lines


def attack(figures: dict, lines: list) -> dict:
    """Every hidden figure the attacker can pin down: Gauss–Jordan elimination on the lines'
    equations (which finds what peeling one line at a time finds, and every combination of
    lines), then non-negativity (hidden figures of a line that must add up to 0 are 0)."""
    hidden = [k for k, v in figures.items() if v is None]
    index = {k: i for i, k in enumerate(hidden)}
    equations = []
    for line in lines:
        *parts, total = line
        coefficients = [Fraction(0)] * len(hidden)
        constant = Fraction(0)
        for key, sign in [(p, 1) for p in parts] + [(total, -1)]:
            if figures[key] is None:
                coefficients[index[key]] += sign
            else:
                constant -= sign * figures[key]
        if any(coefficients):
            equations.append(coefficients + [constant])
            if all(c >= 0 for c in coefficients) and constant == 0:
                # the hidden parts add up to 0 and none is negative
                return {hidden[i]: 0 for i, c in enumerate(coefficients) if c}
    found, row = {}, 0
    for col in range(len(hidden)):
        pivot = next((i for i in range(row, len(equations)) if equations[i][col]), None)
        if pivot is None:
            continue
        equations[row], equations[pivot] = equations[pivot], equations[row]
        equations[row] = [x / equations[row][col] for x in equations[row]]
        for i in range(len(equations)):
            if i != row and equations[i][col]:
                factor = equations[i][col]
                equations[i] = [
                    a - factor * b for a, b in zip(equations[i], equations[row], strict=True)
                ]
        row += 1
    for eq in equations[:row]:
        nonzero = [i for i, c in enumerate(eq[:-1]) if c]
        if len(nonzero) == 1:
            found[hidden[nonzero[0]]] = eq[-1]
    return found


def people(n, group, channel, month, start):
    return [
        Record(f"p{start + i}", frozenset([group]) if group else frozenset(), channel, month)
        for i in range(n)
    ]


@pytest.fixture
def groups(db):
    from tests.factories.cms import CustomerGroupFactory

    return [CustomerGroupFactory(name=n).pk for n in ("Families", "Schools", "Seniors")]


def table_of(counts):
    """Records from {(group index or None, channel, month index): n} (one record a person)."""
    records, start = [], 0
    for (group, channel, month), n in counts.items():
        records += people(n, group, channel, MONTHS[month], start)
        start += n
    return records


@pytest.mark.django_db
def test_a_cell_of_fewer_than_five_people_is_hidden_and_cannot_be_recovered(groups):
    families, schools, seniors = groups
    records = table_of(
        {
            (families, "web", 0): 12,
            (families, "paper", 1): 3,  # the small cell
            (schools, "web", 0): 20,
            (schools, "paper", 1): 9,
            (seniors, "web", 2): 7,
            (seniors, "paper", 2): 6,
            (None, "web", 1): 15,
            (None, "paper", 0): 8,
        }
    )
    table = build(records).as_dict()
    figures, lines = published_lines(table)
    assert figures[(str(families), "paper")] is None
    assert attack(figures, lines) == {}
    # The grand total and the months are real counts where shown.
    assert table["totals"]["total"]["count"] in (None, 80)


def test_without_complementary_suppression_the_attack_recovers_the_cell():
    """The attack is real: hiding only the small cell gives it away (row total minus row)."""
    values = {("a", "x"): 3, ("a", "y"): 12, ("a", "t"): 15}
    lines = [[("a", "x"), ("a", "y"), ("a", "t")]]
    figures = {k: (None if v < THRESHOLD else v) for k, v in values.items()}
    assert attack(figures, lines) == {("a", "x"): 3}
    hidden = suppress(values, lines)
    figures = {k: (None if k in hidden else v) for k, v in values.items()}
    assert attack(figures, lines) == {}


def test_a_bridge_between_two_blocks_of_hidden_cells_is_hidden_too():
    """Every line has two hidden figures, yet the lines together fix the middle one: the
    rank check hides more until nothing is determined."""
    rows, cols = "abcd", "wxyz"
    grid = {
        "a": [2, 3, 50, 50],
        "b": [3, 2, 50, 50],
        "c": [50, 4, 1, 50],
        "d": [50, 50, 3, 2],
    }
    values, lines = {}, []
    for r in rows:
        for c, v in zip(cols, grid[r], strict=True):
            values[(r, c)] = v
        values[(r, "t")] = sum(grid[r])
    for i, c in enumerate(cols):
        values[("t", c)] = sum(grid[r][i] for r in rows)
    values[("t", "t")] = sum(values[(r, "t")] for r in rows)
    for r in [*rows, "t"]:
        lines.append([(r, c) for c in cols] + [(r, "t")])
    for c in [*cols, "t"]:
        lines.append([(r, c) for r in rows] + [("t", c)])
    hidden = suppress(values, lines)
    figures = {k: (None if k in hidden else v) for k, v in values.items()}
    assert all(figures[k] is None for k, v in values.items() if v < THRESHOLD)
    assert attack(figures, lines) == {}


@pytest.mark.django_db
@pytest.mark.parametrize("seed", range(12))
def test_random_tables_never_give_a_hidden_count_away(groups, seed):
    import random

    rng = random.Random(seed)
    counts = {}
    for group, channel, month in product([*groups, None], ["web", "paper", "qr"], range(3)):
        counts[(group, channel, month)] = rng.choice([0, 0, 1, 2, 3, 4, 5, 6, 9, 14])
    table = build(table_of(counts)).as_dict()
    figures, lines = published_lines(table)
    assert attack(figures, lines) == {}
    for key, value in figures.items():
        assert value is None or value >= THRESHOLD, key


@pytest.mark.django_db
def test_means_are_shown_only_for_cells_of_five_people_or_more(groups):
    families, schools, seniors = groups
    spec = [(families, "web", 20, 4), (families, "paper", 7, 2), (schools, "web", 2, 1)]
    spec += [(schools, "paper", 3, 1), (seniors, "web", 9, 5), (seniors, "paper", 8, 3)]
    records = [
        Record(f"{group}-{channel}-{i}", frozenset([group]), channel, MONTHS[0], rating=rating)
        for group, channel, n, rating in spec
        for i in range(n)
    ]
    table = build(records, with_mean=True).as_dict()
    cells = [
        c for r in [*table["rows"], table["totals"]] for c in [*r["cells"].values(), r["total"]]
    ]
    assert any(c["count"] is None for c in cells)
    for c in cells:
        assert (c["mean"] is None) == (c["count"] is None)
    total = sum(n * rating for _g, _c, n, rating in spec) / 49
    assert table["totals"]["total"] == {"count": 49, "mean": round(total, 1)}
    rows = {r["key"]: r for r in table["rows"]}
    assert rows[str(schools)]["total"] == {"count": 5, "mean": 1.0}
