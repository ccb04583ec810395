from datetime import date
from decimal import Decimal
from xml.etree import ElementTree

from django.template import Context, Template

from cms.charts import bar_chart, line_chart

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
