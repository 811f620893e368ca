"""Audit a redline someone else made (``compactdraft verify OLD NEW REDLINE.docx``).

A redline is faithful when accepting every change gives NEW and rejecting every change gives OLD. The
redline's two sides are read by the ordinary .docx reader, so labels come from Word's numbering as in
any draft: the accepted side straight from the file, the rejected side from a copy whose revisions are
inverted (:mod:`compactdraft.word.invert`). Each side is then compared with the draft it must equal,
provision by provision (the same alignment and word diff as ``redline``), and every difference is an
unmarked change:

- OLD side (OLD against reject-all): OLD text missing from the redline is a *silent deletion* (removed
  without strikethrough, so that it looks as if it never was there); redline text not in OLD is a
  *silent insertion* (added without underline, so that it looks agreed);
- NEW side (NEW against accept-all): NEW text the redline never reaches is *missing from the redline*;
  text it leads to that NEW lacks is *not in NEW*;
- on either side a changed printed number is a *number change* and a difference touching ``[`` or
  ``]`` is flagged as a *bracket change*, the changes negotiators watch most.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..diff import DELETE, EQUAL, INSERT
from ..model import Draft
from ..parse import parse_bytes, parse_file
from ..safeio import read_input_bytes
from ..word.invert import inverted_package
from .compare import Entry, EntryKind, compare

# (side, op) -> what the difference means for the audit (see the module docstring)
_MEANING = {
    ("old", DELETE): "silent deletion",
    ("old", INSERT): "silent insertion",
    ("new", DELETE): "missing from the redline",
    ("new", INSERT): "not in NEW",
}
CONTEXT_WORDS = 6  # words of unchanged text shown either side of an unmarked change


@dataclass(frozen=True)
class Finding:
    """One unmarked change.

    side:     "old" (found rejecting every change) or "new" (found accepting every change)
    kind:     silent deletion, silent insertion, missing from the redline, not in NEW, number change,
              provision deleted silently, ... (see the module docstring)
    provision: the id in the draft it must equal (OLD for side old, NEW for side new), else the redline's
    label:    the printed label there ("17.", "(a)")
    text:     the words concerned, as written
    context:  the text around them, the change in ⟦ ⟧
    bracket:  the change adds or removes a square bracket
    """

    side: str
    kind: str
    provision: str
    label: str
    text: str
    context: str
    bracket: bool


@dataclass(frozen=True)
class Verification:
    old: Draft
    new: Draft
    redline: str  # the redline's path
    findings: tuple[Finding, ...]
    revisions: int  # tracked changes the redline holds

    @property
    def faithful(self) -> bool:
        return not self.findings


def verify_files(old_path: str, new_path: str, redline_path: str, profile: str | None = None) -> Verification:
    """Read OLD, NEW and the redline's two sides and compare them (see the module docstring)."""
    from ..word.tracked import read_tracked

    old = parse_file(old_path, draft_id="old", profile=profile)
    new = parse_file(new_path, draft_id="new", profile=profile)
    data = read_input_bytes(redline_path)
    accepted = parse_bytes(data, redline_path, draft_id="accepted", profile=profile, fmt="docx")
    rejected = parse_bytes(inverted_package(data, redline_path), redline_path, draft_id="rejected",
                           profile=profile, fmt="docx")
    findings = (*side_findings("old", old, rejected), *side_findings("new", new, accepted))
    return Verification(old, new, redline_path, tuple(findings), read_tracked(data, redline_path).revision_count())


def side_findings(side: str, expected: Draft, seen: Draft) -> list[Finding]:
    """Every difference between the draft a side must equal and what the redline gives on that side."""
    findings: list[Finding] = []
    for entry in compare(expected, seen).entries:
        if entry.changed:
            findings.extend(_entry_findings(side, entry, expected, seen))
    return findings


def _entry_findings(side: str, entry: Entry, expected: Draft, seen: Draft) -> list[Finding]:
    provision, label = _where(entry, expected, seen)
    if entry.kind is EntryKind.DELETED:
        text = entry.old_text
        kind = "provision deleted silently" if side == "old" else "provision missing from the redline"
        return [Finding(side, kind, provision, label, text, f"⟦{text}⟧", _has_bracket(text))]
    if entry.kind is EntryKind.INSERTED:
        text = entry.new_text
        kind = "provision inserted silently" if side == "old" else "provision not in NEW"
        return [Finding(side, kind, provision, label, text, f"⟦{text}⟧", _has_bracket(text))]
    found: list[Finding] = []
    if entry.old_labels != entry.new_labels:
        shown = f"{' '.join(entry.old_labels)} -> {' '.join(entry.new_labels)}"
        found.append(Finding(side, "number change", provision, label, shown, shown, False))
    if entry.kind in (EntryKind.MOVED_FROM, EntryKind.MOVED_TO):
        if entry.kind is EntryKind.MOVED_TO:
            found.append(Finding(side, "moved silently", provision, label, entry.new_text,
                                 f"⟦{entry.new_text}⟧", False))
    for index, op in enumerate(entry.ops):
        if op.op in (DELETE, INSERT):
            found.append(Finding(side, _MEANING[(side, op.op)], provision, label, op.text,
                                 _context(entry, index), _has_bracket(op.text)))
    return found


def _where(entry: Entry, expected: Draft, seen: Draft) -> tuple[str, str]:
    """The provision a finding is filed under: in the draft the side must equal when it has one."""
    if entry.old:
        return entry.old[0], entry.old_labels[0] if entry.old_labels else ""
    return entry.new[0], entry.new_labels[0] if entry.new_labels else ""


def _has_bracket(text: str) -> bool:
    return "[" in text or "]" in text


def _context(entry: Entry, index: int) -> str:
    before = " ".join(o.text for o in entry.ops[:index] if o.op == EQUAL).split()[-CONTEXT_WORDS:]
    after = " ".join(o.text for o in entry.ops[index + 1:] if o.op == EQUAL).split()[:CONTEXT_WORDS]
    return " ".join([*before, f"⟦{entry.ops[index].text.strip()}⟧", *after])
