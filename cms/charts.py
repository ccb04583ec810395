"""Server-rendered, accessible inline SVG charts (no JavaScript), shared by every app.

A chart is worked out first as geometry: plain numbers and labels in SVG user units
(`line_geometry`, `column_geometry`, `bar_geometry`), which tests can check. One renderer,
`render`, draws any geometry as an <svg role="img"> with a <title> and <desc>; pages show the
same numbers in a <table> beside it. Everything interpolated is escaped.

- `line_chart`: dated values as a line, with dashed target and dotted baseline lines;
- `column_chart`: dated values as one column a day, on the same time axis;
- `bar_chart`: named values as horizontal bars.

The classes (`chart`, `chart-axis`, `chart-bar`, …) are styled by the public stylesheet and,
in the Wagtail admin, by `cms/includes/chart_styles.html`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.utils.formats import date_format, number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH, HEIGHT = 600, 240
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 56, 16, 16, 36
PLOT_W = WIDTH - PAD_LEFT - PAD_RIGHT
PLOT_H = HEIGHT - PAD_TOP - PAD_BOTTOM
BAR_ROW, BAR_GAP, BAR_LABEL_W = 24, 8, 200


# --- geometry: plain data ---------------------------------------------------------------------
@dataclass(frozen=True)
class Line:
    css: str  # chart-axis, chart-target, chart-baseline
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass(frozen=True)
class Text:
    x: float
    y: float
    text: str
    anchor: str = "start"  # SVG text-anchor: start, middle or end
    css: str = "chart-label"  # or chart-empty


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    name: str = ""  # the bar's own <title> where no label beside it names it


@dataclass(frozen=True)
class Geometry:
    """What one chart draws. Lines first, then bars, the data line and its points, text on top."""

    height: int = HEIGHT
    lines: tuple[Line, ...] = ()
    bars: tuple[Bar, ...] = ()
    points: tuple[tuple[float, float], ...] = ()  # a polyline, with a dot at each point
    texts: tuple[Text, ...] = ()


def _num(value) -> str:
    """The value as the reader's language writes it, as plain text (number_format marks its
    result safe; geometry holds no markup, safe or not)."""
    return str.__str__(number_format(value, decimal_pos=None if Decimal(value) % 1 else 0))


def _short(day: date) -> str:
    return date_format(day, "SHORT_DATE_FORMAT")


@dataclass(frozen=True)
class TimeScale:
    """Dates across and values up the plot area of a time chart.

    With `slots` every day of the range has a slot of its own (a column chart: the first and the
    last day sit half a slot in); without, the first day is on the value axis and the last at
    the right edge (a line chart)."""

    first: date | None
    last: date | None
    low: Decimal
    high: Decimal
    slots: bool = False

    @property
    def divisions(self) -> int:
        """How many parts the dates split the plot's width into, at least 1: one slot a day from
        the first to the last date, or for a line the days between them."""
        days = (self.last - self.first).days if self.first and self.last else 0
        return max(days + 1 if self.slots else days, 1)

    @property
    def slot(self) -> float:
        """A day's width across the plot."""
        return PLOT_W / self.divisions

    def x(self, day: date) -> float:
        if not self.first:
            return PAD_LEFT
        offset = (day - self.first).days + (0.5 if self.slots else 0)
        return round(PAD_LEFT + offset / self.divisions * PLOT_W, 1)

    def y(self, value) -> float:
        return round(
            PAD_TOP + float((self.high - Decimal(value)) / (self.high - self.low)) * PLOT_H, 1
        )


def time_scale(
    points: Sequence[tuple[date, Decimal | int]],
    refs: Sequence[Decimal | int | None] = (),
    *,
    start: date | None = None,
    end: date | None = None,
    slots: bool = False,
) -> TimeScale:
    """The scale that holds every point and reference value, and zero; `start` and `end` widen
    the dates (a pilot's period) beyond the points'."""
    values = [Decimal(v) for _d, v in points] + [Decimal(v) for v in refs if v is not None]
    low = min(min(values, default=Decimal(0)), Decimal(0))
    high = max(values, default=Decimal(1))
    if high == low:
        high = low + 1
    dates = [d for d, _v in points]
    first = start or (min(dates) if dates else None)
    last = end or (max(dates) if dates else None)
    return TimeScale(first=first, last=last, low=low, high=high, slots=slots)


def _time_frame(scale: TimeScale, *, empty_text: str = "") -> tuple[list[Line], list[Text]]:
    """A time chart's axes, its lowest and highest values and its first and last dates; the
    empty text in the middle when there is one (the caller passes it only when nothing is drawn)."""
    bottom = PAD_TOP + PLOT_H
    lines = [
        Line("chart-axis", PAD_LEFT, PAD_TOP, PAD_LEFT, bottom),
        Line("chart-axis", PAD_LEFT, bottom, WIDTH - PAD_RIGHT, bottom),
    ]
    texts = [
        Text(PAD_LEFT - 6, scale.y(value) + 4, _num(value), anchor="end")
        for value in (scale.high, scale.low)
    ]
    if scale.first and scale.last:
        texts += [
            Text(PAD_LEFT, HEIGHT - 10, _short(scale.first)),
            Text(WIDTH - PAD_RIGHT, HEIGHT - 10, _short(scale.last), anchor="end"),
        ]
    if empty_text:
        texts.append(
            Text(
                PAD_LEFT + PLOT_W / 2,
                PAD_TOP + PLOT_H / 2,
                empty_text,
                anchor="middle",
                css="chart-empty",
            )
        )
    return lines, texts


