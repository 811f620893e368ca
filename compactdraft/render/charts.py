"""Small self-contained SVG charts for the build report (no external libraries, no scripts).

Every chart is a pure function of its data: numbers are formatted with a fixed precision and series
are drawn in the order given, so the same data always gives the same bytes. Text is escaped; colours
come from one fixed palette that stays readable in print and for the common colour-vision deficiencies.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

# Okabe-Ito palette: distinguishable with protanopia/deuteranopia, prints well in grey
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442", "#000000")
FONT = "font-family:system-ui,-apple-system,'Segoe UI',sans-serif"


@dataclass(frozen=True)
class Series:
    """One named series of values, one value per category."""

    name: str
    values: tuple[float, ...]


def _num(value: float) -> str:
    """Coordinates with at most one decimal, without trailing zeros (stable, compact output)."""
    text = f"{value:.1f}"
    return text.removesuffix(".0")


def _label(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() or abs(value) >= 10 else f"{value:.2g}"


def _svg(width: float, height: float, title: str, body: list[str]) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_num(width)} {_num(height)}" '
            f'width="{_num(width)}" height="{_num(height)}" role="img" aria-label="{escape(title)}" '
            f'style="{FONT};font-size:12px">'
            f"<title>{escape(title)}</title>" + "".join(body) + "</svg>")


def nice_max(value: float) -> float:
    """The axis maximum: four gridlines apart by a whole 1, 2 or 5 times a power of ten, so that every
    gridline of a chart of counts falls on a whole number (never 2.5 or 7.5)."""
    quarter = max(value, 0.0) / 4
    power = 1
    while True:
        for step in (1, 2, 5):
            if quarter <= step * power:
                return float(4 * step * power)
        power *= 10


def _legend(series: Sequence[Series], x: float, y: float) -> list[str]:
    parts = []
    for index, item in enumerate(series):
        colour = PALETTE[index % len(PALETTE)]
        left = x + index * 150
        parts.append(f'<rect x="{_num(left)}" y="{_num(y - 10)}" width="12" height="12" fill="{colour}"/>'
                     f'<text x="{_num(left + 16)}" y="{_num(y)}">{escape(item.name)}</text>')
    return parts


def bar_chart(title: str, categories: Sequence[str], series: Sequence[Series], *, width: int = 640,
              height: int = 300, unit: str = "") -> str:
    """Grouped vertical bars: one group per category, one bar per series, values printed on the bars."""
    top, bottom, left, right = (56.0 if len(series) > 1 else 36.0), 48.0, 48.0, 12.0
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = nice_max(max((v for s in series for v in s.values), default=0))
    body = [f'<text x="{_num(left)}" y="16" font-weight="bold">{escape(title)}</text>']
    body += _legend(series, left, 32) if len(series) > 1 else []
    for tick in range(5):
        value = peak * tick / 4
        y = top + plot_h - plot_h * tick / 4
        body.append(f'<line x1="{_num(left)}" y1="{_num(y)}" x2="{_num(width - right)}" y2="{_num(y)}" '
                    f'stroke="#ddd"/><text x="{_num(left - 4)}" y="{_num(y + 4)}" text-anchor="end" '
                    f'fill="#555">{_label(value)}{escape(unit)}</text>')
    group_w = plot_w / max(len(categories), 1)
    bar_w = group_w * 0.8 / max(len(series), 1)
    for c_index, category in enumerate(categories):
        gx = left + c_index * group_w + group_w * 0.1
        for s_index, item in enumerate(series):
            value = item.values[c_index]
            h = plot_h * value / peak
            x, y = gx + s_index * bar_w, top + plot_h - h
            body.append(f'<rect x="{_num(x)}" y="{_num(y)}" width="{_num(bar_w - 2)}" height="{_num(h)}" '
                        f'fill="{PALETTE[s_index % len(PALETTE)]}"><title>{escape(category)}, '
                        f'{escape(item.name)}: {_label(value)}</title></rect>')
            if value:
                body.append(f'<text x="{_num(x + (bar_w - 2) / 2)}" y="{_num(y - 3)}" text-anchor="middle" '
                            f'font-size="10">{_label(value)}</text>')
        body.append(f'<text x="{_num(gx + group_w * 0.4)}" y="{_num(top + plot_h + 16)}" '
                    f'text-anchor="middle">{escape(category)}</text>')
    return _svg(width, height, title, body)


def hbar_chart(title: str, items: Sequence[tuple[str, float]], *, maximum: float | None = None, width: int = 640,
               percent: bool = False) -> str:
    """Horizontal bars, one per named item (e.g. coverage of each source, 0..1 with ``percent``)."""
    row, top, left, right = 26.0, 30.0, 230.0, 60.0
    height = top + row * len(items) + 10
    peak = maximum if maximum is not None else nice_max(max((v for _, v in items), default=0))
    body = [f'<text x="0" y="16" font-weight="bold">{escape(title)}</text>']
    for index, (name, value) in enumerate(items):
        y = top + index * row
        w = (width - left - right) * (value / peak if peak else 0)
        shown = f"{value * 100:.0f}%" if percent else _label(value)
        body.append(f'<text x="{_num(left - 6)}" y="{_num(y + 15)}" text-anchor="end">{escape(_clip(name))}'
                    f'<title>{escape(name)}</title></text>'
                    f'<rect x="{_num(left)}" y="{_num(y + 3)}" width="{_num(width - left - right)}" height="16" '
                    f'fill="#eee"/><rect x="{_num(left)}" y="{_num(y + 3)}" width="{_num(w)}" height="16" '
                    f'fill="{PALETTE[0]}"><title>{escape(name)}: {shown}</title></rect>'
                    f'<text x="{_num(width - right + 6)}" y="{_num(y + 15)}">{shown}</text>')
    return _svg(width, height, title, body)


def heatmap(title: str, rows: Sequence[str], columns: Sequence[str], values: Sequence[Sequence[float]], *,
            width: int = 640, unit: str = "") -> str:
    """A table of shaded cells (rows x columns), each printing its value: e.g. words changed per objective."""
    row_h, top, left = 22.0, 44.0, 240.0
    col_w = (width - left) / max(len(columns), 1)
    height = top + row_h * len(rows) + 8
    peak = max((v for line in values for v in line), default=0) or 1
    body = [f'<text x="0" y="16" font-weight="bold">{escape(title)}</text>']
    for c_index, column in enumerate(columns):
        body.append(f'<text x="{_num(left + c_index * col_w + col_w / 2)}" y="{_num(top - 8)}" '
                    f'text-anchor="middle">{escape(column)}</text>')
    for r_index, name in enumerate(rows):
        y = top + r_index * row_h
        body.append(f'<text x="{_num(left - 6)}" y="{_num(y + 15)}" text-anchor="end">{escape(_clip(name))}'
                    f'<title>{escape(name)}</title></text>')
        for c_index in range(len(columns)):
            value = values[r_index][c_index]
            # white-to-blue ramp; text turns white on the darkest cells
            shade = value / peak
            fill = f"rgb({_channel(255, 0, shade)},{_channel(255, 114, shade)},{_channel(255, 178, shade)})"
            colour = "#fff" if shade > 0.55 else "#222"
            x = left + c_index * col_w
            body.append(f'<rect x="{_num(x + 1)}" y="{_num(y + 1)}" width="{_num(col_w - 2)}" '
                        f'height="{_num(row_h - 2)}" fill="{fill}"><title>{escape(name)}, {escape(columns[c_index])}: '
                        f'{_label(value)}{escape(unit)}</title></rect><text x="{_num(x + col_w / 2)}" '
                        f'y="{_num(y + 15)}" text-anchor="middle" fill="{colour}">{_label(value)}</text>')
    return _svg(width, height, title, body)


def _clip(name: str, limit: int = 32) -> str:
    """Row labels that fit their margin; the full name stays in the tooltip."""
    return name if len(name) <= limit else name[: limit - 1].rstrip() + "\u2026"


def _channel(start: int, end: int, fraction: float) -> int:
    return round(start + (end - start) * fraction)


def line_chart(title: str, categories: Sequence[str], series: Sequence[Series], *, width: int = 640,
               height: int = 260) -> str:
    """Points joined by lines over ordered categories (e.g. open brackets per draft)."""
    top, bottom, left, right = (56.0 if len(series) > 1 else 36.0), 40.0, 48.0, 48.0
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = nice_max(max((v for s in series for v in s.values), default=0))
    step = plot_w / max(len(categories) - 1, 1)
    body = [f'<text x="{_num(left)}" y="16" font-weight="bold">{escape(title)}</text>']
    body += _legend(series, left, 32) if len(series) > 1 else []
    for tick in range(5):
        y = top + plot_h - plot_h * tick / 4
        body.append(f'<line x1="{_num(left)}" y1="{_num(y)}" x2="{_num(width - right)}" y2="{_num(y)}" '
                    f'stroke="#ddd"/><text x="{_num(left - 4)}" y="{_num(y + 4)}" text-anchor="end" '
                    f'fill="#555">{_label(peak * tick / 4)}</text>')
    for index, category in enumerate(categories):
        body.append(f'<text x="{_num(left + index * step)}" y="{_num(top + plot_h + 16)}" '
                    f'text-anchor="middle">{escape(category)}</text>')
    for s_index, item in enumerate(series):
        colour = PALETTE[s_index % len(PALETTE)]
        points = [(left + i * step, top + plot_h - plot_h * v / peak) for i, v in enumerate(item.values)]
        body.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="'
                    + " ".join(f"{_num(x)},{_num(y)}" for x, y in points) + '"/>')
        for (x, y), value, category in zip(points, item.values, categories):
            body.append(f'<circle cx="{_num(x)}" cy="{_num(y)}" r="4" fill="{colour}"><title>{escape(category)}: '
                        f'{_label(value)}</title></circle><text x="{_num(x)}" y="{_num(y - 8)}" '
                        f'text-anchor="middle" font-size="10">{_label(value)}</text>')
    return _svg(width, height, title, body)


def flow(title: str, drafts: Sequence[tuple[str, int]], rounds: Sequence[Mapping[str, int]], *,
         width: int = 960) -> str:
    """The series as a flow from the first draft to the last: one box per draft (its name and number of
    provisions), and between two boxes what the round did (added, deleted, moved, reworded)."""
    count = max(len(drafts), 1)
    gap = 150.0
    box_w = max(90.0, (width - 24 - gap * (count - 1)) / count)
    box_h, top = 64.0, 40.0
    height = top + box_h + 30
    body = [f'<text x="12" y="16" font-weight="bold">{escape(title)}</text>']
    for index, (name, provisions) in enumerate(drafts):
        x = 12 + index * (box_w + gap)
        body.append(f'<rect x="{_num(x)}" y="{_num(top)}" width="{_num(box_w)}" height="{_num(box_h)}" rx="6" '
                    f'fill="#eef3f8" stroke="#3a6ea5"/>'
                    f'<text x="{_num(x + box_w / 2)}" y="{_num(top + 26)}" text-anchor="middle" '
                    f'font-weight="bold">{escape(_clip(name, 18))}<title>{escape(name)}</title></text>'
                    f'<text x="{_num(x + box_w / 2)}" y="{_num(top + 46)}" text-anchor="middle">'
                    f"{provisions} provisions</text>")
        if index + 1 < len(drafts) and index < len(rounds):
            x1, x2, mid = x + box_w, x + box_w + gap, top + box_h / 2
            body.append(f'<line x1="{_num(x1 + 4)}" y1="{_num(mid)}" x2="{_num(x2 - 8)}" y2="{_num(mid)}" '
                        f'stroke="#555" stroke-width="2"/><polygon points="{_num(x2 - 8)},{_num(mid - 5)} '
                        f'{_num(x2 - 1)},{_num(mid)} {_num(x2 - 8)},{_num(mid + 5)}" fill="#555"/>')
            for line, (kind, value) in enumerate(rounds[index].items()):
                y = top + 4 + line * 14 + (0 if line < 2 else box_h / 2 + 2)
                body.append(f'<text x="{_num(x1 + gap / 2)}" y="{_num(y + 8)}" text-anchor="middle" '
                            f'font-size="11">{value} {escape(kind)}</text>')
    return _svg(width, height, title, body)
