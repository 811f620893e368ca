"""Write the sample series from the authored content: the drafts, the sources, series.toml, truth.json.

    .venv/bin/python drafts/generate.py [--out DIR] [--text]

The content (drafts/content/) is a tree of keyed nodes for the zero draft plus, for each later round,
a list of edits on those keys. This script applies the edits round by round, numbers every draft the
way Word's automatic numbering prints it, writes each draft as .docx (python-docx + lxml, one decimal
list "%1." numbered through the document, "(%2)" letters restarting under each paragraph, "(%3)" roman
items), and derives truth.json from the keys: what happened to every provision at every step, and
the true sources of every provision. The output is deterministic: zip timestamps and document
properties come from the dates in the manifest, so rerunning gives byte-identical files.
--text also writes a plain-text rendering of each document (one paragraph per line) for checking.
"""
from __future__ import annotations

import argparse
import datetime as dt
import io
import json
import re
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.enum.text import WD_BREAK
from docx.oxml.ns import qn
from lxml import etree

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from content.nodes import Edit, Node  # noqa: E402
from content.rounds import ROUNDS  # noqa: E402
from content.sources import DECLARATION_TITLE, REPORT_TITLE, declaration, report  # noqa: E402
from content.zero import TITLE, zero_draft  # noqa: E402

SERIES_TITLE = TITLE
DRAFTS = [  # id, file, date, label
    ("zero", "zero-draft.docx", "2026-02-05", "Zero draft"),
    ("rev1", "rev1.docx", "2026-04-02", "Revision 1"),
    ("rev2", "rev2.docx", "2026-05-28", "Revision 2"),
    ("final", "final.docx", "2026-07-10", "Final text"),
]
SOURCES = [
    ("decl", "sources/declaration.docx", "2024-09-19",
     "Declaration on Human Mobility in the Context of Climate Change"),
    ("report", "sources/report.docx", "2025-06-30", "Report of the Special Envoy (recommendations)"),
]
TRUTH_SCHEMA = "compactdraft/truth/1"
QUOTE_MIN_WORDS = 7  # a "quotes" source must share a verbatim run at least this long


# --- applying a round's edits --------------------------------------------------------------------

def _walk(nodes: list[Node]) -> Iterator[tuple[list[Node], int, Node]]:
    for index, node in enumerate(nodes):
        yield nodes, index, node
        yield from _walk(node.children)


def _find(tree: list[Node], key: str) -> tuple[list[Node], int]:
    for siblings, index, node in _walk(tree):
        if node.key == key:
            return siblings, index
    raise KeyError(f"no node {key!r} in the draft being edited")


def _place(tree: list[Node], node: Node, edit: Edit) -> None:
    if edit.into is not None:
        siblings, index = _find(tree, edit.into)
        siblings[index].children.append(node)
    elif edit.after is not None:
        siblings, index = _find(tree, edit.after)
        siblings.insert(index + 1, node)
    elif edit.before is not None:
        siblings, index = _find(tree, edit.before)
        siblings.insert(index, node)
    else:
        raise ValueError(f"{edit.op} needs after, before or into")


@dataclass
class Round:
    """A draft's tree plus what its edits said about keys that changed identity."""

    tree: list[Node]
    splits: dict[str, tuple[str, ...]]  # old key -> new keys
    merges: dict[tuple[str, ...], str]  # old keys -> new key


def apply_round(tree: list[Node], edits: list[Edit]) -> Round:
    tree = [n.copy() for n in tree]
    splits: dict[str, tuple[str, ...]] = {}
    merges: dict[tuple[str, ...], str] = {}
    for edit in edits:
        if edit.op == "reword":
            siblings, index = _find(tree, edit.keys[0])
            siblings[index].text = edit.text or siblings[index].text
            if edit.sources is not None:
                siblings[index].sources = edit.sources
        elif edit.op == "insert":
            _place(tree, edit.nodes[0].copy(), edit)
        elif edit.op == "delete":
            siblings, index = _find(tree, edit.keys[0])
            del siblings[index]
        elif edit.op == "move":
            siblings, index = _find(tree, edit.keys[0])
            node = siblings.pop(index)
            node.text = edit.text if edit.text is not None else node.text
            node.sources = edit.sources if edit.sources is not None else node.sources
            _place(tree, node, edit)
        elif edit.op == "split":
            siblings, index = _find(tree, edit.keys[0])
            siblings[index:index + 1] = [n.copy() for n in edit.nodes]
            splits[edit.keys[0]] = tuple(n.key for n in edit.nodes)
        elif edit.op == "merge":
            siblings, index = _find(tree, edit.keys[0])
            siblings[index] = edit.nodes[0].copy()
            for key in edit.keys[1:]:
                others, position = _find(tree, key)
                del others[position]
            merges[edit.keys] = edit.nodes[0].key
        else:
            raise ValueError(f"unknown edit {edit.op!r}")
    return Round(tree, splits, merges)


