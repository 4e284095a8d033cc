"""Charts drawn on the server as accessible SVG: no chart library, no script.

Each function is pure: numbers in, an SVG string out (safe for templates).
Every chart has ``role="img"``, a ``<title>`` and a ``<desc>`` that name it
and summarise its data, and it is always shown beside a table with the same
numbers. Series differ by pattern as well as colour, so they read in greyscale.
"""

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from boosters.analytics.filters import percent

WIDTH = 640
MARGIN_LEFT = 44  # room for "100%"; more when the first label reaches further
MARGIN_RIGHT = 12
MARGIN_TOP = 12
LEGEND_HEIGHT = 20
PLOT_HEIGHT = 192
FONT_SIZE = 11
# A generous average glyph width for sans-serif, as a share of the font size:
# margins computed from it leave labels room rather than clip them.
CHAR_WIDTH = 0.62 * FONT_SIZE
LABEL_ANGLE = math.radians(35)
LABEL_MAX_CHARS = 30
LABEL_GAP = 14

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


def label_text(text: str) -> str:
    """An axis label, shortened with an ellipsis past ``LABEL_MAX_CHARS``."""
    text = " ".join(text.split())
    if len(text) <= LABEL_MAX_CHARS:
        return text
    return text[: LABEL_MAX_CHARS - 1].rstrip() + "…"


@dataclass(frozen=True)
class Layout:
    """Where the plot sits in the SVG, sized so rotated labels fit (pure)."""

    margin_left: float
    margin_top: float
    margin_bottom: float
    groups: int

    @classmethod
    def for_labels(cls, labels: Sequence[str], *, legend: bool) -> "Layout":
        """Margins from the longest label (below) and the first one (to the
        left): a label rotated by ``LABEL_ANGLE`` reaches ``cos`` of its length
        to the left of its bar and ``sin`` of it below the axis."""
        widths = [len(label_text(label)) * CHAR_WIDTH for label in labels] or [0]
        slot = (WIDTH - MARGIN_LEFT - MARGIN_RIGHT) / max(1, len(labels))
        first_reach = widths[0] * math.cos(LABEL_ANGLE) - slot / 2 + FONT_SIZE
        return cls(
            margin_left=round(max(MARGIN_LEFT, first_reach), 1),
            margin_top=MARGIN_TOP + (LEGEND_HEIGHT if legend else 0),
            margin_bottom=round(
                LABEL_GAP + max(widths) * math.sin(LABEL_ANGLE) + FONT_SIZE, 1
            ),
            groups=max(1, len(labels)),
        )

    @property
    def height(self) -> float:
        return round(self.margin_top + PLOT_HEIGHT + self.margin_bottom)

    @property
    def plot_width(self) -> float:
        return WIDTH - self.margin_left - MARGIN_RIGHT

    @property
    def slot(self) -> float:
        return self.plot_width / self.groups

    @property
    def axis_y(self) -> float:
        return self.margin_top + PLOT_HEIGHT

    def y(self, value: float) -> float:
        return self.margin_top + PLOT_HEIGHT * (1 - max(0.0, min(1.0, value)))


def _frame(
    *, chart_id: str, title: str, desc: str, body: SafeString, layout: Layout
) -> SafeString:
    grid = format_html_join(
        "",
        '<line x1="{}" x2="{}" y1="{}" y2="{}" stroke="#ccc" stroke-width="1"/>'
        '<text x="{}" y="{}" text-anchor="end" font-size="{}">{}%</text>',
        (
            (
                layout.margin_left,
                WIDTH - MARGIN_RIGHT,
                round(layout.y(step / 100), 1),
                round(layout.y(step / 100), 1),
                layout.margin_left - 6,
                round(layout.y(step / 100) + 4, 1),
                FONT_SIZE,
                step,
            )
            for step in (0, 25, 50, 75, 100)
        ),
    )
    # width and height are the natural size; CSS lets it shrink (never grow).
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" class="hub-chart" role="img" '
        'viewBox="0 0 {w} {h}" width="{w}" height="{h}" '
        'aria-labelledby="{id}-title {id}-desc">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
        "<defs>"
        '<pattern id="{id}-hatch" patternUnits="userSpaceOnUse" width="6" height="6" '
        'patternTransform="rotate(45)">'
        '<rect width="6" height="6" fill="{fill}"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#fff" stroke-width="2"/>'
        "</pattern></defs>"
        '<g aria-hidden="true" font-family="sans-serif">{grid}{body}</g></svg>',
        w=WIDTH,
        h=layout.height,
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


def _x_label(*, x: float, text: str, layout: Layout) -> SafeString:
    y = layout.axis_y + LABEL_GAP
    return format_html(
        '<text x="{}" y="{}" font-size="{}" text-anchor="end" '
        'transform="rotate(-{} {} {})">{}</text>',
        round(x, 1),
        y,
        FONT_SIZE,
        round(math.degrees(LABEL_ANGLE)),
        round(x, 1),
        y,
        label_text(text),
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
    legend_shown = len(series) > 1
    layout = Layout.for_labels([label for label, _ in groups], legend=legend_shown)
    if not groups:
        return _frame(
            chart_id=chart_id,
            title=title,
            desc="No data yet.",
            body=format_html(
                '<text x="{}" y="{}" text-anchor="middle">No data yet</text>',
                WIDTH // 2,
                round(layout.y(0.5)),
            ),
            layout=layout,
        )
    slot = layout.slot
    bar_width = min(40.0, slot * 0.8 / len(series))
    parts = []
    for index, (label, values) in enumerate(groups):
        start = layout.margin_left + slot * index + (slot - bar_width * len(series)) / 2
        for number, value in enumerate(values):
            if value is None:
                continue
            x = start + bar_width * number
            parts.append(
                format_html(
                    '<rect x="{}" y="{}" width="{}" height="{}" fill="{}" '
                    'stroke="#222" stroke-width="0.5"><title>{}: {} {}</title></rect>',
                    round(x, 1),
                    round(layout.y(value), 1),
                    round(bar_width, 1),
                    round(layout.axis_y - layout.y(value), 1),
                    _fill(chart_id, number),
                    label,
                    series[number],
                    percent(value),
                )
            )
        parts.append(
            _x_label(x=start + bar_width * len(series) / 2, text=label, layout=layout)
        )
    # The legend sits above the plot, so a bar at 100% never hides it.
    legend = format_html_join(
        "",
        '<rect x="{}" y="{}" width="12" height="12" fill="{}" stroke="#222" '
        'stroke-width="0.5"/><text x="{}" y="{}" font-size="{}">{}</text>',
        (
            (
                layout.margin_left + 8 + 130 * number,
                MARGIN_TOP - 6,
                _fill(chart_id, number),
                layout.margin_left + 24 + 130 * number,
                MARGIN_TOP + 4,
                FONT_SIZE,
                name,
            )
            for number, name in enumerate(series)
        )
        if legend_shown
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
        layout=layout,
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
