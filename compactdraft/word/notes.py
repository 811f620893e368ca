"""Footnotes and endnotes in the Word redline: references diffed in the text, notes redlined in their parts.

A provision's text holds no trace of its note references, so the Word writer re-reads the source
paragraph and puts one mark character where each reference stands (:func:`marked_display`). The marks
are single tokens for the word diff: an equal mark pairs an OLD note with a NEW note (their texts are
then diffed paragraph by paragraph into the redline's note), a deleted mark is a deleted reference
(the note's text is deleted with it), an inserted mark an inserted one. This is how WmlComparer
counts too: a reference is content of its paragraph, a note's text a stream of its own.

The marks are Unicode noncharacters, which never occur in interchanged text.
"""
from __future__ import annotations

import copy
import posixpath
import re
from collections import deque
from dataclasses import dataclass, field
from typing import NamedTuple

from lxml import etree

from ..diff import diff_words
from ..model import clean_text
from ..safeio import SafeZip, parse_xml
from .compat import declare_ignorable
from .content import read_paragraph
from .elements import (
    DEL,
    INS,
    NSMAP,
    Revisions,
    W,
    clean_ppr,
    element,
    run,
    serialize,
    sub,
)
from .namespaces import CT_NS, REL_NS, REL_TYPE
from .objects import ObjectKeys

FOOTNOTE, ENDNOTE = "footnote", "endnote"
MARK_OF = {FOOTNOTE: "\ufdd0", ENDNOTE: "\ufdd1"}
KIND_OF_MARK = {mark: kind for kind, mark in MARK_OF.items()}
MARKS = frozenset(KIND_OF_MARK)
_MARK = re.compile(f"[{''.join(sorted(MARKS))}]")
NOTE_REL_TYPE = REL_TYPE + "{kind}s"
CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}s+xml"
_REFERENCE = {W + "footnoteReference": FOOTNOTE, W + "endnoteReference": ENDNOTE}


class NoteSource(NamedTuple):
    """One note of a source package: its kind and its paragraphs (``w:p`` elements of the note)."""

    kind: str
    paragraphs: tuple[etree._Element, ...]

    def text(self) -> str:
        """The note's paragraph texts joined with "\\n" (a paragraph mark for the diff)."""
        return "\n".join(clean_text(read_paragraph(0, p).text) for p in self.paragraphs)


def part_name(main: str, kind: str) -> str:
    """Where a package keeps its notes of one kind (beside the main part, as Word writes them)."""
    return posixpath.join(posixpath.dirname(main), f"{kind}s.xml")


def read_note_parts(package: SafeZip, main: str) -> dict[str, dict[str, etree._Element]]:
    """kind -> note id -> ``w:footnote``/``w:endnote`` element, for the package's note parts."""
    found: dict[str, dict[str, etree._Element]] = {}
    for kind in (FOOTNOTE, ENDNOTE):
        name = part_name(main, kind)
        root = package.read_xml(name) if name in package else None
        found[kind] = {n.get(W + "id", ""): n for n in root.iter(W + kind)} if root is not None else {}
    return found


def references(paragraph: etree._Element, notes: dict[str, dict[str, etree._Element]]) -> list[NoteSource]:
    """The notes a paragraph refers to, in reading order (a reference to a missing note is skipped)."""
    result = []
    for node in paragraph.iter(*_REFERENCE):
        kind = _REFERENCE[node.tag]
        note = notes.get(kind, {}).get(node.get(W + "id", ""))
        if note is not None:
            result.append(NoteSource(kind, tuple(note.iter(W + "p"))))
    return result


def _marked_source_text(paragraph: etree._Element, keys: ObjectKeys | None = None) -> str:
    """The paragraph's printed text (as the docx reader reads it) with a mark before each reference."""
    marked = copy.deepcopy(paragraph)
    for node in list(marked.iter(*_REFERENCE)):
        mark = element("t")
        mark.text = MARK_OF[_REFERENCE[node.tag]]
        node.addprevious(mark)
    return clean_text(read_paragraph(0, marked, keys).text)