def line_geometry(
    points: Sequence[tuple[date, Decimal | int]],
    *,
    target: Decimal | None = None,
    baseline: Decimal | None = None,
    start: date | None = None,
    end: date | None = None,
    empty_text: str = "",
) -> Geometry:
    """A line of dated values, with dashed target and dotted baseline lines."""
    scale = time_scale(points, (target, baseline), start=start, end=end)
    lines, texts = _time_frame(scale, empty_text="" if points else empty_text)
    lines += [
        Line(css, PAD_LEFT, scale.y(ref), WIDTH - PAD_RIGHT, scale.y(ref))
        for css, ref in (("chart-target", target), ("chart-baseline", baseline))
        if ref is not None
    ]
    return Geometry(
        lines=tuple(lines),
        points=tuple((scale.x(d), scale.y(v)) for d, v in points),
        texts=tuple(texts),
    )


def column_geometry(
    points: Sequence[tuple[date, Decimal | int]],
    *,
    start: date | None = None,
    end: date | None = None,
    empty_text: str = "",
) -> Geometry:
    """One column a day from zero to its value, named "date: value" (a tooltip); days without
    a point keep their slot empty."""
    scale = time_scale(points, start=start, end=end, slots=True)
    lines, texts = _time_frame(scale, empty_text="" if points else empty_text)
    zero = scale.y(min(max(Decimal(0), scale.low), scale.high))
    width = round(scale.slot * 0.8, 1)
    bars = []
    for day, value in points:
        top = scale.y(value)
        bars.append(
            Bar(
                x=round(scale.x(day) - width / 2, 1),
                y=min(top, zero),
                width=width,
                height=round(abs(zero - top), 1),
                name=f"{_short(day)}: {_num(value)}",
            )
        )
    return Geometry(lines=tuple(lines), bars=tuple(bars), texts=tuple(texts))


def bar_geometry(bars: Sequence[tuple[str, int | float]]) -> Geometry:
    """Horizontal bars, one per (label, value): the label before the bar, the value after it."""
    top = max([float(v) for _l, v in bars], default=0) or 1
    plot_w = WIDTH - BAR_LABEL_W - PAD_RIGHT - 48
    shapes, texts = [], []
    for i, (label, value) in enumerate(bars):
        y = PAD_TOP + i * (BAR_ROW + BAR_GAP)
        w = round(float(value) / top * plot_w, 1)
        shapes.append(Bar(x=BAR_LABEL_W, y=y, width=w, height=BAR_ROW))
        texts += [
            Text(BAR_LABEL_W - 8, y + BAR_ROW * 0.7, label, anchor="end"),
            Text(BAR_LABEL_W + w + 6, y + BAR_ROW * 0.7, _num(value)),
        ]
    return Geometry(
        height=PAD_TOP + max(len(bars), 1) * (BAR_ROW + BAR_GAP) + 8,
        bars=tuple(shapes),
        texts=tuple(texts),
    )


# --- rendering --------------------------------------------------------------------------------
def _bar(bar: Bar) -> SafeString:
    name = format_html("<title>{}</title>", bar.name) if bar.name else ""
    return format_html(
        '<rect class="chart-bar" x="{}" y="{}" width="{}" height="{}">{}</rect>',
        bar.x,
        bar.y,
        bar.width,
        bar.height,
        name,
    )


def render(geometry: Geometry, *, chart_id: str, title: str, desc: str) -> SafeString:
    """The geometry as an accessible <svg>, named by its title and described by its desc."""
    parts = [
        format_html_join(
            "",
            '<line class="{}" x1="{}" y1="{}" x2="{}" y2="{}"/>',
            ((ln.css, ln.x1, ln.y1, ln.x2, ln.y2) for ln in geometry.lines),
        ),
        format_html_join("", "{}", ((_bar(bar),) for bar in geometry.bars)),
    ]
    if geometry.points:
        parts += [
            format_html(
                '<polyline class="chart-line" fill="none" points="{}"/>',
                " ".join(f"{x},{y}" for x, y in geometry.points),
            ),
            format_html_join(
                "", '<circle class="chart-point" cx="{}" cy="{}" r="3"/>', geometry.points
            ),
        ]
    parts.append(
        format_html_join(
            "",
            '<text class="{}" x="{}" y="{}" text-anchor="{}">{}</text>',
            ((t.css, t.x, t.y, t.anchor, t.text) for t in geometry.texts),
        )
    )
    return format_html(
        '<svg class="chart" viewBox="0 0 {w} {h}" width="100%" role="img" '
        'aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>{body}</svg>',
        w=WIDTH,
        h=geometry.height,
        id=chart_id,
        title=title,
        desc=desc,
        body=format_html_join("", "{}", ((part,) for part in parts)),
    )


# --- the charts -------------------------------------------------------------------------------
def line_chart(
    *, chart_id: str, title: str, desc: str, points: Sequence[tuple[date, Decimal]], **options
) -> SafeString:
    """A line of dated values; `options` are `line_geometry`'s (target, baseline, start, end,
    empty_text)."""
    return render(line_geometry(points, **options), chart_id=chart_id, title=title, desc=desc)


def column_chart(
    *,
    chart_id: str,
    title: str,
    desc: str,
    points: Sequence[tuple[date, Decimal | int]],
    **options,
) -> SafeString:
    """One column a day, from zero to the day's value; `options` are `column_geometry`'s
    (start, end, empty_text)."""
    return render(column_geometry(points, **options), chart_id=chart_id, title=title, desc=desc)


def bar_chart(
    *, chart_id: str, title: str, desc: str, bars: Sequence[tuple[str, int | float]]
) -> SafeString:
    """Horizontal bars, one per (label, value)."""
    return render(bar_geometry(bars), chart_id=chart_id, title=title, desc=desc)
