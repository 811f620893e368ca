"""Redlines as text: ``terminal`` (coloured word diff), ``text`` (plain, wdiff-style) and ``md``
(CriticMarkup).

terminal and text list the changed provisions only, one block per provision, each line complete in
itself (colours are reset at the end of every line) so that ``less -R`` and ``head`` work. Colours
follow the legal convention: insertions blue underlined, deletions red struck through, moves green.
They are off when ``NO_COLOR`` is set or the output is not a terminal (``color=None``, the default,
decides from ``sys.stdout``).

md renders the whole document, one block per entry: a header line (labels, kind, events) and the
text with CriticMarkup: ``{++inserted++}``, ``{--deleted--}``, ``{~~old~>new~~}``; a paragraph break
inside an entry (a split or a merger) is a Markdown hard line break (backslash, newline). Text is
written verbatim (no Markdown escaping) so that accepting or rejecting the markup gives the drafts'
texts exactly.
"""
from __future__ import annotations

import os
import re
import sys
from collections.abc import Sequence

from ..diff import DELETE, EQUAL, INSERT, Op
from ..model import Draft
from ..redline import Entry, EntryKind, Redline
from ..redline.stats import redline_stats
from . import register

RESET = "\x1b[0m"
STYLES = {INSERT: "\x1b[34;4m", DELETE: "\x1b[31;9m", "move": "\x1b[32m", "head": "\x1b[1m", "dim": "\x1b[2m"}
PLAIN_MARKS = {INSERT: ("{+", "+}"), DELETE: ("[-", "-]")}
PILCROW = "¶"


def use_color(color: bool | None) -> bool:
    """Explicit choice, else: no NO_COLOR in the environment and stdout is a terminal."""
    if color is not None:
        return color
    if os.environ.get("NO_COLOR"):
        return False
    return sys.stdout.isatty()


def labels(entry: Entry) -> str:
    """``17. → 19.`` when the number changed, else the one label (or the id for unlabelled text)."""
    if not any(entry.old_labels) and not any(entry.new_labels):  # unnumbered text: its id, no arrow
        return ", ".join(entry.new or entry.old)
    old = ", ".join(label for label in entry.old_labels if label) or ", ".join(entry.old)
    new = ", ".join(label for label in entry.new_labels if label) or ", ".join(entry.new)
    if not entry.new:
        return old
    if not entry.old or old == new:
        return new
    return f"{old} → {new}"


def describe(entry: Entry, redline: Redline | None = None) -> str:
    """Kind and secondary events, plus where a move goes or comes from (by label when known)."""
    extra = [e for e in entry.events if e not in (entry.kind.value, "moved")]
    text = entry.kind.value.replace("_", " ") + (f" ({', '.join(extra)})" if extra else "")
    if entry.kind is EntryKind.MOVED_FROM and entry.counterpart:
        text += f" → {_where(entry.counterpart, redline.new if redline else None)}"
    elif entry.kind is EntryKind.MOVED_TO and entry.counterpart:
        text += f" ← {_where(entry.counterpart, redline.old if redline else None)}"
    return text


def _where(ids: Sequence[str], draft: Draft | None) -> str:
    """Printed labels of provisions (``8.``), their ids where they have none."""
    return ", ".join((draft.get(i).label or i) if draft is not None and i in draft else i for i in ids)


def summary_line(redline: Redline) -> str:
    t = redline_stats(redline).total
    return (f"{redline.old.id} → {redline.new.id}: {t.modified} modified, {t.added} added, {t.deleted} deleted, "
            f"{t.moved} moved, {t.split} split, {t.merged} merged, {t.renumbered} renumbered; "
            f"words +{t.words_inserted} -{t.words_deleted}")


def _styled(text: str, style: str, color: bool) -> list[str]:
    """Pieces of one op, cut at paragraph breaks so that each line carries its own colour codes."""
    pieces = text.split("\n")
    out = []
    for index, piece in enumerate(pieces):
        is_break = index < len(pieces) - 1
        body = piece + (PILCROW if is_break and style in (INSERT, DELETE) else "")
        if color and style in STYLES and body:
            body = f"{STYLES[style]}{body}{RESET}"
        elif style in PLAIN_MARKS and body:
            body = f"{PLAIN_MARKS[style][0]}{body}{PLAIN_MARKS[style][1]}"
        out.append(body + ("\n" if is_break else ""))
    return out


