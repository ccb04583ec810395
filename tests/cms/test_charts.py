"""The one SVG chart module: geometry as plain data, one accessible renderer."""

import dataclasses
from datetime import date
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import SafeData

from cms.charts import (
    PAD_LEFT,
    PAD_TOP,
    PLOT_H,
    PLOT_W,
    Geometry,
    bar_chart,
    bar_geometry,
    column_chart,
    column_geometry,
    line_chart,
    line_geometry,
)

SVG = "{http://www.w3.org/2000/svg}"


def parse(svg):
    return ElementTree.fromstring(str(svg))  # noqa: S314 (our own markup)


def test_line_chart_with_a_full_series_has_line_points_target_and_accessible_names():
    points = [(date(2026, 1, d), Decimal(v)) for d, v in ((1, 20), (8, 35), (15, 42))]
    svg = line_chart(
        chart_id="c1",
        title="Visits (visits)",
        desc="3 measurements",
        points=points,
        target=Decimal(60),
        baseline=Decimal(20),
        start=date(2026, 1, 1),
        end=date(2026, 1, 31),
    )
    root = parse(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c1-title c1-desc"
    assert root.find(f"{SVG}title").text == "Visits (visits)"
    assert root.find(f"{SVG}desc").text == "3 measurements"
    line = root.find(f"{SVG}polyline")
    assert len(line.get("points").split()) == 3
    assert len(root.findall(f"{SVG}circle")) == 3
    classes = [el.get("class") for el in root.iter()]
    assert "chart-target" in classes and "chart-baseline" in classes
    # the target (60) is the top of the scale; higher values are drawn higher (smaller y)
    ys = [float(p.split(",")[1]) for p in line.get("points").split()]
    assert ys[0] > ys[1] > ys[2]


def test_line_chart_with_an_empty_series_still_renders_with_the_target():
    svg = line_chart(
        chart_id="c2",
        title="Empty",
        desc="none",
        points=[],
        target=Decimal(5),
        baseline=None,
        empty_text="No data",
    )
    root = parse(svg)
    assert root.find(f"{SVG}polyline") is None
    assert "No data" in str(svg)
    assert any(el.get("class") == "chart-target" for el in root.iter())


def test_line_chart_with_one_point_and_equal_values():
    svg = line_chart(
        chart_id="c3",
        title="One",
        desc="d",
        points=[(date(2026, 1, 1), Decimal(3))],
        target=Decimal(3),
    )
    root = parse(svg)
    assert len(root.findall(f"{SVG}circle")) == 1


def test_chart_text_is_escaped():
    svg = bar_chart(
        chart_id="b", title="<script>x</script>", desc="a & b", bars=[("<b>", 3), ("ok", 0)]
    )
    text = str(svg)
    assert "<script>" not in text and "&lt;script&gt;" in text and "&lt;b&gt;" in text
    parse(svg)


def test_bar_chart_empty():
    root = parse(bar_chart(chart_id="b", title="t", desc="d", bars=[]))
    assert root.findall(f"{SVG}rect") == []


def _leaves(value):
    """Every value inside a geometry, down through its dataclasses and tuples."""
    if dataclasses.is_dataclass(value):
        for item in dataclasses.astuple(value):
            yield from _leaves(item)
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _leaves(item)
    else:
        yield value


@pytest.mark.parametrize(
    "geometry",
    [
        line_geometry([(date(2026, 1, 1), Decimal(2)), (date(2026, 1, 3), Decimal(5))], target=4),
        column_geometry([(date(2026, 1, 1), 2), (date(2026, 1, 2), 0)]),
        bar_geometry([("<b>", 3)]),
    ],
)
def test_geometry_is_plain_data_never_markup(geometry):
    assert isinstance(geometry, Geometry)
    leaves = list(_leaves(geometry))
    assert leaves and all(type(v) in (int, float, str) for v in leaves)
    assert not any(isinstance(v, SafeData) for v in leaves)


def test_column_geometry_gives_each_day_a_slot_and_a_column_from_zero():
    days = [(date(2026, 1, 1), 2), (date(2026, 1, 2), 0), (date(2026, 1, 4), 4)]
    with translation.override("fi"):
        geometry = column_geometry(days)
    slot = PLOT_W / 4  # 1 to 4 January: four days, one without a point
    first, empty, last = geometry.bars
    assert [bar.width for bar in geometry.bars] == [round(slot * 0.8, 1)] * 3
    assert first.x == round(PAD_LEFT + slot * 0.1, 1)
    assert last.x == round(PAD_LEFT + 3 * slot + slot * 0.1, 1)  # the 3rd keeps its slot
    bottom = PAD_TOP + PLOT_H
    assert (last.y, last.height) == (PAD_TOP, PLOT_H)  # the highest value reaches the top
    assert (first.y + first.height, first.height) == (bottom, PLOT_H / 2)
    assert (empty.y, empty.height) == (bottom, 0)
    assert [bar.name for bar in geometry.bars] == [
        "1.1.2026: 2",
        "2.1.2026: 0",
        "4.1.2026: 4",
    ]
    assert [t.text for t in geometry.texts] == ["4", "0", "1.1.2026", "4.1.2026"]


def test_column_geometry_of_zeros_and_of_nothing():
    flat = column_geometry([(date(2026, 1, 1), 0)])
    assert [bar.height for bar in flat.bars] == [0]
    assert [t.text for t in flat.texts][:2] == ["1", "0"]  # a range even when nothing varies
    empty = column_geometry([], empty_text="No votes")
    assert empty.bars == () and empty.texts[-1].text == "No votes"


def test_column_chart_names_itself_and_each_column():
    with translation.override("fi"):
        svg = column_chart(
            chart_id="v",
            title="Live <votes>",
            desc="2 days",
            points=[(date(2026, 1, 1), 1), (date(2026, 1, 2), 3)],
        )
    root = parse(svg)
    assert root.get("role") == "img" and root.get("aria-labelledby") == "v-title v-desc"
    assert root.find(f"{SVG}title").text == "Live <votes>"  # escaped, then parsed back
    assert root.find(f"{SVG}desc").text == "2 days"
    rects = root.findall(f"{SVG}rect")
    assert [r.find(f"{SVG}title").text for r in rects] == ["1.1.2026: 1", "2.1.2026: 3"]
    assert float(rects[0].get("height")) < float(rects[1].get("height"))


def test_indicator_panel_summary_and_table_with_empty_and_full_series(db):
    from tests.factories.marketplace import IndicatorFactory, MeasurementFactory

    indicator = IndicatorFactory(name="Visits", unit="visits", baseline=20, target=60)
    template = Template("{% load pilot_tags %}{% indicator_panel indicator pilot %}")
    html = template.render(Context({"indicator": indicator, "pilot": indicator.pilot}))
    assert "no measurements yet (target 60 visits, baseline 20)" in html
    assert "No measurements yet." in html and 'role="img"' in html
    MeasurementFactory(indicator=indicator, value=Decimal("42"))
    html = template.render(Context({"indicator": indicator, "pilot": indicator.pilot}))
    assert "latest 42 visits (target 60, baseline 20)" in html
    assert "behind target" in html
    assert "<table" in html and "<td>42" in html
