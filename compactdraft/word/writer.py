"""The Word redline: a .docx whose tracked changes turn the old draft into the new one.

Accepting every change gives the new draft's paragraphs exactly, rejecting every change the old
draft's. How it is built:

1. The change list (compactdraft.redline) gives entries in reading order; each becomes a
   :class:`Part`: the old and new provisions it shows, and whether it is one end of a move.
2. Each provision gets a :class:`Layout` from its source .docx (``Provision.ref`` = ``p:{i}``, the
   i-th ``w:p`` of the body): its paragraph properties (style, Word numbering) and whether its label is
   typed in the text or printed by Word's numbering (then it is not typed into the redline either).
3. Parts become one stream of text pieces and paragraph marks, each ``equal``, ``ins``, ``del``,
   ``moveFrom`` or ``moveTo``; ``"\\n"`` in a diff is a paragraph mark. The stream is cut into ``w:p``
   at the marks; a mark that is not ``equal`` is a paragraph-mark revision.
4. The package of the base draft (``base="new"`` or ``"old"``) supplies styles.xml, numbering.xml,
   headers, the section properties; only the body is ours, and the footnote and endnote parts,
   whose references are diffed in the text and whose notes are redlined (compactdraft/word/notes.py). A draft that is
   not a .docx gets a minimal package. Zip members are sorted with fixed timestamps: same inputs,
   same bytes.

The XML and the reasons behind it are described in docs/wordml.md.
"""
from __future__ import annotations

import copy
import io
import posixpath
import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple, cast

from lxml import etree

from ..diff import diff_words
from ..errors import InputError, UsageError
from ..model import Draft, Kind, Provision
from ..safeio import SafeZip, parse_xml, read_input_bytes
from .compat import declare_ignorable
from .content import object_elements
from .direction import mark_right_to_left
from .elements import (
    DEL,
    EQUAL,
    INS,
    MOVE_FROM,
    MOVE_TO,
    NSMAP,
    Revisions,
    W,
    clean_ppr,
    element,
    paragraph,
    run,
    serialize,
    sub,
)
from .formatting import Field, Source, Track, align
from .inplace import InPlaceBody, needs_in_place, segments, write_parts
from .namespaces import CT_NS, OFFICE_DOCUMENT, REL_NS, REL_TYPE, XML_SPACE
from .notes import (
    MARKS,
    NotePairing,
    NoteRef,
    NoteSource,
    NotesWriter,
    add_note_parts,
    marked_display,
    read_note_parts,
)
from .objects import OBJECT, OBJECT_TOKEN, ObjectKeys, import_relationships
from .objects import ObjectQueues as _ObjectQueues
from .package import office_document_part

# Comment parts of a base package: we replace its body, so its comments would dangle (and we write
# none: LibreOffice 7.4 headless crashes loading any .docx with comments, see docs/wordml.md).
_COMMENT_PARTS = re.compile(r"comments(Extended|Ids|Extensible)?\d*\.xml$")
FALLBACK_DATE = "2000-01-01T00:00:00Z"  # used when neither --date nor the new draft gives one
ZIP_TIME = (1980, 1, 1, 0, 0, 0)

_RUN_SPLIT = re.compile(f"({OBJECT_TOKEN.pattern}|[{''.join(sorted(MARKS))}])")  # what is not plain run text
FINAL = "final"  # the document's last paragraph mark, which no revision may remove
_RPR_REVISIONS = {W + t for t in ("ins", "del", "moveFrom", "moveTo", "rPrChange")}
_OP_KIND = {"equal": EQUAL, "insert": INS, "delete": DEL}
_KEPT_IN_OLD = (EQUAL, DEL, MOVE_FROM)
_KEPT_IN_NEW = (EQUAL, INS, MOVE_TO)


# --- what the writer needs from the change list -------------------------------------------------

class Part(NamedTuple):
    """One entry of the change list as the Word writer shows it.

    old:  old provisions shown here (empty for an insertion or the destination of a move)
    new:  new provisions shown here (empty for a deletion or the source of a move)
    move: None, or (MOVE_FROM | MOVE_TO, key) where both ends of one move share the key
    ops:  a precomputed word diff of the plain texts, reused unless note marks change the text written
    """

    old: tuple[Provision, ...] = ()
    new: tuple[Provision, ...] = ()
    move: tuple[str, str] | None = None
    ops: tuple[Any, ...] | None = None


# --- source layout: paragraph properties and typed labels -----------------------------------------

@dataclass
class Package:
    """A .docx read once: its members, the main part's root and body paragraphs, style and list ids."""

    path: str
    zip: SafeZip
    main: str
    root: etree._Element
    paragraphs: list[etree._Element]
    notes: dict[str, dict[str, etree._Element]]  # footnotes and endnotes by kind and id
    keys: ObjectKeys  # object tokens of the main part, computed once per object

    # read on first use: only the base package's are needed, and a styles part can be large
    @cached_property
    def style_ids(self) -> set[str]:
        return _ids(self.zip, posixpath.join(posixpath.dirname(self.main), "styles.xml"), "style", "styleId")

    @cached_property
    def num_ids(self) -> set[str]:
        return _ids(self.zip, posixpath.join(posixpath.dirname(self.main), "numbering.xml"), "num", "numId")