def place_marks(marked: str, target: str) -> str | None:
    """``target`` with the marks of ``marked`` put at the same places, comparing non-space characters;
    ``target`` must be a tail of ``marked`` (a label split off) or the marks cannot be placed: None."""
    plain = [c for c in marked if not c.isspace() and c not in MARKS]
    wanted = [c for c in target if not c.isspace()]
    skip = len(plain) - len(wanted)
    if skip < 0 or plain[skip:] != wanted:
        return None
    target_offsets = [i for i, c in enumerate(target) if not c.isspace()] + [len(target)]
    inserts: dict[int, str] = {}
    seen = 0
    previous = ""
    for char in marked:
        if char in MARKS:
            if seen <= skip:
                at = 0
            elif previous.isspace():  # "report ¹every": before the next word
                at = target_offsets[seen - skip]
            else:  # "report¹ every": right after the character it follows
                at = target_offsets[seen - skip - 1] + 1
            inserts[at] = inserts.get(at, "") + char
        elif not char.isspace():
            seen += 1
        if char not in MARKS:
            previous = char
    return "".join(inserts.get(i, "") + c for i, c in enumerate(target)) + inserts.get(len(target), "")


def marked_display(paragraph: etree._Element, display: str, notes: dict[str, dict[str, etree._Element]],
                   keys: ObjectKeys | None = None) -> tuple[str, tuple[NoteSource, ...]]:
    """A provision's displayed text with its note marks, and its notes; unmarked when they cannot be placed."""
    sources = references(paragraph, notes)
    if not sources:
        return display, ()
    placed = place_marks(_marked_source_text(paragraph, keys), display)
    if placed is None or sum(placed.count(m) for m in MARKS) != len(sources):
        return display, ()
    return placed, tuple(sources)


def strip_marks(text: str) -> str:
    return "".join(c for c in text if c not in MARKS)


class NoteRef(NamedTuple):
    """One reference in the redline: the OLD note, the NEW note (None on a side where it is absent)."""

    kind: str
    old: NoteSource | None
    new: NoteSource | None


@dataclass
class NotePairing:
    """Pairs the marks of one part's diff with the notes of its OLD and NEW provisions, in order."""

    old: dict[str, deque[NoteSource]] = field(default_factory=dict)
    new: dict[str, deque[NoteSource]] = field(default_factory=dict)

    @classmethod
    def of(cls, old: list[NoteSource], new: list[NoteSource]) -> NotePairing:
        pairing = cls()
        for side, sources in ((pairing.old, old), (pairing.new, new)):
            for source in sources:
                side.setdefault(source.kind, deque()).append(source)
        return pairing

    def refs(self, op: str, text: str) -> list[NoteRef]:
        """The references met in one diff operation's text (equal: both sides, delete: OLD, insert: NEW)."""
        result = []
        for char in _MARK.findall(text):
            kind = KIND_OF_MARK[char]
            old = self._take(self.old, kind) if op != "insert" else None
            new = self._take(self.new, kind) if op != "delete" else None
            result.append(NoteRef(kind, old, new))
        return result

    @staticmethod
    def _take(side: dict[str, deque[NoteSource]], kind: str) -> NoteSource | None:
        queue = side.get(kind)
        return queue.popleft() if queue else None


