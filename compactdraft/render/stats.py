"""Change statistics as a text table (one row per section, then the total) and as JSON."""
from __future__ import annotations

from ..redline.stats import Counts, Stats
from . import register
from .draft import dumps

COLUMNS = (("words_inserted", "+words"), ("words_deleted", "-words"), ("added", "added"),
           ("deleted", "deleted"), ("moved", "moved"), ("split", "split"), ("merged", "merged"),
           ("renumbered", "renum"), ("modified", "modif"), ("brackets_opened", "[opened"),
           ("brackets_closed", "[closed"), ("brackets_remaining", "[left"), ("options_open", "options"))
TITLE_WIDTH = 40


def _clip(text: str) -> str:
    return text if len(text) <= TITLE_WIDTH else text[:TITLE_WIDTH - 1] + "…"


def _row(title: str, counts: Counts) -> str:
    cells = "".join(f"{getattr(counts, field):>{max(len(head), 5) + 1}}" for field, head in COLUMNS)
    return f"{_clip(title):<{TITLE_WIDTH}}{cells}"


@register("stats", "text", (".txt",))
def render_text(stats: Stats, **_: object) -> str:
    header = f"{'section':<{TITLE_WIDTH}}" + "".join(f"{head:>{max(len(head), 5) + 1}}" for _, head in COLUMNS)
    lines = [f"{stats.old} → {stats.new}", header]
    lines += [_row(s.title, s.counts) for s in stats.sections]
    lines.append(_row("TOTAL", stats.total))
    return "\n".join(lines) + "\n"


@register("stats", "json", (".json",))
def render_json(stats: Stats, **_: object) -> str:
    return dumps({
        "schema": "compactdraft/stats/1",
        "old": stats.old,
        "new": stats.new,
        "total": stats.total.as_dict(),
        "sections": [{"id": s.id, "title": s.title, **s.counts.as_dict()} for s in stats.sections],
    })