def _ids(package: SafeZip, part: str, tag: str, attr: str) -> set[str]:
    if part not in package:
        return set()
    return {node.get(W + attr, "") for node in package.read_xml(part).iter(W + tag)}


def open_package(draft: Draft) -> Package | None:
    """The draft's source .docx, if it was read from one that is still there."""
    if draft.format != "docx" or not draft.source or draft.source == "-" or not Path(draft.source).is_file():
        return None
    package = SafeZip(read_input_bytes(draft.source), draft.source)
    main = office_document_part(package) or "word/document.xml"
    if main not in package:
        raise InputError("has no main document part", draft.source)
    root = package.read_xml(main)
    body = root.find(W + "body")
    paragraphs = list(body.iter(W + "p")) if body is not None else []
    return Package(draft.source, package, main, root, paragraphs, read_note_parts(package, main),
                   ObjectKeys(package, main))


Packages = tuple["Package | None", "Package | None"]  # the old and the new draft's


def open_packages(old: Draft, new: Draft) -> Packages:
    """Both drafts' source packages (None for a draft not read from a .docx). Nothing that uses them
    changes them: the writers copy every element they take."""
    return open_package(old), open_package(new)


class Layout(NamedTuple):
    """How one provision is laid out in the redline: its paragraph properties, and whether its label
    is typed into the text (manual numbering, or no Word numbering to print it)."""

    ppr: etree._Element
    typed_label: bool
    source: etree._Element | None = None  # the source paragraph, whose note references are marked
    notes: dict[str, dict[str, etree._Element]] | None = None
    keys: ObjectKeys | None = None  # object tokens of the source part, as the reader made them

    def display(self, provision: Provision) -> str:
        if self.typed_label and provision.label:
            return f"{provision.label} {provision.text}" if provision.text else provision.label
        return provision.text

    def marked(self, provision: Provision) -> tuple[str, tuple[NoteSource, ...]]:
        """The displayed text with a mark at each note reference, and those notes (wordnotes.py)."""
        if self.source is None or not self.notes:
            return self.display(provision), ()
        return marked_display(self.source, self.display(provision), self.notes, self.keys)


def _paragraph_text(p: etree._Element) -> str:
    return " ".join("".join(t.text or "" for t in p.iter(W + "t")).split())


def _starts_with(p: etree._Element, label: str) -> bool:
    """``_paragraph_text(p).startswith(label)``, reading only the text nodes it needs: the collapsed
    text of a head of the paragraph is always a head of its collapsed text."""
    raw = ""
    for node in p.iter(W + "t"):
        raw += node.text or ""
        head = " ".join(raw.split())
        if len(head) >= len(label):
            return head.startswith(label)
    return " ".join(raw.split()).startswith(label)


def _source_paragraph(provision: Provision, package: Package | None) -> etree._Element | None:
    if package is None or not provision.ref or not provision.ref.startswith("p:"):
        return None
    try:
        index = int(provision.ref[2:])
    except ValueError:
        return None
    return package.paragraphs[index] if 0 <= index < len(package.paragraphs) else None


def _fit_to_base(ppr: etree._Element, base: Package | None) -> bool:
    """Drop a style or list the base package does not define; True if Word numbering survives."""
    style = ppr.find(W + "pStyle")
    if style is not None and (base is None or style.get(W + "val") not in base.style_ids):
        ppr.remove(style)
    numpr = ppr.find(W + "numPr")
    if numpr is not None:
        num_id = numpr.find(W + "numId")
        if base is None or num_id is None or num_id.get(W + "val") not in base.num_ids:
            ppr.remove(numpr)
            return False
        return True
    return False


def _default_ppr(provision: Provision, base: Package | None) -> etree._Element:
    """Paragraph properties for a provision with no source paragraph: headings get a heading style."""
    ppr = element("pPr")
    if provision.kind is Kind.HEADING:
        wanted = "Heading1" if provision.level == 0 else "Heading2"
        if base is None or wanted in base.style_ids:
            sub(ppr, "pStyle", {"val": wanted})
    return ppr


def layout_of(provision: Provision, source: Package | None, base: Package | None) -> Layout:
    """The layout of a provision read from ``source``, written into a document based on ``base``."""
    found = _source_paragraph(provision, source)
    if found is None:
        return Layout(_default_ppr(provision, base), True)
    ppr = clean_ppr(found.find(W + "pPr"))
    typed = bool(provision.label) and _starts_with(found, provision.label)
    if source is not base:
        numbered = _fit_to_base(ppr, base)
        had_numbering = found.find(f"{W}pPr/{W}numPr") is not None
        if had_numbering and not numbered:
            typed = True  # the base cannot print this label: type it
    if source is None:
        return Layout(ppr, typed, found)
    return Layout(ppr, typed, found, source.notes, source.keys)


