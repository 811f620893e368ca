"""The change list: entry kinds, merged reading order, and accept/reject invariants."""
from __future__ import annotations

from hypothesis import given, settings
from redline_cases import alignments, sample_alignment

from compactdraft.diff import accept, reject
from compactdraft.model import Alignment, Link, LinkKind
from compactdraft.redline import EntryKind, Redline, redline_from_alignment


def check_invariants(redline: Redline) -> None:
    al = redline.alignment
    for entry in redline.entries:
        assert reject(entry.ops) == "\n".join(al.old.get(i).text for i in entry.old)
        assert accept(entry.ops) == "\n".join(al.new.get(i).text for i in entry.new)
    assert [i for e in redline.entries if e.in_old for i in e.old] == [p.id for p in al.old]
    assert [i for e in redline.entries if e.in_new for i in e.new] == [p.id for p in al.new]
    assert redline.old_texts() == [p.text for p in al.old]
    assert redline.new_texts() == [p.text for p in al.new]
    ids = [e.id for e in redline.entries]
    assert len(ids) == len(set(ids))


@given(alignments())
@settings(max_examples=200, deadline=None)
def test_accept_gives_new_and_reject_gives_old_in_order(alignment: Alignment) -> None:
    check_invariants(redline_from_alignment(alignment))


@given(alignments())
@settings(max_examples=50, deadline=None)
def test_a_draft_against_itself_has_no_changes(alignment: Alignment) -> None:
    old = alignment.old
    identity = Alignment(old, old, tuple(Link((p.id,), (p.id,), LinkKind.UNCHANGED, 1.0) for p in old))
    redline = redline_from_alignment(identity)
    assert not redline.changed
    assert all(e.kind is EntryKind.UNCHANGED for e in redline.entries)


def test_sample_kinds_and_reading_order() -> None:
    redline = redline_from_alignment(sample_alignment())
    check_invariants(redline)
    assert [(e.id, e.kind.value) for e in redline.entries] == [
        ("h1>h1", "unchanged"),
        ("p1>p1", "modified"),
        ("p2>-", "moved_from"),
        ("p3>p2+p3", "split"),
        ("p4>-", "deleted"),
        ("->p4", "inserted"),
        ("h2>h2", "unchanged"),
        ("p5>p6", "renumbered"),
        ("p6+p7>p7", "merged"),
        ("p2>p8", "moved_to"),
    ]


def test_moved_paragraph_shows_its_real_wording_changes() -> None:
    redline = redline_from_alignment(sample_alignment())
    moved_to = next(e for e in redline.entries if e.kind is EntryKind.MOVED_TO)
    assert [(o.op, o.text) for o in moved_to.ops if o.op != "equal"] == [("delete", "[enhance]"),
                                                                         ("insert", "enhance")]
    assert moved_to.counterpart == ("p2",) and moved_to.events == ("modified", "renumbered", "moved")
    moved_from = next(e for e in redline.entries if e.kind is EntryKind.MOVED_FROM)
    assert moved_from.counterpart == ("p8",) and not moved_from.in_new


def test_split_inserts_a_paragraph_mark_and_merge_removes_one() -> None:
    redline = redline_from_alignment(sample_alignment())
    split = next(e for e in redline.entries if e.kind is EntryKind.SPLIT)
    assert [(o.op, o.text) for o in split.ops if o.op != "equal"] == [("delete", " "), ("insert", "\n")]
    merged = next(e for e in redline.entries if e.kind is EntryKind.MERGED)
    assert ("delete", "\n") in [(o.op, o.text) for o in merged.ops] or any(
        o.op == "delete" and "\n" in o.text for o in merged.ops)


def test_entries_know_their_section() -> None:
    redline = redline_from_alignment(sample_alignment())
    sections = {e.id: e.section for e in redline.entries}
    assert sections["p1>p1"] == "h1" and sections["p5>p6"] == "h2" and sections["p4>-"] == "h1"


def test_crossing_links_that_are_not_moves_are_shown_as_moves() -> None:
    from redline_cases import draft, link

    old = draft("a", [("x", "1.", "first"), ("y", "2.", "second")])
    new = draft("b", [("y", "1.", "second"), ("x", "2.", "first")])
    redline = redline_from_alignment(Alignment(old, new, (link(["x"], ["x"], "unchanged", 1.0),
                                                           link(["y"], ["y"], "unchanged", 1.0))))
    check_invariants(redline)
    assert sorted(e.kind.value for e in redline.entries) == ["moved_from", "moved_to", "renumbered"]
