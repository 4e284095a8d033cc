"""Charts drawn on the server as accessible SVG: no chart library, no script.

Each function is pure: numbers in, an SVG string out (safe for templates).
Every chart has ``role="img"``, a ``<title>`` and a ``<desc>`` that name it
and summarise its data, and it is always shown beside a table with the same
numbers. Series differ by pattern as well as colour, so they read in greyscale.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from boosters.analytics.filters import percent

WIDTH = 640
HEIGHT = 260
MARGIN_LEFT = 44
MARGIN_RIGHT = 12
MARGIN_TOP = 12
MARGIN_BOTTOM = 56
PLOT_HEIGHT = HEIGHT - MARGIN_TOP - MARGIN_BOTTOM
PLOT_WIDTH = WIDTH - MARGIN_LEFT - MARGIN_RIGHT

SERIES_STYLES = [
    # (fill, pattern id suffix or "" for solid)
    ("#2e1f5e", ""),
    ("#007d7e", "hatch"),
]


@dataclass(frozen=True)
class Bar:
    """One bar: a label on the x axis and a share between 0 and 1 (None: no data)."""

    label: str
    value: float | None


def _y(value: float) -> float:
    return MARGIN_TOP + PLOT_HEIGHT * (1 - max(0.0, min(1.0, value)))


def _frame(*, chart_id: str, title: str, desc: str, body: SafeString) -> SafeString:
    grid = format_html_join(
        "",
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#ccc" stroke-width="1"/>'
        '<text x="{}" y="{}" text-anchor="end" font-size="11">{}%</text>',
        (
            (
                MARGIN_LEFT,
                WIDTH - MARGIN_RIGHT,
                round(_y(step / 100), 1),
                round(_y(step / 100), 1),
                MARGIN_LEFT - 6,
                round(_y(step / 100) + 4, 1),
                step,
            )
            for step in (0, 25, 50, 75, 100)
        ),
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="hub-chart" role="img" '
        'viewBox="0 0 {w} {h}" width="100%" aria-labelledby="{id}-title {id}-desc">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
        "<defs>"
        '<pattern id="{id}-hatch" patternUnits="userSpaceOnUse" width="6" height="6" '
        'patternTransform="rotate(45)">'
        '<rect width="6" height="6" fill="{fill}"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#fff" stroke-width="2"/>'
        "</pattern></defs>"
        '<g aria-hidden="true" font-family="sans-serif">{grid}{body}</g></svg>',
        w=WIDTH,
        h=HEIGHT,
        id=chart_id,
        title=title,
        desc=desc,
        fill=SERIES_STYLES[1][0],
        grid=grid,
        body=body,
    )


def _fill(chart_id: str, series: int) -> str:
    colour, pattern = SERIES_STYLES[series % len(SERIES_STYLES)]
    return f"url(#{chart_id}-{pattern})" if pattern else colour


def _x_label(*, x: float, text: str) -> SafeString:
    return format_html(
        '<text x="{}" y="{}" font-size="11" text-anchor="end" '
        'transform="rotate(-35 {} {})">{}</text>',
        round(x, 1),
        HEIGHT - MARGIN_BOTTOM + 14,
        round(x, 1),
        HEIGHT - MARGIN_BOTTOM + 14,
        text[:24],
    )


def grouped_bar_chart(
    *,
    chart_id: str,
    title: str,
    groups: Sequence[tuple[str, Sequence[float | None]]],
    series: Sequence[str],
) -> SafeString:
    """Bars of shares (0 to 1), one group per label, one bar per series.

    ``groups`` is ``[(label, [value per series]), ...]``. The description lists
    every value, so a screen reader hears the data as well as the table.
    """
    if not groups:
        return _frame(
            chart_id=chart_id,
            title=title,
            desc="No data yet.",
            body=format_html(
                '<text x="{}" y="{}" text-anchor="middle">No data yet</text>',
                WIDTH // 2,
                HEIGHT // 2,
            ),
        )
    slot = PLOT_WIDTH / len(groups)
    bar_width = min(40.0, slot * 0.8 / len(series))
    parts = []
    for index, (label, values) in enumerate(groups):
        start = MARGIN_LEFT + slot * index + (slot - bar_width * len(series)) / 2
        for number, value in enumerate(values):
            if value is None:
                continue
            x = start + bar_width * number
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" '
                    'stroke="#222" stroke-width="0.5"><title>{}: {} {}</title></rect>',
                    round(x, 1),
                    round(_y(value), 1),
                    round(bar_width, 1),
                    round(MARGIN_TOP + PLOT_HEIGHT - _y(value), 1),
                    _fill(chart_id, number),
                    label,
                    series[number],
                    percent(value),
                )
            )
        parts.append(_x_label(x=start + bar_width * len(series) / 2, text=label))
    legend = format_html_join(
        "",
        '<rect x="{}" y="{}" width="12" height="12" fill="{}" stroke="#222" '
        'stroke-width="0.5"/><text x="{}" y="{}" font-size="11">{}</text>',
        (
            (
                MARGIN_LEFT + 8 + 130 * number,
                MARGIN_TOP,
                _fill(chart_id, number),
                MARGIN_LEFT + 24 + 130 * number,
                MARGIN_TOP + 10,
                name,
            )
            for number, name in enumerate(series)
        )
        if len(series) > 1
        else (),
    )
    desc = "; ".join(
        f"{label}: "
        + ", ".join(
            f"{name} {percent(v)}" for name, v in zip(series, values, strict=True)
        )
        for label, values in groups
    )
    return _frame(
        chart_id=chart_id,
        title=title,
        desc=desc,
        body=mark_safe("".join(parts)) + legend,  # noqa: S308 (parts are escaped)
    )


def weekly_answer_rate_chart(*, chart_id: str, weeks) -> SafeString:
    """Answer rate by week of sending: one bar per week (``WeekRate`` items)."""
    return grouped_bar_chart(
        chart_id=chart_id,
        title="Answer rate by week",
        groups=[(f"{w.week_start:%d %b %Y}", [w.rate]) for w in weeks],
        series=["Answer rate"],
    )


def proficiency_chart(*, chart_id: str, topics) -> SafeString:
    """Initial against current proficiency by topic (``TopicProficiency`` items)."""
    return grouped_bar_chart(
        chart_id=chart_id,
        title="Proficiency by topic: initial and current",
        groups=[(t.topic, [t.initial, t.current]) for t in topics],
        series=["Initial", "Current"],
    )