# --- the stream of pieces and marks -----------------------------------------------------------------

class Fragment(NamedTuple):
    """A stretch of text written with one source's formatting (compactdraft/word/formatting.py).

    source: where the side the text is taken from had it (None: no source, written plain)
    side:   "old" or "new", the draft whose package ``source`` belongs to
    start:  where the stretch begins in that side's text (to tell whether it holds a whole field)
    prior:  for unchanged text, the other side's source when its run properties differ: the
            formatting change is tracked (``w:rPrChange``)
    """

    text: str
    source: Source | None
    side: str
    start: int
    prior: Source | None = None


class Piece(NamedTuple):
    """Text of one revision kind, a paragraph mark (text None), or a marker element to place."""

    kind: str
    text: str | None
    marker: etree._Element | None = None
    fragment: Fragment | None = None


def _pieces(kind: str, fragments: Iterable[Fragment]) -> Iterator[Piece]:
    """Fragments with "\\n" paragraph breaks -> text pieces and mark pieces of one kind."""
    for fragment in fragments:
        if "\n" not in fragment.text:
            if fragment.text:
                yield Piece(kind, fragment.text, None, fragment)
            continue
        start = fragment.start
        for position, chunk in enumerate(fragment.text.split("\n")):
            if position:
                yield Piece(kind, None)
                start += 1
            if chunk:
                yield Piece(kind, chunk, None, fragment._replace(text=chunk, start=start))
            start += len(chunk)


def _fragments(text: str, track: Track, side: str, start: int) -> list[Fragment]:
    """``text``, which stands at ``start`` of one side's text, cut where its sources change."""
    return [Fragment(text[a - start:b - start], source, side, a)
            for a, b, source in track.cut(start, start + len(text))]


def _equal_fragments(text: str, base: tuple[Track, str, int], other: tuple[Track, int]) -> list[Fragment]:
    """Unchanged text cut where the base side's or the other side's sources change; each stretch
    carries the other side's source as ``prior`` (a formatting change is decided when written)."""
    base_track, side, base_start = base
    other_track, other_start = other
    end = len(text)
    mine = [(a - base_start, b - base_start, s) for a, b, s in base_track.cut(base_start, base_start + end)]
    theirs = [(a - other_start, b - other_start, s) for a, b, s in other_track.cut(other_start, other_start + end)]
    result: list[Fragment] = []
    i = j = 0
    position = 0
    while position < end and i < len(mine) and j < len(theirs):
        stop = min(mine[i][1], theirs[j][1])
        result.append(Fragment(text[position:stop], mine[i][2], side, base_start + position, theirs[j][2]))
        position = stop
        if mine[i][1] == stop:
            i += 1
        if theirs[j][1] == stop:
            j += 1
    return result


def _reusable_ops(part: Part, old_text: str, new_text: str, has_notes: bool) -> Sequence[Any] | None:
    """The change list's diff of this part, when the text written is the provisions' own text, or that
    text after a typed label: then the label's diff goes in front (no second diff of the whole text).
    None when the text written differs otherwise (note marks, several provisions with typed labels)."""
    if part.ops is None or has_notes:
        return None
    old_plain = "\n".join(p.text for p in part.old)
    new_plain = "\n".join(p.text for p in part.new)
    if old_text == old_plain and new_text == new_plain:
        return part.ops
    if len(part.old) == len(part.new) == 1 and old_text.endswith(old_plain) and new_text.endswith(new_plain):
        head_old, head_new = old_text[:len(old_text) - len(old_plain)], new_text[:len(new_text) - len(new_plain)]
        return diff_words(head_old, head_new) + tuple(part.ops)
    return None


def _groups(fragments: Sequence[Fragment]) -> Iterator[list[Fragment]]:
    """Consecutive fragments that stood in the same hyperlink, simple field and complex field."""
    group: list[Fragment] = []
    key: tuple[int, int] | None = None
    for fragment in fragments:
        source = fragment.source
        mine = (id(source.wrapper), id(source.field)) if source is not None else (0, 0)
        if group and mine != key:
            yield group
            group = []
        group.append(fragment)
        key = mine
    if group:
        yield group


def _holds_field(group: Sequence[Fragment], found: Field) -> bool:
    """The group is the whole result of the field, from one side, nothing else: the field can be
    written as a field again (a part of a result is written as text)."""
    last = group[-1]
    return (group[0].start == found.start and last.start + len(last.text) == found.stop
            and all(f.side == group[0].side for f in group))


def _raw_run(raw: tuple[etree._Element | str, ...], deleted: bool) -> etree._Element:
    """A run with what the source had for one displayed space: its spaces, tabs, breaks."""
    node = element("r")
    for item in raw:
        if isinstance(item, str):
            text = node[-1] if len(node) and node[-1].tag in (W + "t", W + "delText") else None
            if text is None:
                text = sub(node, "delText" if deleted else "t")
                text.set(XML_SPACE, "preserve")
            text.text = (text.text or "") + item
        else:
            etree.SubElement(node, item.tag, dict(item.attrib))
    return node


