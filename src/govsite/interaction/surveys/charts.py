"""Bar charts of survey results as inline SVG, drawn on the server.

No script and nothing from outside: the chart shows on intranets, without JavaScript and in print. Each
bar's length is the option's percentage of the full track, so bars of different questions compare.
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from govsite.interaction.surveys.results import OptionResult

WIDTH = 640
TRACK = 500  # the length of a 100% bar
ROW = 46
BAR = 18
LABEL_CHARS = 40
BAR_COLOUR = "#b4191b"


def _label(text: str) -> str:
    return text if len(text) <= LABEL_CHARS else text[: LABEL_CHARS - 1] + "…"


def bar_chart(options: tuple[OptionResult, ...] | list[OptionResult], title: str) -> SafeString:
    """One horizontal bar per option: its label above, its count and percentage beside it."""
    height = max(1, len(options)) * ROW + 4
    rows = []
    for index, option in enumerate(options):
        y = index * ROW
        length = TRACK * max(0.0, min(option.percent, 100.0)) / 100
        figure = f"{option.count} 票（{option.percent:.1f}%）"
        rows.append(
            f'<g class="survey-bar-row">'
            f'<text x="0" y="{y + 14}" font-size="14" fill="#222">{escape(_label(option.label))}</text>'
            f'<rect x="0" y="{y + 20}" width="{TRACK}" height="{BAR}" fill="#eeeeee"/>'
            f'<rect class="survey-bar" x="0" y="{y + 20}" width="{length:.2f}" height="{BAR}" '
            f'fill="{BAR_COLOUR}" data-count="{option.count}" data-percent="{option.percent:.1f}">'
            f"<title>{escape(option.label)}：{figure}</title></rect>"
            f'<text x="{TRACK + 8}" y="{y + 34}" font-size="13" fill="#444">{figure}</text>'
            f"</g>"
        )
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="survey-chart" role="img" aria-label="{escape(title)}" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" preserveAspectRatio="xMinYMin meet" '
        f'style="max-width:{WIDTH}px">{"".join(rows)}</svg>'
    )