# --- numbering: what a reader of the printed draft sees ------------------------------------------

@dataclass(frozen=True)
class Printed:
    """One paragraph of a document as printed, with the id compactdraft gives it."""

    key: str
    id: str
    role: str
    label: str  # the number as printed ("17.", "(a)"), or the typed heading label
    text: str  # the text a reader compares between drafts (heading title, paragraph text)
    parent_key: str | None
    level: int  # list level for automatic numbering (0, 1, 2), -1 when not in the list
    list_id: int  # which w:num the paragraph belongs to
    sources: tuple[tuple[str, str], ...]


def _letters(n: int) -> str:
    return chr(96 + n) if n <= 26 else chr(96 + (n - 1) // 26) + chr(97 + (n - 1) % 26)


def _roman(n: int) -> str:
    numerals = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]
    out = ""
    for value, numeral in numerals:
        while n >= value:
            out += numeral
            n -= value
    return out


def number(tree: list[Node]) -> list[Printed]:
    """Give every node its printed number and id, as Word and compactdraft's structurer would."""
    out: list[Printed] = []
    state = {"para": 0, "obj": 0, "rec": 0, "list": 1, "prefix": ""}

    def emit(node: Node, ident: str, label: str, parent: Node | None, level: int = -1) -> None:
        out.append(Printed(node.key, ident, node.role, label, node.text, parent.key if parent else None,
                           level, state["list"], node.sources))

    def paragraph(node: Node, parent: Node | None) -> None:
        state["para"] += 1
        ident = f"{state['prefix']}para.{state['para']}"
        emit(node, ident, f"{state['para']}.", parent, 0)
        texts = letters = 0
        for child in node.children:
            if child.role == "chapeau":
                texts += 1
                emit(child, f"{ident}.text.{texts}", "", node)
            else:
                letters += 1
                item_id = f"{ident}.{_letters(letters)}"
                emit(child, item_id, f"({_letters(letters)})", node, 1)
                for count, grandchild in enumerate(child.children, 1):
                    emit(grandchild, f"{item_id}.{_roman(count)}", f"({_roman(count)})", child, 2)

    def visit(node: Node, parent: Node | None) -> None:
        if node.role == "preamble":
            emit(node, "preamble", "Preamble", parent)
            for count, child in enumerate(node.children, 1):
                emit(child, f"preamble.{count}", "", node)
        elif node.role == "section":
            emit(node, f"{state['prefix']}sec.{node.number}", f"{node.number}.", parent)
            for child in node.children:
                visit(child, node)
        elif node.role == "annex":
            state["list"] += 1  # a new w:num restarting at 1
            state["para"], state["prefix"] = 0, f"annex.{node.number}."
            emit(node, f"annex.{node.number}", f"Annex {node.number}", parent)
            for child in node.children:
                visit(child, node)
        elif node.role == "objective":
            state["obj"] += 1
            emit(node, f"obj.{state['obj']}", f"Objective {state['obj']}:", parent)
            for child in node.children:
                visit(child, node)
        elif node.role == "rec":
            state["rec"] += 1
            emit(node, f"rec.{state['rec']}", f"Recommendation {state['rec']}:", parent)
        elif node.role == "para":
            paragraph(node, parent)
        else:
            raise ValueError(f"{node.key}: a {node.role} cannot stand here")

    for top in tree:
        visit(top, None)
    return out


# --- truth ---------------------------------------------------------------------------------------