def _rpr_key(rpr: etree._Element | None) -> bytes:
    return etree.tostring(rpr) if rpr is not None else b""


class _Built(NamedTuple):
    content: list[Piece]
    trailing: str  # the kind of the mark that ends the part's last paragraph
    side: str  # "both", "old" or "new"


class _Writer:
    """Turns parts into body paragraphs with one Revisions (ids, author, date)."""

    def __init__(self, parts: Sequence[Part], packages: Packages, base: str, notes: Revisions) -> None:
        self.parts = parts
        self.base_name = base
        self.notes = notes
        self.old_pkg, self.new_pkg = packages
        self.base_pkg = self.new_pkg if base == "new" else self.old_pkg
        self.layouts: dict[tuple[str, str], Layout] = {}
        self.old_order: list[Layout] = []
        self.new_order: list[Layout] = []
        self.move_names: dict[str, str] = {}
        self.note_refs: list[NoteRef] = []  # in the order their marks appear in the stream
        self.objects: list[tuple[etree._Element | None, Package | None]] = []  # one per OBJECT, in order
        self.imported: list[tuple[etree._Element, Package]] = []  # objects copied from the other package
        # source w:rPr -> (itself, kept alive for the key) and its cleaned copy
        self.rpr_cache: dict[etree._Element, tuple[etree._Element, etree._Element | None]] = {}
        self.notes_writer = NotesWriter(notes, self.base_pkg.notes if self.base_pkg else {})

    def layout(self, provision: Provision, side: str) -> Layout:
        key = (side, provision.id)
        if key not in self.layouts:
            source = self.old_pkg if side == "old" else self.new_pkg
            self.layouts[key] = layout_of(provision, source, self.base_pkg)
        return self.layouts[key]

    def texts(self, provisions: Iterable[Provision], side: str) -> tuple[str, list[NoteSource], Track]:
        """The part's text on one side as written ("\\n"-joined, typed labels and note references
        marked), the notes referred to, and where its source paragraphs had each stretch of it."""
        texts: list[str] = []
        notes: list[NoteSource] = []
        track = Track()
        offset = 0
        for provision in provisions:
            layout = self.layout(provision, side)
            text, found = layout.marked(provision)
            if layout.source is not None:
                track.extend(align(text, layout.source), offset)
            texts.append(text)
            notes.extend(found)
            offset += len(text) + 1
        return "\n".join(texts), notes, track

    def build(self, part: Part) -> _Built:
        old_text, old_notes, old_track = self.texts(part.old, "old")
        new_text, new_notes, new_track = self.texts(part.new, "new")
        pairing = NotePairing.of(old_notes, new_notes)
        self.old_order.extend(self.layout(p, "old") for p in part.old)
        self.new_order.extend(self.layout(p, "new") for p in part.new)
        content: list[Piece] = []
        if part.old and part.new:
            ops = _reusable_ops(part, old_text, new_text, bool(old_notes or new_notes))
            objects = _ObjectQueues(self._objects(part.old, "old"), self._objects(part.new, "new"), self.base_name)
            at_old = at_new = 0
            for op in ops if ops is not None else diff_words(old_text, new_text):
                self.note_refs.extend(pairing.refs(op.op, op.text))
                self.objects.extend(objects.take(op.op, op.text.count(OBJECT)))
                if op.op == "equal":
                    if self.base_name == "new":
                        fragments = _equal_fragments(op.text, (new_track, "new", at_new), (old_track, at_old))
                    else:
                        fragments = _equal_fragments(op.text, (old_track, "old", at_old), (new_track, at_new))
                    at_old += len(op.text)
                    at_new += len(op.text)
                elif op.op == "delete":
                    fragments = _fragments(op.text, old_track, "old", at_old)
                    at_old += len(op.text)
                else:
                    fragments = _fragments(op.text, new_track, "new", at_new)
                    at_new += len(op.text)
                content.extend(_pieces(_OP_KIND[op.op], fragments))
            return _Built(self._annotated(content, part, EQUAL), EQUAL, "both")
        if part.old:
            kind = MOVE_FROM if part.move and part.move[0] == MOVE_FROM else DEL
            self.note_refs.extend(pairing.refs("delete", old_text))
            self.objects.extend(self._objects(part.old, "old"))
            content.extend(_pieces(kind, _fragments(old_text, old_track, "old", 0)))
            return _Built(self._annotated(content, part, kind), kind, "old")
        kind = MOVE_TO if part.move and part.move[0] == MOVE_TO else INS
        self.note_refs.extend(pairing.refs("insert", new_text))
        self.objects.extend(self._objects(part.new, "new"))
        content.extend(_pieces(kind, _fragments(new_text, new_track, "new", 0)))
        return _Built(self._annotated(content, part, kind), kind, "new")

    def _objects(self, provisions: Iterable[Provision],
                 side: str) -> list[tuple[etree._Element | None, Package | None]]:
        """The source objects (pictures, equations) behind the OBJECT characters of the provisions."""
        package = self.old_pkg if side == "old" else self.new_pkg
        found: list[tuple[etree._Element | None, Package | None]] = []
        for provision in provisions:
            wanted = provision.text.count(OBJECT)
            if not wanted:  # most provisions: no need to walk the source paragraph
                continue
            source = self.layout(provision, side).source
            elements = object_elements(source) if source is not None else []
            found.extend((e, package) for e in elements[:wanted])
            found.extend((None, None) for _ in range(wanted - len(elements)))
        return found

    def _annotated(self, content: list[Piece], part: Part, kind: str) -> list[Piece]:
        """Wrap the content of one end of a move in its named range."""
        before: list[Piece] = []
        after: list[Piece] = []
        if part.move and kind in (MOVE_FROM, MOVE_TO):
            name = self.move_names.setdefault(part.move[1], self.notes.move_name())
            start, range_id = self.notes.range_start(kind, name)
            before.append(Piece(kind, "", start))
            after.append(Piece(kind, "", self.notes.range_end(kind, range_id)))
        return before + content + after

    def stream(self) -> list[Piece]:
        """All parts' pieces with paragraph marks placed so that the last one is the document's
        final (unrevisable) mark; see docs/wordml.md "The last paragraph"."""
        built = [self.build(part) for part in self.parts]
        last_both = max((i for i, b in enumerate(built) if b.side == "both"), default=-1)
        pieces: list[Piece] = []
        seen_sides: set[str] = set()
        for index, item in enumerate(built):
            if index < last_both:
                pieces.extend(item.content)
                pieces.append(Piece(item.trailing, None))
            elif index == last_both:
                pieces.extend(item.content)  # its mark becomes the final one
            else:
                # after the last part present on both sides: marks lead instead of trail
                if last_both >= 0 or item.side in seen_sides:
                    pieces.append(Piece(item.trailing, None))
                seen_sides.add(item.side)
                pieces.extend(item.content)
        pieces.append(Piece(FINAL, None))
        return pieces

    def paragraphs(self) -> list[etree._Element]:
        result: list[etree._Element] = []
        children: list[etree._Element] = []
        pending: list[Fragment] = []
        pending_kind = EQUAL
        in_old = in_new = 0

        def flush() -> None:
            nonlocal pending
            if pending:
                children.extend(self.runs(pending, pending_kind))
            pending = []

        for piece in self.stream():
            if piece.marker is not None:
                flush()
                children.append(piece.marker)
            elif piece.text is not None:
                if piece.kind != pending_kind:
                    flush()
                    pending_kind = piece.kind
                assert piece.fragment is not None
                pending.append(piece.fragment)
            else:
                flush()
                kind = EQUAL if piece.kind == FINAL else piece.kind
                ppr = self.mark_layout(kind, in_old, in_new)
                if kind != EQUAL:
                    self.notes.mark_paragraph(ppr, kind)
                result.append(paragraph(ppr, children))
                children = []
                in_old += kind in _KEPT_IN_OLD
                in_new += kind in _KEPT_IN_NEW
        return result

    def runs(self, fragments: Sequence[Fragment], kind: str) -> list[etree._Element]:
        """The paragraph content for fragments of one revision kind: runs with their source's
        properties inside the revision of ``kind``, inside a copy of the hyperlink or simple field
        they stood in, and around the code of a complex field whose whole result they hold."""
        result: list[etree._Element] = []
        for group in _groups(fragments):
            first = group[0].source
            runs: list[etree._Element] = []
            for fragment in group:
                runs.extend(self.fragment_runs(fragment, kind))
            found = first.field if first is not None else None
            if found is not None and _holds_field(group, found):
                runs = self.field_runs(found, group[0].side, kind, runs)
            tracked = self.notes.tracked(kind, runs)
            wrapper = first.wrapper if first is not None else None
            if wrapper is None:
                result.extend(tracked)
                continue
            copied = etree.Element(wrapper.tag, dict(wrapper.attrib), nsmap=NSMAP)
            copied.extend(tracked)
            self.note_import(copied, group[0].side)
            result.append(copied)
        return result

    def fragment_runs(self, fragment: Fragment, kind: str) -> list[etree._Element]:
        """Runs of one fragment; each note mark becomes its reference run (next in note_refs), each
        object token a copy of its object (next in objects)."""
        result: list[etree._Element] = []
        deleted = kind in (DEL, MOVE_FROM)
        source = fragment.source
        # object tokens and note marks stand at the odd positions of the split, plain text between them
        for position, piece in enumerate(_RUN_SPLIT.split(fragment.text)):
            if not position % 2:
                if not piece:
                    continue
                if source is None:
                    result.append(run(piece, deleted=deleted))
                    continue
                node = _raw_run(source.raw, deleted) if source.raw is not None and piece == " " \
                    else run(piece, deleted=deleted)
                properties = self.run_properties(fragment)
                if properties is not None:
                    node.insert(0, properties)
                result.append(node)
            elif piece in MARKS:
                result.append(self.notes_writer.reference(self.note_refs.pop(0), kind))
            else:
                result.append(self.object_run(*self.objects.pop(0), token=piece))
        return result

    def run_properties(self, fragment: Fragment) -> etree._Element | None:
        """A fresh copy of the fragment's run properties as the base allows them, with the other
        side's properties as a tracked formatting change when they differ."""
        assert fragment.source is not None
        properties = self.clean_rpr(fragment.source.rpr, fragment.side)
        prior = fragment.prior
        if prior is not None:
            other = "old" if fragment.side == "new" else "new"
            before = self.clean_rpr(prior.rpr, other)
            if _rpr_key(before) != _rpr_key(properties):
                change = self.notes.revision("rPrChange")
                change.append(copy.deepcopy(before) if before is not None else element("rPr"))
                properties = copy.deepcopy(properties) if properties is not None else element("rPr")
                properties.append(change)
                return properties
        return copy.deepcopy(properties) if properties is not None else None

    def clean_rpr(self, rpr: etree._Element | None, side: str) -> etree._Element | None:
        """The source's w:rPr without revision marks, and without a character style the base lacks
        (None when nothing is left); made once per source element."""
        if rpr is None:
            return None
        cached = self.rpr_cache.get(rpr)
        if cached is None:
            package = self.old_pkg if side == "old" else self.new_pkg
            cleaned = copy.deepcopy(rpr)
            for child in list(cleaned):
                if child.tag in _RPR_REVISIONS:
                    cleaned.remove(child)
                elif child.tag == W + "rStyle" and package is not self.base_pkg and (
                        self.base_pkg is None or child.get(W + "val") not in self.base_pkg.style_ids):
                    cleaned.remove(child)
            cached = self.rpr_cache[rpr] = (rpr, cleaned if len(cleaned) else None)
        return cached[1]

    def field_runs(self, found: Field, side: str, kind: str,
                   result: list[etree._Element]) -> list[etree._Element]:
        """The result runs with copies of the field's code before them and its end after them."""
        deleted = kind in (DEL, MOVE_FROM)
        code = [copy.deepcopy(r) for r in found.code]
        end = [copy.deepcopy(found.end)] if found.end is not None else []
        for node in code + end:
            for child in list(node):
                if child.tag in _RPR_REVISIONS:
                    node.remove(child)
            for rpr in node.findall(W + "rPr"):
                for child in list(rpr):
                    if child.tag in _RPR_REVISIONS:
                        rpr.remove(child)
            for instruction in node.iter(W + "instrText", W + "delInstrText"):
                instruction.tag = W + ("delInstrText" if deleted else "instrText")
            self.note_import(node, side)
        return code + result + end

    def note_import(self, node: etree._Element, side: str) -> None:
        """A copied element that may name relationships of the other package (a hyperlink's target)."""
        package = self.old_pkg if side == "old" else self.new_pkg
        if package is not None and package is not self.base_pkg:
            self.imported.append((node, package))

    def object_run(self, source: etree._Element | None, package: Package | None, token: str = OBJECT) -> etree._Element:
        """A copy of a source object: a picture in a run of its own, an equation as it stood. Its
        relationships are carried into the base package when it comes from the other one."""
        if source is None:
            return run(token)  # the source paragraph lost its object: keep the token as text
        node = copy.deepcopy(source)
        if package is not None and package is not self.base_pkg:
            self.imported.append((node, package))
        if source.tag.startswith(W):
            wrapper = element("r")
            wrapper.append(node)
            return wrapper
        return node

    def mark_layout(self, kind: str, in_old: int, in_new: int) -> etree._Element:
        """Properties of the paragraph a mark ends: the base side's for an unchanged mark."""
        sides = [(self.old_order, in_old), (self.new_order, in_new)]
        if kind in (INS, MOVE_TO) or (kind == EQUAL and self.base_name == "new"):
            sides.reverse()
        for order, index in sides:
            if index < len(order):
                return copy.deepcopy(order[index].ppr)
        return element("pPr")


