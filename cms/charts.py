"""Server-rendered, accessible inline SVG charts (no JavaScript), shared by every app.

Each chart is an <svg role="img"> with a <title> and <desc>; pages show the same numbers in a
<table> beside it. Everything interpolated is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal

from django.utils.formats import date_format, number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

WIDTH, HEIGHT = 600, 240
PAD_LEFT, PAD_RIGHT, PAD_TOP, PAD_BOTTOM = 56, 16, 16, 36


def _num(value) -> str:
    return number_format(value, decimal_pos=None if Decimal(value) % 1 else 0)


def _join(parts) -> SafeString:
    """Concatenate already-escaped pieces."""
    return format_html_join("", "{}", ((part,) for part in parts))


def _svg(
    *, chart_id: str, title: str, desc: str, body: SafeString, height: int = HEIGHT
) -> SafeString:
    return format_html(
        '<svg class="chart" viewBox="0 0 {w} {h}" width="100%" role="img" '
        'aria-labelledby="{id}-title {id}-desc" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>{body}</svg>',
        w=WIDTH,
        h=height,
        id=chart_id,
        title=title,
        desc=desc,
        body=body,
    )


def line_chart(
    *,
    chart_id: str,
    title: str,
    desc: str,
    points: Sequence[tuple[date, Decimal]],
    target: Decimal | None = None,
    baseline: Decimal | None = None,
    start: date | None = None,
    end: date | None = None,
    empty_text: str = "",
) -> SafeString:
    """A line of dated values, with dashed target and dotted baseline lines."""
    values = [Decimal(v) for _d, v in points]
    refs = [Decimal(v) for v in (target, baseline) if v is not None]
    low = min([*values, *refs], default=Decimal(0))
    high = max([*values, *refs], default=Decimal(1))
    low = min(low, Decimal(0))
    if high == low:
        high = low + 1
    dates = [d for d, _v in points]
    first = start or (min(dates) if dates else None)
    last = end or (max(dates) if dates else None)
    span = (last - first).days if first and last and last > first else 1
    plot_w = WIDTH - PAD_LEFT - PAD_RIGHT
    plot_h = HEIGHT - PAD_TOP - PAD_BOTTOM

    def x(d: date) -> float:
        return round(PAD_LEFT + ((d - first).days / span) * plot_w, 1) if first else PAD_LEFT

    def y(v: Decimal) -> float:
        return round(PAD_TOP + float((high - Decimal(v)) / (high - low)) * plot_h, 1)

    parts = [
        format_html(
            '<line class="chart-axis" x1="{}" y1="{}" x2="{}" y2="{}"/>',
            PAD_LEFT,
            PAD_TOP,
            PAD_LEFT,
            PAD_TOP + plot_h,
        ),
        format_html(
            '<line class="chart-axis" x1="{}" y1="{}" x2="{}" y2="{}"/>',
            PAD_LEFT,
            PAD_TOP + plot_h,
            WIDTH - PAD_RIGHT,
            PAD_TOP + plot_h,
        ),
        format_html(
            '<text class="chart-label" x="{}" y="{}" text-anchor="end">{}</text>',
            PAD_LEFT - 6,
            y(high) + 4,
            _num(high),
        ),
        format_html(
            '<text class="chart-label" x="{}" y="{}" text-anchor="end">{}</text>',
            PAD_LEFT - 6,
            y(low) + 4,
            _num(low),
        ),
    ]
    if first and last:
        parts.append(
            format_html(
                '<text class="chart-label" x="{}" y="{}">{}</text>'
                '<text class="chart-label" x="{}" y="{}" text-anchor="end">{}</text>',
                PAD_LEFT,
                HEIGHT - 10,
                date_format(first, "SHORT_DATE_FORMAT"),
                WIDTH - PAD_RIGHT,
                HEIGHT - 10,
                date_format(last, "SHORT_DATE_FORMAT"),
            )
        )
    for css, ref in (("chart-target", target), ("chart-baseline", baseline)):
        if ref is not None:
            parts.append(
                format_html(
                    '<line class="{}" x1="{}" y1="{}" x2="{}" y2="{}"/>',
                    css,
                    PAD_LEFT,
                    y(ref),
                    WIDTH - PAD_RIGHT,
                    y(ref),
                )
            )
    if points:
        coords = " ".join(f"{x(d)},{y(v)}" for d, v in points)
        parts.append(format_html('<polyline class="chart-line" fill="none" points="{}"/>', coords))
        parts.append(
            format_html_join(
                "",
                '<circle class="chart-point" cx="{}" cy="{}" r="3"/>',
                ((x(d), y(v)) for d, v in points),
            )
        )
    elif empty_text:
        parts.append(
            format_html(
                '<text class="chart-empty" x="{}" y="{}" text-anchor="middle">{}</text>',
                PAD_LEFT + plot_w / 2,
                PAD_TOP + plot_h / 2,
                empty_text,
            )
        )
    return _svg(chart_id=chart_id, title=title, desc=desc, body=_join(parts))


def bar_chart(
    *, chart_id: str, title: str, desc: str, bars: Sequence[tuple[str, int | float]]
) -> SafeString:
    """Horizontal bars, one per (label, value)."""
    row, gap = 24, 8
    height = PAD_TOP + max(len(bars), 1) * (row + gap) + 8
    label_w = 200
    top = max([float(v) for _l, v in bars], default=0) or 1
    plot_w = WIDTH - label_w - PAD_RIGHT - 48
    parts = []
    for i, (label, value) in enumerate(bars):
        y = PAD_TOP + i * (row + gap)
        w = round(float(value) / top * plot_w, 1)
        parts.append(
            format_html(
                '<text class="chart-label" x="{}" y="{}" text-anchor="end">{}</text>'
                '<rect class="chart-bar" x="{}" y="{}" width="{}" height="{}"/>'
                '<text class="chart-label" x="{}" y="{}">{}</text>',
                label_w - 8,
                y + row * 0.7,
                label,
                label_w,
                y,
                w,
                row,
                label_w + w + 6,
                y + row * 0.7,
                _num(value),
            )
        )
    return _svg(chart_id=chart_id, title=title, desc=desc, body=_join(parts), height=height)
