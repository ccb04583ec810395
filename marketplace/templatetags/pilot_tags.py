"""Pilot pieces: the challenge page's pilot list, indicator charts, the feedback summary."""

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from cms.charts import line_chart
from marketplace.selectors import pilots as pilot_selectors

register = template.Library()


@register.inclusion_tag("marketplace/includes/challenge_pilots.html", takes_context=True)
def challenge_pilots(context, challenge):
    """Published pilots of a challenge, for its page."""
    return {
        "challenge": challenge,
        "request": context.get("request"),
        "pilots": pilot_selectors.with_first_photos(
            pilot_selectors.pilots_for_challenge(challenge)
        ),
    }


def _n(value):
    return number_format(value, decimal_pos=None if value % 1 else 0)


@register.inclusion_tag("marketplace/includes/indicator.html")
def indicator_panel(indicator, pilot, heading_level=3, compact=False):
    """An indicator as an accessible SVG line chart with its target line, a text summary and a table.

    Uses the prefetched measurements: no queries."""
    measurements = list(indicator.measurements.all())
    points = [(m.date, m.value) for m in measurements]
    latest = measurements[-1] if measurements else None
    on_target = pilot_selectors.indicator_on_target(indicator, latest.value if latest else None)
    values = {
        "unit": indicator.text("unit"),
        "target": _n(indicator.target),
        "baseline": _n(indicator.baseline),
    }
    if latest:
        summary = _("latest %(latest)s %(unit)s (target %(target)s, baseline %(baseline)s)") % {
            **values,
            "latest": _n(latest.value),
        }
    else:
        summary = (
            _("no measurements yet (target %(target)s %(unit)s, baseline %(baseline)s)") % values
        )
    direction = _("higher is better") if indicator.higher_is_better else _("lower is better")
    desc = ngettext(
        "%(count)s measurement of %(name)s; %(summary)s; %(direction)s.",
        "%(count)s measurements of %(name)s; %(summary)s; %(direction)s.",
        len(points),
    ) % {
        "count": len(points),
        "name": indicator.text("name"),
        "summary": summary,
        "direction": direction,
    }
    chart = line_chart(
        chart_id=f"indicator-{indicator.pk}",
        title=f"{indicator.text('name')} ({indicator.text('unit')})",
        desc=desc,
        points=points,
        target=indicator.target,
        baseline=indicator.baseline,
        start=pilot.start_date,
        end=pilot.end_date,
        empty_text=_("No measurements yet"),
    )
    return {
        "indicator": indicator,
        "measurements": measurements,
        "latest": latest,
        "on_target": on_target,
        "summary": summary,
        "direction": direction,
        "chart": chart,
        "heading_tag": f"h{heading_level}",
        "compact": compact,
    }


@register.inclusion_tag("marketplace/includes/feedback_summary.html")
def feedback_summary(summary):
    return {"summary": summary}