# --- the package ------------------------------------------------------------------------------------

def _zip(members: dict[str, bytes]) -> bytes:
    """Sorted members, fixed timestamps and permissions: the same members give the same bytes."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, members[name])
    return buffer.getvalue()


_MINIMAL_STYLES = (
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    f"<w:styles xmlns:w=\"{W[1:-1]}\">\n"
    "<w:docDefaults><w:rPrDefault><w:rPr>"
    "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:cs=\"Times New Roman\" w:eastAsia=\"SimSun\"/>"
    "<w:sz w:val=\"24\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"120\"/>"
    "</w:pPr></w:pPrDefault></w:docDefaults>\n"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/>"
    "<w:qFormat/></w:style>\n"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/>"
    "<w:spacing w:before=\"240\"/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"28\"/>"
    "</w:rPr></w:style>\n"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/><w:pPr><w:keepNext/>"
    "<w:spacing w:before=\"200\"/><w:outlineLvl w:val=\"1\"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>\n"
    "</w:styles>"
).encode()

_MINIMAL_SECT = (f'<w:sectPr xmlns:w="{W[1:-1]}"><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" '
                 'w:right="1440" w:bottom="1440" w:left="1440" w:header="708" w:footer="708" w:gutter="0"/>'
                 '</w:sectPr>')


def _minimal_members() -> dict[str, bytes]:
    """A new package for drafts that were not read from a .docx."""
    types = etree.Element(f"{{{CT_NS}}}Types", nsmap={None: CT_NS})
    etree.SubElement(types, f"{{{CT_NS}}}Default", Extension="rels",
                     ContentType="application/vnd.openxmlformats-package.relationships+xml")
    etree.SubElement(types, f"{{{CT_NS}}}Default", Extension="xml", ContentType="application/xml")
    for part, kind in (("/word/document.xml", "document.main"), ("/word/styles.xml", "styles")):
        etree.SubElement(types, f"{{{CT_NS}}}Override", PartName=part,
                         ContentType=f"application/vnd.openxmlformats-officedocument.wordprocessingml.{kind}+xml")
    rels = etree.Element(f"{{{REL_NS}}}Relationships", nsmap={None: REL_NS})
    etree.SubElement(rels, f"{{{REL_NS}}}Relationship", Id="rId1", Type=OFFICE_DOCUMENT, Target="word/document.xml")
    doc_rels = etree.Element(f"{{{REL_NS}}}Relationships", nsmap={None: REL_NS})
    etree.SubElement(doc_rels, f"{{{REL_NS}}}Relationship", Id="rId1", Target="styles.xml",
                     Type=REL_TYPE + "styles")
    root = element("document")
    body = sub(root, "body")
    body.append(etree.fromstring(_MINIMAL_SECT))
    return {"[Content_Types].xml": serialize(types), "_rels/.rels": serialize(rels),
            "word/_rels/document.xml.rels": serialize(doc_rels), "word/styles.xml": _MINIMAL_STYLES,
            "word/document.xml": serialize(root)}


def _base_members(package: Package) -> dict[str, bytes]:
    """The base .docx's members, without its comments (they belonged to the body we replace)."""
    members = {name: package.zip.read(name) for name in sorted(package.zip.names()) if not name.endswith("/")}
    dropped = {name for name in members if _COMMENT_PARTS.search(name) and name.startswith("word/")}
    for name in dropped:
        del members[name]
    if dropped:
        rels_name = _rels_name(package.main)
        if rels_name in members:
            rels = parse_xml(members[rels_name], None, rels_name)
            for rel in list(rels):
                target = posixpath.normpath(posixpath.join(posixpath.dirname(package.main), rel.get("Target", "")))
                if target in dropped:
                    rels.remove(rel)
            members[rels_name] = serialize(rels)
        types = parse_xml(members["[Content_Types].xml"], None, "[Content_Types].xml")
        for override in list(types):
            if override.get("PartName", "").lstrip("/") in dropped:
                types.remove(override)
        members["[Content_Types].xml"] = serialize(types)
    return members