def step_links(old: list[Printed], new: list[Printed], edits: Round) -> list[dict[str, object]]:
    """Every provision of both drafts in exactly one link, by construction from the keys."""
    old_by_key = {p.key: p for p in old}
    new_by_key = {p.key: p for p in new}
    links: list[tuple[tuple[float, int], dict[str, object]]] = []
    done_old: set[str] = set()
    done_new: set[str] = set()

    old_index = {p.key: i for i, p in enumerate(old)}
    new_index = {p.key: i for i, p in enumerate(new)}

    def anchor(new_key: str) -> float:
        """An inserted provision sorts just after the nearest earlier provision the old draft had."""
        for earlier in reversed(new[:new_index[new_key]]):
            if earlier.key in old_index:
                return old_index[earlier.key] + 0.5
        return -0.5

    def add(old_keys: tuple[str, ...], new_keys: tuple[str, ...], kind: str, also: list[str]) -> None:
        done_old.update(old_keys)
        done_new.update(new_keys)
        position = (min(old_index[k] for k in old_keys) if old_keys else anchor(new_keys[0]),
                    min(new_index[k] for k in new_keys) if new_keys else -1)
        links.append((position, {"old": [old_by_key[k].id for k in old_keys],
                                 "new": [new_by_key[k].id for k in new_keys], "kind": kind, "also": also}))

    for old_key, new_keys in edits.splits.items():
        add((old_key,), new_keys, "split", [])
    for old_keys, new_key in edits.merges.items():
        add(old_keys, (new_key,), "merged", [])
    for before in old:
        if before.key in done_old:
            continue
        after = new_by_key.get(before.key)
        if after is None:
            add((before.key,), (), "deleted", [])
        elif after.parent_key != before.parent_key:
            add((before.key,), (after.key,), "moved", ["modified"] if after.text != before.text else [])
        elif after.id == before.id:
            add((before.key,), (after.key,), "unchanged" if after.text == before.text else "modified", [])
        elif after.text == before.text:
            add((before.key,), (after.key,), "renumbered", [])
        else:
            add((before.key,), (after.key,), "modified", ["renumbered"])
    for after in new:
        if after.key not in done_new:
            add((), (after.key,), "inserted", [])
    assert done_old == set(old_by_key) and done_new == set(new_by_key)
    return [link for _, link in sorted(links, key=lambda pair: pair[0])]


SOURCED_ROLES = ("preambular", "para", "item", "subitem")


def source_entries(draft_id: str, printed: list[Printed]) -> list[dict[str, object]]:
    return [{"provision": f"{draft_id}:{p.id}", "sources": [s for s, _ in p.sources],
             "how": [how for _, how in p.sources]}
            for p in printed if p.role in SOURCED_ROLES]


_WORD = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def _longest_shared_run(a: str, b: str) -> int:
    left, right = _WORD.findall(a.lower()), _WORD.findall(b.lower())
    best, previous = 0, [0] * (len(right) + 1)
    for word in left:
        current = [0] * (len(right) + 1)
        for j, other in enumerate(right, 1):
            if word == other:
                current[j] = previous[j - 1] + 1
                best = max(best, current[j])
        previous = current
    return best


def check_sources(draft_id: str, printed: list[Printed], sources: dict[str, dict[str, Printed]]) -> None:
    """Refuse truth that the texts do not bear out: quotes share a long run, citations name the number."""
    for p in printed:
        for ident, how in p.sources:
            doc, _, provision = ident.partition(":")
            target = sources[doc].get(provision)
            if target is None:
                raise SystemExit(f"{draft_id}:{p.id} names {ident}, which the source does not hold")
            if how == "quotes" and _longest_shared_run(p.text, target.text) < QUOTE_MIN_WORDS:
                raise SystemExit(f"{draft_id}:{p.id} is said to quote {ident} but shares no "
                                 f"{QUOTE_MIN_WORDS}-word passage with it")
            number_cited = re.search(r"(\d+|[IVX]+)(?:\.[a-z])?$", provision)
            if how == "cites" and number_cited and number_cited.group(1) not in p.text:
                raise SystemExit(f"{draft_id}:{p.id} is said to cite {ident} but does not name it")


# --- .docx ---------------------------------------------------------------------------------------

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _el(tag: str, **attrs: str) -> etree._Element:
    element = etree.Element(qn(tag))
    for name, value in attrs.items():
        element.set(qn(f"w:{name}"), value)
    return element