class NotesWriter:
    """Writes the redline's notes: one new note per reference, numbered after the base's separators."""

    def __init__(self, annotations: Revisions, base_notes: dict[str, dict[str, etree._Element]]) -> None:
        self.annotations = annotations
        self.separators = {kind: [copy.deepcopy(n) for n in base_notes.get(kind, {}).values()
                                  if n.get(W + "type") not in (None, "normal")] for kind in (FOOTNOTE, ENDNOTE)}
        self.written: dict[str, list[etree._Element]] = {FOOTNOTE: [], ENDNOTE: []}
        self.next_id = {kind: max([int(n.get(W + "id", "0")) for n in seps if _is_int(n.get(W + "id"))] + [0]) + 1
                        for kind, seps in self.separators.items()}

    def reference(self, ref: NoteRef, revision: str) -> etree._Element:
        """The reference run for one note (its note is written now); ``revision``: equal, ins or del."""
        note_id = str(self.next_id[ref.kind])
        self.next_id[ref.kind] += 1
        self.written[ref.kind].append(self._note(ref, note_id))
        node = element("r")
        rpr = sub(node, "rPr")
        sub(rpr, "vertAlign", {"val": "superscript"})
        sub(node, f"{ref.kind}Reference", {"id": note_id})
        return node

    def _note(self, ref: NoteRef, note_id: str) -> etree._Element:
        note = element(ref.kind, {"id": note_id})
        layout = ref.new or ref.old
        assert layout is not None
        if ref.old is not None and ref.new is not None:
            pieces = [(op.op, op.text) for op in diff_words(ref.old.text(), ref.new.text())]
        elif ref.old is not None:
            pieces = [(DEL, ref.old.text())]
        else:
            pieces = [(INS, layout.text())]
        for index, (ppr, children) in enumerate(self._paragraphs(pieces)):
            source = layout.paragraphs[min(index, len(layout.paragraphs) - 1)] if layout.paragraphs else None
            p = sub(note, "p")
            properties = clean_ppr(source.find(W + "pPr") if source is not None else None)
            if ppr is not None:
                self.annotations.mark_paragraph(properties, ppr)
            p.append(properties)
            if index == 0:
                mark = sub(p, "r")
                sub(sub(mark, "rPr"), "vertAlign", {"val": "superscript"})
                sub(mark, f"{ref.kind}Ref")
            p.extend(children)
        return note

    def _paragraphs(self, pieces: list[tuple[str, str]]) -> list[tuple[str | None, list[etree._Element]]]:
        """Diff pieces -> (mark revision or None, runs) per paragraph; the note's last mark stays."""
        result: list[tuple[str | None, list[etree._Element]]] = []
        children: list[etree._Element] = []
        for op, text in pieces:
            for position, chunk in enumerate(text.split("\n")):
                if position:
                    result.append((None if op == "equal" else _REVISION[op], children))
                    children = []
                if chunk:
                    children.append(run(chunk) if op == "equal" else self.annotations.wrap(_REVISION[op], chunk))
        result.append((None, children))
        return result

    def parts(self) -> dict[str, bytes]:
        """Part name (relative to the main part's folder) -> XML, for each kind that has notes or had a part."""
        result = {}
        for kind in (FOOTNOTE, ENDNOTE):
            if not self.written[kind] and not self.separators[kind]:
                continue
            root = etree.Element(W + f"{kind}s", nsmap=NSMAP)
            seps = self.separators[kind] or _default_separators(kind)
            root.extend(seps + self.written[kind])
            # separators and paragraph properties copied from the source keep their w14 attributes
            result[f"{kind}s.xml"] = serialize(declare_ignorable(root))
        return result


_REVISION = {"insert": INS, "delete": DEL, INS: INS, DEL: DEL}


def _is_int(value: str | None) -> bool:
    return value is not None and value.lstrip("-").isdigit()


def _default_separators(kind: str) -> list[etree._Element]:
    """Word's two separator notes (ids -1 and 0), for a package that had no notes of this kind."""
    result = []
    for note_id, kind_type, tag in (("-1", "separator", "separator"), ("0", "continuationSeparator",
                                                                       "continuationSeparator")):
        note = element(kind, {"id": note_id, "type": kind_type})
        p = sub(note, "p")
        sub(sub(p, "r"), tag)
        result.append(note)
    return result


def add_note_parts(members: dict[str, bytes], main: str, parts: dict[str, bytes]) -> None:
    """Put the note parts into a package's members, with their relationships and content types."""
    folder = posixpath.dirname(main)
    rels_name = posixpath.join(folder, "_rels", posixpath.basename(main) + ".rels")
    rels = parse_xml(members[rels_name], None, rels_name) if rels_name in members else etree.Element(
        f"{{{REL_NS}}}Relationships", nsmap={None: REL_NS})
    types = parse_xml(members["[Content_Types].xml"], None, "[Content_Types].xml")
    for name, data in sorted(parts.items()):
        kind = name[:-len("s.xml")]
        full = posixpath.join(folder, name)
        members[full] = data
        targets = {posixpath.normpath(posixpath.join(folder, r.get("Target", ""))) for r in rels}
        if full not in targets:
            ids = {r.get("Id") for r in rels}
            number = 1
            while f"rIdNotes{number}" in ids:
                number += 1
            etree.SubElement(rels, f"{{{REL_NS}}}Relationship", Id=f"rIdNotes{number}",
                             Type=NOTE_REL_TYPE.format(kind=kind), Target=name)
        if not any(o.get("PartName", "").lstrip("/") == full for o in types):
            etree.SubElement(types, f"{{{CT_NS}}}Override", PartName="/" + full,
                             ContentType=CONTENT_TYPE.format(kind=kind))
    members[rels_name] = serialize(rels)
    members["[Content_Types].xml"] = serialize(types)