def _rels_name(part: str) -> str:
    return posixpath.join(posixpath.dirname(part), "_rels", posixpath.basename(part) + ".rels")


def _document(template: etree._Element, paragraphs: list[etree._Element]) -> etree._Element:
    """The base's document root (namespaces, final section properties) around our paragraphs."""
    root = copy.deepcopy(template)
    body = root.find(W + "body")
    if body is None:
        body = sub(root, "body")
    final_sect = body.find(W + "sectPr")
    for child in list(body):
        body.remove(child)
    for p in paragraphs:
        body.append(p)
    if final_sect is not None:
        body.append(final_sect)
    return root


def _in_place(writer: _Writer) -> etree._Element | None:
    """The base's own body with each part rewritten in place (compactdraft/word/inplace.py); None
    when a base paragraph cannot be found through its provision's ref."""
    assert writer.base_pkg is not None
    parts = [Part(p.old, p.new, None, p.ops) for p in writer.parts]  # moves: deletion + insertion
    built = [(part, segments(b.content, b.trailing)) for part, b in ((p, writer.build(p)) for p in parts)]
    body = InPlaceBody.of(writer.base_pkg.root, writer.notes, writer.runs)
    other = "old" if writer.base_name == "new" else "new"
    if not write_parts(body, built, writer.base_name,
                       lambda p: _ppr_and_source(writer.layout(cast(Provision, p), other))):
        return None
    return body.root