def _sub(parent: etree._Element, tag: str, **attrs: str) -> etree._Element:
    child = _el(tag, **attrs)
    parent.append(child)
    return child


_LEVELS = [("decimal", "%1.", 0), ("lowerLetter", "(%2)", 567), ("lowerRoman", "(%3)", 1134)]


def write_numbering(document: docx.document.Document, lists: int) -> None:
    """One multilevel list (1. / (a) / (i)); w:num 1 for the body, one more per annex restarting at 1."""
    numbering = document.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    abstract = _sub(numbering, "w:abstractNum", abstractNumId="0")
    _sub(abstract, "w:multiLevelType", val="multilevel")
    for level, (fmt, text, indent) in enumerate(_LEVELS):
        lvl = _sub(abstract, "w:lvl", ilvl=str(level))
        _sub(lvl, "w:start", val="1")
        _sub(lvl, "w:numFmt", val=fmt)
        _sub(lvl, "w:lvlText", val=text)
        _sub(lvl, "w:lvlJc", val="left")
        ppr = _sub(lvl, "w:pPr")
        _sub(ppr, "w:ind", left=str(indent + 567), hanging="567")
    for num_id in range(1, lists + 1):
        num = _sub(numbering, "w:num", numId=str(num_id))
        _sub(num, "w:abstractNumId", val="0")
        if num_id > 1:
            override = _sub(num, "w:lvlOverride", ilvl="0")
            _sub(override, "w:startOverride", val="1")


