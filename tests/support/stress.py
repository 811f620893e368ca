"""Seeded stress generator: a real text, edited as negotiators edit, with the truth recorded.

It takes the GCM objectives (``../shared/corpus/un/gcm_final_objectives.txt``), applies controlled
rates of rewording, insertions, deletions, renumbering (whole objectives inserted or deleted, so
every later objective, paragraph and action is renumbered), moves (an action to another objective),
splits (an action into two) and merges (two adjacent actions into one), renders both versions as
text in the GCM's own layout and parses them with the real parser. The truth is the list of links
the edits imply, in the :class:`~compactdraft.model.Link` vocabulary; :func:`score` compares an
alignment with it.

Inserted text is real too: paragraphs of the New York Declaration (``nyd_a_res_71_1_partial.txt``).

Run ``python tests/support/stress.py`` for the accuracy table in docs/alignment.md (``--help`` for options);
``--write DIR`` also writes one generated pair as text files for ``compactdraft align``.
"""
from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from compactdraft.model import Draft, Kind, Link, LinkKind  # noqa: E402
from compactdraft.parse import parse_bytes, parse_file  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "un"
CHAPEAU = "To realize this commitment, we will draw from the following actions:"


@dataclass(frozen=True)
class Rates:
    """Edit rates: reword/delete/insert/move/split/merge are shares of the provisions (actions for
    the structural edits); objectives_inserted/deleted renumber everything after them."""

    reword: float = 0.20
    words: tuple[float, float] = (0.05, 0.25)  # share of a reworded provision's words changed
    delete: float = 0.03
    insert: float = 0.03
    move: float = 0.04
    split: float = 0.04
    merge: float = 0.04
    objectives_inserted: int = 1
    objectives_deleted: int = 1


@dataclass
class Item:
    """One paragraph of the generated draft and where it came from."""

    kind: str  # heading | commitment | chapeau | text | action
    text: str
    origin: tuple[str, ...] = ()  # old provision ids it comes from; () for inserted text
    op: str = "keep"  # keep | move | split | merge | insert


@dataclass
class Objective:
    heading: Item
    commitment: Item | None
    body: list[Item] = field(default_factory=list)


@dataclass(frozen=True)
class Case:
    """A generated pair and its truth."""

    old: Draft
    new: Draft
    truth: tuple[Link, ...]
    seed: int


# --- reading the real text into objectives --------------------------------------------------------

def objectives_of(draft: Draft) -> list[Objective]:
    result: list[Objective] = []
    for p in draft.provisions:
        if p.kind is Kind.HEADING:
            result.append(Objective(Item("heading", p.text, (p.id,)), None))
        elif not result:
            continue  # text before the first objective is not part of the GCM objectives
        elif p.kind is Kind.COMMITMENT and result[-1].commitment is None:
            result[-1].commitment = Item("commitment", p.text, (p.id,))
        elif p.kind is Kind.ACTION:
            result[-1].body.append(Item("action", p.text, (p.id,)))
        else:
            kind = "chapeau" if p.text == CHAPEAU else "text"
            result[-1].body.append(Item(kind, p.text, (p.id,)))
    return result


def insertion_texts(corpus: Path) -> list[str]:
    """Numbered paragraphs of the New York Declaration, cut into sentences (real, unrelated text)."""
    texts = []
    for line in (corpus / "nyd_a_res_71_1_partial.txt").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\d{1,3}\.\s+(.*)$", line)
        if not match:
            continue
        for sentence in re.split(r"(?<=[.;])\s+(?=[A-Z])", match.group(1)):
            if len(sentence.split()) >= 8 and "[" not in sentence:
                texts.append(sentence.strip())
    return texts


# --- rendering --------------------------------------------------------------------------------------