def _ppr_and_source(layout: Layout) -> tuple[etree._Element, etree._Element | None]:
    return layout.ppr, layout.source


def word_date(value: str | None) -> str:
    """``2026-02-05`` or an ISO timestamp -> ``2026-02-05T00:00:00Z`` (UTC, as w:date wants)."""
    if not value:
        return FALLBACK_DATE
    match = re.fullmatch(r"(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)Z?)?", value.strip())
    if not match:
        raise UsageError(f"--date must be YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ, got {value!r}")
    clock = match.group(2) or "00:00:00"
    return f"{match.group(1)}T{clock if len(clock) == 8 else clock + ':00'}Z"


def write_docx(parts: Sequence[Part], old: Draft, new: Draft, packages: Packages, author: str = "compactdraft",
               date: str | None = None, base: str = "new") -> bytes:
    """The redline of ``parts`` (old -> new) as .docx bytes laid out on the ``base`` draft's package
    (``packages``: both drafts' source packages, :func:`open_packages`)."""
    if base not in ("old", "new"):
        raise UsageError(f"--base must be 'old' or 'new', got {base!r}")
    writer = _Writer(parts, packages, base, Revisions(author or "compactdraft", word_date(date or new.date)))
    package = writer.base_pkg
    document = _in_place(writer) if package is not None and needs_in_place(package.root) else None
    if document is None:  # a list of paragraphs (or an in-place attempt that failed): rebuilt flat
        # the writers copy what they take from the packages, so the fallback may read them again
        writer = _Writer(parts, packages, base, Revisions(author or "compactdraft", word_date(date or new.date)))
    members = _base_members(package) if package else _minimal_members()
    main = package.main if package else "word/document.xml"
    if document is None:
        template = package.root if package else parse_xml(members[main], None, main)
        document = _document(template, writer.paragraphs())
        if package is None:  # from text or AKN there are no source properties: give RTL text its direction
            mark_right_to_left(document)
    if package is not None:  # pictures of the other draft: their parts and relationships come along
        import_relationships(members, main, [(node, p.zip, p.main) for node, p in writer.imported])
    # drawings copied from the other draft bring attributes (wp14, w14) the base root may not declare
    members[main] = serialize(declare_ignorable(document))
    note_parts = writer.notes_writer.parts()
    if note_parts:
        add_note_parts(members, main, note_parts)
    return _zip(members)