def _body(ops: Sequence[Op], color: bool, moved_away: bool) -> str:
    if moved_away:  # the text is shown where it went; here only where it stood
        text = "".join(o.text for o in ops)
        return "".join(_styled(text, "move", color)) if color else text
    return "".join(piece for o in ops for piece in _styled(o.text, o.op if o.op != EQUAL else "", color))


def _text_redline(redline: Redline, color: bool) -> str:
    def head(text: str) -> str:
        return f"{STYLES['head']}{text}{RESET}" if color else text

    lines = [head(summary_line(redline)), ""]
    for entry in redline.entries:
        if not entry.changed:
            continue
        title = f"{labels(entry)}  {entry.id}  [{describe(entry, redline)}]"
        moved = entry.kind in (EntryKind.MOVED_FROM, EntryKind.MOVED_TO)
        lines.append(f"{STYLES['move']}{title}{RESET}" if color and moved else head(title))
        body = _body(entry.ops, color, entry.kind is EntryKind.MOVED_FROM)
        lines.extend("    " + line for line in body.split("\n"))
        lines.append("")
    if not redline.changed:
        lines.append("no changes")
    return "\n".join(lines).rstrip("\n") + "\n"


@register("redline", "terminal", ())
def render_terminal(redline: Redline, color: bool | None = None, **_: object) -> str:
    return _text_redline(redline, use_color(color))


@register("redline", "text", (".txt",))
def render_text(redline: Redline, **_: object) -> str:
    return _text_redline(redline, False)


# --- CriticMarkup ----------------------------------------------------------------------------------

# what would read as CriticMarkup ({ } ~), HTML (< > &) or inline Markdown (* _ ` \\) in a draft's own text (a bare
# [bracket], common in drafts under negotiation, is no link without a definition: kept as written);
# CommonMark turns a backslash before any ASCII punctuation back into the character
_MARKUP = re.compile(r"([\\{}~<>&*_`])")
_LINE_START = re.compile(r"(^|\n)([#>+-]|\d+[.)])", re.MULTILINE)


def escape_markup(text: str) -> str:
    """A draft's text as literal Markdown: nothing in it reads as markup, a renderer shows it as written."""
    return _LINE_START.sub(lambda m: m.group(1) + "\\" + m.group(2) if m.group(2)[0] in "#>+-" else
                           m.group(1) + m.group(2)[:-1] + "\\" + m.group(2)[-1], _MARKUP.sub(r"\\\1", text))


def critic(ops: Sequence[Op]) -> str:
    """CriticMarkup for a sequence of ops; a delete followed by an insert is one substitution."""
    out: list[str] = []
    index = 0
    while index < len(ops):
        o = ops[index]
        following = ops[index + 1] if index + 1 < len(ops) else None
        if o.op == DELETE and following is not None and following.op == INSERT:
            out.append(f"{{~~{escape_markup(o.text)}~>{escape_markup(following.text)}~~}}")
            index += 2
            continue
        if o.op == INSERT:
            out.append(f"{{++{escape_markup(o.text)}++}}")
        elif o.op == DELETE:
            out.append(f"{{--{escape_markup(o.text)}--}}")
        else:
            out.append(escape_markup(o.text))
        index += 1
    return "".join(out).replace("\n", "\\\n")


def _md_header(entry: Entry, redline: Redline) -> str:
    return f"**{labels(entry)}** · {describe(entry, redline)} · `{entry.id}`  "


@register("redline", "md", (".md", ".markdown"))
def render_md(redline: Redline, **_: object) -> str:
    blocks = [f"# Redline: {redline.old.id} → {redline.new.id}", summary_line(redline)]
    section: object = object()
    for entry in redline.entries:
        if entry.section != section and entry.section is not None:
            section = entry.section
            draft = redline.new if section in redline.new else redline.old
            blocks.append(f"## {draft.get(section).display}")
        body = critic(entry.ops)
        blocks.append(f"{_md_header(entry, redline)}\n{body}" if body else _md_header(entry, redline))
    return "\n\n".join(blocks) + "\n"