def letters(n: int) -> str:
    """1 -> a, 26 -> z, 27 -> aa (UN style)."""
    return chr(96 + n) if n <= 26 else chr(96 + (n - 1) // 26) + chr(97 + (n - 1) % 26)


def render(objectives: Sequence[Objective], first_paragraph: int = 17) -> tuple[str, list[Item]]:
    """The draft as text in the GCM layout, and its items in the order the parser will see them."""
    lines: list[str] = []
    items: list[Item] = []
    for number, objective in enumerate(objectives, 1):
        lines.append(f"OBJECTIVE {number}: {objective.heading.text}")
        items.append(objective.heading)
        if objective.commitment is not None:
            lines.append(f"{first_paragraph + number - 1}. {objective.commitment.text}")
            items.append(objective.commitment)
        action = 0
        for item in objective.body:
            if item.kind == "action":
                action += 1
                lines.append(f"({letters(action)}) {item.text}")
            else:
                lines.append(item.text)
            items.append(item)
        lines.append("")
    return "\n".join(lines) + "\n", items


def parse_rendered(text: str, draft_id: str, items: Sequence[Item]) -> Draft:
    draft = parse_bytes(text.encode("utf-8"), f"{draft_id}.txt", draft_id=draft_id, profile="un-compact")
    if len(draft) != len(items):
        raise AssertionError(f"generator: parser saw {len(draft)} provisions for {len(items)} paragraphs")
    return draft


# --- edits ------------------------------------------------------------------------------------------

def reword(text: str, rng: random.Random, share: float, vocabulary: Sequence[str]) -> str:
    """Replace, delete and insert about ``share`` of the words (at least one change)."""
    tokens = text.split()
    changes = max(1, round(len(tokens) * share))
    for _ in range(changes):
        roll = rng.random()
        position = rng.randrange(len(tokens))
        if roll < 0.6 or len(tokens) < 4:
            tokens[position] = rng.choice(vocabulary)
        elif roll < 0.8:
            del tokens[position]
        else:
            tokens.insert(position, rng.choice(vocabulary))
    changed = " ".join(tokens)
    return changed if changed != text else text + " " + rng.choice(vocabulary)


def split_text(text: str, rng: random.Random) -> tuple[str, str] | None:
    """Cut an action at a clause boundary near its middle: two actions a drafter could have written."""
    tokens = text.split()
    if len(tokens) < 12:
        return None
    low, high = len(tokens) // 4, 3 * len(tokens) // 4
    cuts = [k for k in range(low, high) if tokens[k - 1].endswith((",", ";"))] or [len(tokens) // 2]
    k = rng.choice(cuts)
    first = " ".join(tokens[:k]).rstrip(",;") + "."
    rest = " ".join(tokens[k:])
    return first, rest[0].upper() + rest[1:]


def merge_text(first: str, second: str) -> str:
    return f"{first.rstrip(' .;,')}, and {second[0].lower()}{second[1:]}"


class Editor:
    def __init__(self, objectives: list[Objective], rates: Rates, rng: random.Random,
                 inserts: list[str], vocabulary: list[str]) -> None:
        self.objectives = objectives
        self.rates = rates
        self.rng = rng
        self.inserts = inserts
        self.vocabulary = vocabulary

    def count(self, rate: float, population: int) -> int:
        expected = rate * population
        whole = int(expected)
        return whole + (1 if self.rng.random() < expected - whole else 0)

    def actions(self) -> list[tuple[Objective, Item]]:
        return [(o, item) for o in self.objectives for item in o.body
                if item.kind == "action" and item.op == "keep"]

    def insert_text(self) -> str:
        if not self.inserts:
            raise AssertionError("generator: no insertion text left")
        return self.inserts.pop(self.rng.randrange(len(self.inserts)))

    def renumber(self) -> None:
        for _ in range(self.rates.objectives_deleted):
            if len(self.objectives) > 3:
                del self.objectives[self.rng.randrange(len(self.objectives))]
        for _ in range(self.rates.objectives_inserted):
            heading = " ".join(self.insert_text().split()[:12]).rstrip(",;.")
            body = [Item("chapeau", CHAPEAU, op="insert")]
            body += [Item("action", self.insert_text(), op="insert") for _ in range(self.rng.randint(2, 4))]
            objective = Objective(Item("heading", heading, op="insert"),
                                  Item("commitment", "We commit to " + self.insert_text(), op="insert"), body)
            self.objectives.insert(self.rng.randrange(len(self.objectives) + 1), objective)

    def delete(self, total: int) -> None:
        for objective, item in self.rng.sample(self.actions(), self.count(self.rates.delete, total)):
            objective.body.remove(item)

    def insert(self, total: int) -> None:
        for _ in range(self.count(self.rates.insert, total)):
            objective = self.rng.choice(self.objectives)
            place = self.rng.randint(1 if objective.body else 0, len(objective.body))
            objective.body.insert(place, Item("action", self.insert_text(), op="insert"))

    def move(self, total: int) -> None:
        for objective, item in self.rng.sample(self.actions(), self.count(self.rates.move, total)):
            if item not in objective.body:
                continue
            target = self.rng.choice([o for o in self.objectives if o is not objective])
            objective.body.remove(item)
            item.op = "move"
            target.body.insert(self.rng.randint(1 if target.body else 0, len(target.body)), item)

    def split(self, total: int) -> None:
        for objective, item in self.rng.sample(self.actions(), self.count(self.rates.split, total)):
            pieces = split_text(item.text, self.rng)
            if pieces is None or item.op != "keep":
                continue
            place = objective.body.index(item)
            objective.body[place:place + 1] = [Item("action", piece, item.origin, "split") for piece in pieces]

    def merge(self, total: int) -> None:
        for _ in range(self.count(self.rates.merge, total)):
            pairs = [(o, k) for o in self.objectives for k in range(len(o.body) - 1)
                     if o.body[k].kind == o.body[k + 1].kind == "action"
                     and o.body[k].op == o.body[k + 1].op == "keep"]
            if not pairs:
                return
            objective, k = self.rng.choice(pairs)
            first, second = objective.body[k], objective.body[k + 1]
            objective.body[k:k + 2] = [Item("action", merge_text(first.text, second.text),
                                            first.origin + second.origin, "merge")]

    def reword_some(self) -> None:
        items = [item for o in self.objectives for item in [o.heading, o.commitment, *o.body]
                 if item is not None and item.origin and item.kind != "chapeau"]
        for item in self.rng.sample(items, round(self.rates.reword * len(items))):
            item.text = reword(item.text, self.rng, self.rng.uniform(*self.rates.words), self.vocabulary)

    def run(self, total: int) -> None:
        # insertions before splits and merges, so no inserted text falls between the pieces of one
        self.renumber()
        self.delete(total)
        self.insert(total)
        self.move(total)
        self.split(total)
        self.merge(total)
        self.reword_some()


# --- truth ------------------------------------------------------------------------------------------

def truth_links(old: Draft, new: Draft, items: Sequence[Item]) -> tuple[Link, ...]:
    """The links the edits imply, classified by the rules of docs/alignment.md."""
    links: list[Link] = []
    by_origin: dict[tuple[str, ...], list[int]] = {}
    for position, item in enumerate(items):
        if item.origin:
            by_origin.setdefault(item.origin, []).append(position)
    used: set[str] = set()
    for origin, positions in by_origin.items():
        new_ids = tuple(new.provisions[k].id for k in positions)
        used.update(origin)
        op = items[positions[0]].op
        if op == "split":
            links.append(Link(origin, new_ids, LinkKind.SPLIT))
        elif op == "merge":
            links.append(Link(origin, new_ids, LinkKind.MERGED))
        else:
            before, after = old.get(origin[0]), new.provisions[positions[0]]
            if op == "move":
                kind, also = LinkKind.MOVED, ((LinkKind.MODIFIED,) if before.text != after.text else ())
            elif before.text != after.text:
                kind, also = LinkKind.MODIFIED, ((LinkKind.RENUMBERED,) if before.id != after.id else ())
            else:
                kind, also = (LinkKind.RENUMBERED if before.id != after.id else LinkKind.UNCHANGED), ()
            links.append(Link(origin, new_ids, kind, also=also))
    links += [Link((), (new.provisions[k].id,), LinkKind.INSERTED) for k, item in enumerate(items) if not item.origin]
    links += [Link((p.id,), (), LinkKind.DELETED) for p in old.provisions if p.id not in used]
    return tuple(links)


# --- the generator ----------------------------------------------------------------------------------

def source_draft(corpus: Path = CORPUS) -> Draft:
    """The GCM objectives rendered in the generator's layout and parsed (the round-zero draft)."""
    source = parse_file(corpus / "gcm_final_objectives.txt", draft_id="gcm", profile="un-compact")
    text, items = render(objectives_of(source))
    return parse_rendered(text, "old", items)


def edit_round(old: Draft, new_id: str, rng: random.Random, rates: Rates, inserts: list[str]) -> Case:
    """One round of edits applied to ``old``: the next draft and the truth links between them."""
    objectives = objectives_of(old)
    vocabulary = sorted({w.strip(",.;:()") for p in old.provisions for w in p.text.split() if len(w) > 3})
    editor = Editor(objectives, rates, rng, inserts, [w for w in vocabulary if w])
    editor.run(sum(1 for p in old.provisions if p.kind is Kind.ACTION))
    new_text, new_items = render(editor.objectives)
    new = parse_rendered(new_text, new_id, new_items)
    return Case(old, new, truth_links(old, new, new_items), -1)


def generate(seed: int, rates: Rates = Rates(), corpus: Path = CORPUS) -> Case:
    """One seeded (old, new, truth) case from the real GCM text."""
    rng = random.Random(seed)
    case = edit_round(source_draft(corpus), "new", rng, rates, insertion_texts(corpus))
    return replace(case, seed=seed)


def generate_series(seed: int, rounds: int, rates: Rates = Rates(), corpus: Path = CORPUS) -> list[Case]:
    """Successive rounds (``old`` -> ``rev1`` -> ``rev2`` ...), each case holding one round's truth."""
    rng = random.Random(seed)
    inserts = insertion_texts(corpus)
    cases: list[Case] = []
    draft = source_draft(corpus).with_id("zero")
    for number in range(1, rounds + 1):
        cases.append(replace(edit_round(draft, f"rev{number}", rng, rates, inserts), seed=seed))
        draft = cases[-1].new
    return cases


def write_case(case: Case, folder: Path) -> tuple[Path, Path]:
    """The pair as text files (what a user would align) plus the truth as JSON."""
    import json

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for draft in (case.old, case.new):
        path = folder / f"{draft.id}.txt"
        path.write_text("\n".join(f"{p.label} {p.text}".strip() for p in draft.provisions) + "\n",
                        encoding="utf-8")
        paths.append(path)
    truth = [{"old": list(link.old), "new": list(link.new), "kind": link.kind.value,
              "also": [k.value for k in link.also]} for link in case.truth]
    (folder / "truth.json").write_text(json.dumps({"seed": case.seed, "links": truth}, indent=1) + "\n",
                                       encoding="utf-8")
    return paths[0], paths[1]


# --- scoring ----------------------------------------------------------------------------------------

KINDS = [k.value for k in LinkKind]


@dataclass
class Score:
    """Per kind: links predicted, links in the truth, correct links (same old ids, new ids and kind)."""

    predicted: Counter = field(default_factory=Counter)
    expected: Counter = field(default_factory=Counter)
    correct: Counter = field(default_factory=Counter)
    pairs_predicted: int = 0  # lineage links ignoring kind: same old ids and new ids
    pairs_expected: int = 0
    pairs_correct: int = 0

    def add(self, other: Score) -> Score:
        for name in ("predicted", "expected", "correct"):
            getattr(self, name).update(getattr(other, name))
        self.pairs_predicted += other.pairs_predicted
        self.pairs_expected += other.pairs_expected
        self.pairs_correct += other.pairs_correct
        return self

    def precision(self, kind: str | None = None) -> float:
        if kind is None:
            return self.pairs_correct / self.pairs_predicted if self.pairs_predicted else 1.0
        return self.correct[kind] / self.predicted[kind] if self.predicted[kind] else 1.0

    def recall(self, kind: str | None = None) -> float:
        if kind is None:
            return self.pairs_correct / self.pairs_expected if self.pairs_expected else 1.0
        return self.correct[kind] / self.expected[kind] if self.expected[kind] else 1.0


def _key(link: Link) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return tuple(sorted(link.old)), tuple(sorted(link.new))


def score(predicted: Iterable[Link], truth: Iterable[Link]) -> Score:
    """Compare links: a link is correct when its old ids, new ids and primary kind all match."""
    result = Score()
    expected = {_key(link): link.kind.value for link in truth}
    got = {_key(link): link.kind.value for link in predicted}
    result.expected.update(expected.values())
    result.predicted.update(got.values())
    for key, kind in got.items():
        if expected.get(key) == kind:
            result.correct[kind] += 1
    lineage_expected = {k for k, kind in expected.items() if kind not in ("inserted", "deleted")}
    lineage_got = {k for k, kind in got.items() if kind not in ("inserted", "deleted")}
    result.pairs_expected = len(lineage_expected)
    result.pairs_predicted = len(lineage_got)
    result.pairs_correct = len(lineage_expected & lineage_got)
    return result


def table(total: Score) -> str:
    lines = ["| edit kind | truth links | predicted | correct | precision | recall |",
             "|---|---:|---:|---:|---:|---:|"]
    for kind in KINDS:
        lines.append(f"| {kind} | {total.expected[kind]} | {total.predicted[kind]} | {total.correct[kind]} | "
                     f"{total.precision(kind):.3f} | {total.recall(kind):.3f} |")
    lines.append(f"| lineage links (ids only) | {total.pairs_expected} | {total.pairs_predicted} | "
                 f"{total.pairs_correct} | {total.precision():.3f} | {total.recall():.3f} |")
    return "\n".join(lines)


def evaluate(seeds: Iterable[int], rates: Rates = Rates()) -> Score:
    from compactdraft.align import align

    total = Score()
    for seed in seeds:
        case = generate(seed, rates)
        total.add(score(align(case.old, case.new).links, case.truth))
    return total


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=20, help="number of seeded cases (seeds 0..N-1)")
    parser.add_argument("--reword", type=float, default=Rates.reword, help="share of provisions reworded")
    parser.add_argument("--write", type=Path, default=None, help="write case --seed's pair and truth here")
    parser.add_argument("--seed", type=int, default=0, help="the case --write writes")
    args = parser.parse_args(argv)
    if args.write:
        old, new = write_case(generate(args.seed, Rates(reword=args.reword)), args.write)
        print(f"wrote {old}, {new} and {args.write / 'truth.json'}")
        return
    rates = replace(Rates(), reword=args.reword)
    print(f"{args.seeds} seeded GCM cases, rates {rates}")
    print(table(evaluate(range(args.seeds), rates)))


if __name__ == "__main__":
    main()