# --- from the change list -----------------------------------------------------------------------------

def _move_key(entry: Any) -> tuple[frozenset[str], frozenset[str]] | None:
    """Both ends of one move get the same key (old ids, new ids); None if the entry is no move end."""
    kind = getattr(entry.kind, "value", entry.kind)
    if kind == "moved_from":
        return frozenset(entry.old), frozenset(entry.counterpart)
    if kind == "moved_to":
        return frozenset(entry.counterpart), frozenset(entry.new)
    return None


def title_provision(draft: Draft, package: Package | None = None) -> Provision | None:
    """The draft's title as a paragraph when the reader took it out of the provisions (a .docx whose
    first paragraph is its title): the redline must still show it, at its source paragraph's place.
    ``package``: the draft's source package if already open."""
    if not draft.title or any(p.text == draft.title or p.display == draft.title for p in draft.provisions):
        return None
    ref = None
    if package is None:
        package = open_package(draft)
    if package is not None:
        ref = next((f"p:{i}" for i, p in enumerate(package.paragraphs) if _paragraph_text(p) == draft.title), None)
    return Provision("_title", "", Kind.HEADING, draft.title, ref=ref)


def _title_part(old: Draft, new: Draft, packages: Packages) -> list[Part]:
    old_title, new_title = title_provision(old, packages[0]), title_provision(new, packages[1])
    if old_title is None and new_title is None:
        return []
    return [Part((old_title,) if old_title else (), (new_title,) if new_title else ())]


def parts_from_redline(redline: Any, packages: Packages) -> list[Part]:
    """The change list's entries as parts, after the titles. A move whose two ends pair up (one run
    of provisions on each side) is written as w:moveFrom/w:moveTo; a scattered one as a deletion and
    an insertion. ``packages``: both drafts' source packages (for the titles' places)."""
    old, new = redline.old, redline.new
    keys = [_move_key(entry) for entry in redline.entries]
    from_keys = {k for k, e in zip(keys, redline.entries) if k is not None and e.in_old}
    to_keys = {k for k, e in zip(keys, redline.entries) if k is not None and e.in_new}
    paired = {k: f"{index}" for index, k in enumerate(sorted(from_keys & to_keys, key=sorted_key))}
    parts = _title_part(old, new, packages)
    for entry, key in zip(redline.entries, keys):
        old_side = tuple(old.get(i) for i in entry.old) if entry.in_old else ()
        new_side = tuple(new.get(i) for i in entry.new) if entry.in_new else ()
        move = None
        if key in paired:
            move = (MOVE_FROM if entry.in_old else MOVE_TO, paired[key])
        parts.append(Part(old_side, new_side, move, entry.ops if old_side and new_side else None))
    return parts


def sorted_key(key: tuple[frozenset[str], frozenset[str]]) -> tuple[list[str], list[str]]:
    return sorted(key[0]), sorted(key[1])