def _numbered(paragraph: docx.text.paragraph.Paragraph, level: int, list_id: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    numpr = _el("w:numPr")
    _sub(numpr, "w:ilvl", val=str(level))
    _sub(numpr, "w:numId", val=str(list_id))
    ppr.insert(1 if ppr.find(qn("w:pStyle")) is not None else 0, numpr)


def _add_printed(document: docx.document.Document, p: Printed) -> None:
    if p.role in ("preamble",):
        document.add_paragraph(p.text, style="Heading 1")
    elif p.role == "section":
        document.add_paragraph(f"{p.label} {p.text}", style="Heading 1")
    elif p.role == "annex":
        heading = document.add_paragraph(p.label, style="Heading 1")
        heading.add_run().add_break(WD_BREAK.LINE)
        heading.add_run(p.text)
    elif p.role == "objective":
        document.add_paragraph(f"{p.label} {p.text}", style="Heading 2")
    elif p.role == "rec":
        paragraph = document.add_paragraph()
        paragraph.add_run(p.label).bold = True
        paragraph.add_run(f" {p.text}")
    elif p.role == "preambular":
        first, _, rest = p.text.partition(" ")
        paragraph = document.add_paragraph()
        paragraph.add_run(first).italic = True
        paragraph.add_run(f" {rest}")
    elif p.role == "chapeau":
        document.add_paragraph(p.text)
    else:  # para, item, subitem: Word prints the label
        _numbered(document.add_paragraph(p.text), p.level, p.list_id)


def _moment(date: str) -> dt.datetime:
    return dt.datetime.fromisoformat(date).replace(hour=9, tzinfo=dt.UTC)


def docx_bytes(title: str, printed: list[Printed], date: str, subject: str) -> bytes:
    document = docx.Document()
    document.add_paragraph(title, style="Title")
    for p in printed:
        _add_printed(document, p)
    write_numbering(document, max(p.list_id for p in printed))
    props = document.core_properties
    props.title, props.subject, props.author = title, subject, "Co-facilitators"
    props.last_modified_by, props.revision, props.keywords = "Co-facilitators", 1, "compactdraft sample"
    props.created = props.modified = props.last_printed = _moment(date)
    props.comments = "Fictional text written for the compactdraft sample series."
    raw = io.BytesIO()
    document.save(raw)
    return _fixed_zip(raw.getvalue(), date)


def _fixed_zip(data: bytes, date: str) -> bytes:
    """The same package with every member stamped with the document's date (python-docx stamps 'now')."""
    moment = _moment(date)
    stamp = (moment.year, moment.month, moment.day, moment.hour, 0, 0)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for member in source.infolist():
            info = zipfile.ZipInfo(member.filename, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            target.writestr(info, source.read(member.filename), compresslevel=9)
    return out.getvalue()


# --- plain text (for checking ids with the text reader) --------------------------------------------

def text_rendering(title: str, printed: list[Printed]) -> str:
    lines = [title]
    for p in printed:
        if p.role == "preamble":
            lines.append(p.text)
        elif p.role in ("section", "objective", "annex", "rec", "para", "item", "subitem"):
            lines.append(f"{p.label} {p.text}")
        else:
            lines.append(p.text)
    return "\n\n".join(lines) + "\n"


# --- the series ----------------------------------------------------------------------------------

def build_series() -> tuple[list[tuple[str, list[Printed]]], list[dict[str, object]]]:
    """All drafts numbered, and the links of each step."""
    trees = [("zero", zero_draft())]
    steps_edits: list[Round] = []
    for round_id, edits in ROUNDS:
        applied = apply_round(trees[-1][1], edits)
        trees.append((round_id, applied.tree))
        steps_edits.append(applied)
    drafts = [(draft_id, number(tree)) for draft_id, tree in trees]
    steps = []
    for (old_id, old), (new_id, new), applied in zip(drafts, drafts[1:], steps_edits):
        steps.append({"old": old_id, "new": new_id, "links": step_links(old, new, applied)})
    return drafts, steps


def truth_json(truth: dict[str, object]) -> str:
    """Indented JSON with one link or source entry per line, so that a diff of truth.json reads well."""
    def line(value: object) -> str:
        return json.dumps(value, ensure_ascii=False)

    steps = ",\n".join(
        f' {{"old": {line(s["old"])}, "new": {line(s["new"])}, "links": [\n'
        + ",\n".join(f"  {line(link)}" for link in s["links"]) + "\n ]}" for s in truth["steps"])
    sources = ",\n".join(f" {line(entry)}" for entry in truth["sources"])
    return (f'{{"schema": {line(truth["schema"])},\n"drafts": {line(truth["drafts"])},\n'
            f'"steps": [\n{steps}\n],\n"sources": [\n{sources}\n]}}\n')


def manifest_text() -> str:
    lines = ["# The sample series: a fictional negotiation written for compactdraft (see README.md).",
             "# Generated by drafts/generate.py; edit drafts/content/ and rerun instead of editing this file.",
             "", "[series]", f'title = "{SERIES_TITLE}"', ""]
    for entry_id, file, date, label in DRAFTS:
        lines += ["[[draft]]", f'id = "{entry_id}"', f'file = "{file}"', f'date = "{date}"', f'label = "{label}"', ""]
    for entry_id, file, date, label in SOURCES:
        lines += ["[[source]]", f'id = "{entry_id}"', f'file = "{file}"', f'date = "{date}"', f'label = "{label}"', ""]
    return "\n".join(lines)


def generate(out: Path, with_text: bool = False) -> list[Path]:
    """Write every file of the series under ``out``; returns the paths written."""
    written: list[Path] = []

    def write(relative: str, data: bytes) -> None:
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)

    source_docs = {"decl": (DECLARATION_TITLE, number(declaration())), "report": (REPORT_TITLE, number(report()))}
    for (_, file, date, label), (title, printed) in zip(SOURCES, source_docs.values()):
        write(file, docx_bytes(title, printed, date, label))
        if with_text:
            write(file.replace(".docx", ".txt"), text_rendering(title, printed).encode())
    by_id = {sid: {p.id: p for p in printed} for sid, (_, printed) in source_docs.items()}
    drafts, steps = build_series()
    sources: list[dict[str, object]] = []
    for (draft_id, file, date, label), (_, printed) in zip(DRAFTS, drafts):
        check_sources(draft_id, printed, by_id)
        write(file, docx_bytes(TITLE, printed, date, f"{label}, {date}"))
        if with_text:
            write(file.replace(".docx", ".txt"), text_rendering(TITLE, printed).encode())
        sources.extend(source_entries(draft_id, printed))
    truth = {"schema": TRUTH_SCHEMA, "drafts": [d[0] for d in DRAFTS], "steps": steps, "sources": sources}
    write("truth.json", truth_json(truth).encode())
    write("series.toml", manifest_text().encode())
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE, help="folder to write into (default: drafts/)")
    parser.add_argument("--text", action="store_true", help="also write plain-text renderings for checking")
    args = parser.parse_args()
    for path in generate(args.out, args.text):
        print(path)


if __name__ == "__main__":
    main()
