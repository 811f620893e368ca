"""Hand-made drafts and alignments for redline tests (the aligner is tested on its own)."""
from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st

from compactdraft.model import Alignment, Draft, Kind, Link, LinkKind, Provision

WORDS = ["We", "commit", "to", "strengthen", "the", "global", "evidence", "base", "[migrants]", "data",
         "cooperation", "États", "сотрудничество", "التعاون", "合作", ",", "."]


def draft(draft_id: str, items: Sequence[tuple[str, str, str]], date: str | None = None) -> Draft:
    """A flat draft from (id, label, text) triples; ids starting with 'h' are headings."""
    provisions = []
    section = None
    for pid, label, text in items:
        if pid.startswith("h"):
            section = pid
            provisions.append(Provision(pid, label, Kind.HEADING, text, None, 0))
        else:
            provisions.append(Provision(pid, label, Kind.OPERATIVE, text, section, 1 if section else 0))
    return Draft(draft_id, f"Draft {draft_id}", tuple(provisions), date=date)


def link(old: Sequence[str], new: Sequence[str], kind: str, similarity: float = 0.5,
         also: Sequence[str] = ()) -> Link:
    return Link(tuple(old), tuple(new), LinkKind(kind), similarity, tuple(LinkKind(a) for a in also))


def sample_alignment() -> Alignment:
    """A small series touching every event: modified, renumbered, moved, split, merged, inserted, deleted."""
    old = draft("rev1", [
        ("h1", "Objective 1:", "Collect data"),
        ("p1", "1.", "We commit to strengthen the global evidence base."),
        ("p2", "2.", "We will [enhance] cooperation on data."),
        ("p3", "3.", "We will report annually. We will review progress."),
        ("p4", "4.", "Old paragraph to be deleted."),
        ("h2", "Objective 2:", "Save lives"),
        ("p5", "5.", "We will save lives at sea."),
        ("p6", "6.", "States shall cooperate."),
        ("p7", "7.", "States shall share information."),
    ], date="2018-03-01")
    new = draft("rev2", [
        ("h1", "Objective 1:", "Collect data"),
        ("p1", "1.", "We commit to improve the global evidence base and data."),
        ("p2", "2.", "We will report annually."),
        ("p3", "3.", "We will review progress."),
        ("p4", "4.", "A new paragraph [on capacity] is inserted."),
        ("h2", "Objective 2:", "Save lives"),
        ("p6", "6.", "We will save lives at sea."),
        ("p7", "7.", "States shall cooperate and share information."),
        ("p8", "8.", "We will enhance cooperation on data."),
    ], date="2018-04-01")
    links = (
        link(["h1"], ["h1"], "unchanged", 1.0),
        link(["p1"], ["p1"], "modified", 0.8),
        link(["p2"], ["p8"], "moved", 0.9, ["modified", "renumbered"]),
        link(["p3"], ["p2", "p3"], "split", 0.95, ["renumbered"]),
        link(["p4"], [], "deleted", 0.0),
        link([], ["p4"], "inserted", 0.0),
        link(["h2"], ["h2"], "unchanged", 1.0),
        link(["p5"], ["p6"], "renumbered", 1.0),
        link(["p6", "p7"], ["p7"], "merged", 0.8),
    )
    return Alignment(old, new, links)


@st.composite
def alignments(draw: st.DrawFn) -> Alignment:
    """Random drafts and a random (possibly crossing) alignment that covers every provision once."""
    text = st.lists(st.sampled_from(WORDS), min_size=0, max_size=8).map(" ".join)
    kinds = st.sampled_from(["unchanged", "modified", "renumbered", "moved", "split", "merged", "deleted",
                             "inserted"])
    plan = draw(st.lists(kinds, min_size=0, max_size=10))
    old_items: list[tuple[str, str, str]] = []
    new_items: list[tuple[str, str, str]] = []
    links = []
    for number, kind in enumerate(plan):
        olds = {"merged": 2, "inserted": 0}.get(kind, 1)
        news = {"split": 2, "deleted": 0}.get(kind, 1)
        old_ids = [f"o{number}.{k}" for k in range(olds)]
        new_ids = [f"n{number}.{k}" for k in range(news)]
        for pid in old_ids:
            old_items.append((pid, f"{len(old_items) + 1}.", draw(text)))
        for pid in new_ids:
            same = kind == "unchanged" and old_items
            new_items.append((pid, "", old_items[-1][2] if same else draw(text)))
        links.append(link(old_ids, new_ids, kind))
    old_order = draw(st.permutations(old_items))
    new_order = draw(st.permutations(new_items))
    return Alignment(draft("old", old_order), draft("new", new_order), tuple(links))
