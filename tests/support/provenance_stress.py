"""Seeded provenance stress generator: draft provisions built from real source text, with the truth.

Sources are the real excerpts of the New York Declaration (A/RES/71/1) and of its draft (A/RES/70/302),
read in place from ``../shared/corpus/un``; unrelated but topically close text is the GCM objectives
(same subject, same vocabulary, no copying from these excerpts). Each generated provision is one of:

- ``quote``: a long passage (12-30 words) of one source sentence inside a drafter's frame;
- ``partial``: a shorter distinctive passage (8-11 words) inside a GCM action fragment;
- ``paraphrase``: a source sentence reworded as drafters do: synonym swaps, clause reordering, word-form
  changes ("strengthen" -> "strengthening"), inserted qualifiers ("as appropriate") and a new subject;
- ``cite``: unrelated GCM text that names its source ("paragraph 43 of the New York Declaration");
- ``unrelated``: a GCM action or commitment, unchanged (true sources: none).

The truth of each provision is the set of source provisions it was made from. :func:`evaluate` scores a
graph built at a low threshold over thresholds and relative cut-offs, per kind and overall.

Run ``python tests/support/provenance_stress.py`` for the tables in docs/provenance.md (``--help`` for options).
"""
from __future__ import annotations

import argparse
import json
import random
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

import networkx as nx  # noqa: E402

from compactdraft.model import Draft, Kind, Provision  # noqa: E402
from compactdraft.parse import parse_file  # noqa: E402

CORPUS = ROOT.parent / "shared" / "corpus" / "un"
SOURCE_FILES = {"nyd": "nyd_a_res_71_1_partial.txt", "nydd": "nyd_draft_a_res_70_302_partial.txt"}
LABELS = {"nyd": "New York Declaration for Refugees and Migrants", "nydd": "Draft Outcome Document"}
KINDS = ("quote", "partial", "paraphrase", "cite", "unrelated")
MIX = {"quote": 10, "partial": 10, "paraphrase": 16, "cite": 6, "unrelated": 30}
# GCM provisions read as drawing on these excerpts: not "unrelated" (the hand-labelled real links, clear or
# related, of tests/support/provenance_real_labels.json)
_LABELS_FILE = Path(__file__).resolve().parent / "provenance_real_labels.json"
_REAL_LINKS = json.loads(_LABELS_FILE.read_text(encoding="utf-8"))["links"]
GCM_LINKED = frozenset(x["target"].split(":", 1)[1] for x in _REAL_LINKS)
# the parts (actions) of a commitment that takes up a compact element repeat the element's words: by the
# labelling rules they are related to it, so they are not "unrelated" either
GCM_ELABORATED = frozenset(x["target"].split(":", 1)[1] for x in _REAL_LINKS if x.get("how") == "elaborates")

# General drafting synonyms (both directions), as negotiators swap them between drafts.
SYNONYMS = [("strengthen", "reinforce"), ("ensure", "guarantee"), ("cooperation", "collaboration"),
            ("address", "tackle"), ("promote", "foster"), ("support", "assist"), ("important", "significant"),
            ("countries", "States"), ("people", "persons"), ("develop", "elaborate"), ("consider", "examine"),
            ("commit", "pledge"), ("enhance", "improve"), ("establish", "set up"), ("full", "complete"),
            ("protection", "safeguarding"), ("respect", "observance"), ("contribution", "input"),
            ("large", "massive"), ("increase", "expand"), ("factors", "elements"), ("create", "generate"),
            ("opportunities", "prospects"), ("particularly", "especially"), ("needs", "requirements"),
            ("global", "worldwide"), ("recognize", "acknowledge"), ("assist", "help"), ("work", "efforts"),
            ("policies", "measures"), ("response", "reaction"), ("situations", "circumstances"),
            ("process", "procedure"), ("determined", "resolved"), ("analyse", "examine"), ("live", "reside"),
            ("basic", "essential"), ("combating", "countering"), ("harnessing", "leveraging"),
            ("movements", "flows"), ("approach", "strategy"), ("obligations", "duties"), ("reaffirm", "restate")]
QUALIFIERS = ["as appropriate", "in accordance with national legislation", "where relevant",
              "in line with international law", "with the support of relevant stakeholders", "at all levels"]
SUBJECTS = ["Member States will", "States shall", "We resolve to", "Governments should", "We pledge to"]
FRAMES = ["We commit to the following: {}", "Recalling that {}", "{}, as agreed by Member States",
          "Member States reaffirm that {}", "{}"]

_SENTENCE = re.compile(r"(?<=[.;])\s+(?=[A-Z])")
_WORDS = re.compile(r"\S+")


@dataclass(frozen=True)
class Generated:
    provision: Provision
    kind: str
    sources: frozenset[str]  # node ids (``nyd:para.43``)


@dataclass(frozen=True)
class Case:
    draft: Draft
    sources: tuple[Draft, ...]
    items: tuple[Generated, ...]
    seed: int

    def truth(self) -> dict[str, set[str]]:
        return {f"{self.draft.id}:{g.provision.id}": set(g.sources) for g in self.items}

    def kinds(self) -> dict[str, str]:
        return {f"{self.draft.id}:{g.provision.id}": g.kind for g in self.items}


# --- reading the real texts -------------------------------------------------------------------------

@lru_cache(maxsize=4)
def sources(corpus: Path = CORPUS) -> tuple[Draft, ...]:
    return tuple(parse_file(corpus / name, draft_id=doc_id) for doc_id, name in SOURCE_FILES.items())


@lru_cache(maxsize=4)
def gcm(corpus: Path = CORPUS) -> Draft:
    return parse_file(corpus / "gcm_final_objectives.txt", draft_id="gcm")


def _usable(provision: Provision) -> bool:
    return provision.kind is not Kind.HEADING and "[" not in provision.text and len(provision.text.split()) >= 6


def source_sentences(documents: Sequence[Draft]) -> list[tuple[str, str]]:
    """(node id, sentence) for every sentence of 8+ words of the source provisions (editorial marks skipped)."""
    found = []
    for document in documents:
        for provision in document.provisions:
            if not _usable(provision):
                continue
            for sentence in _SENTENCE.split(provision.text):
                if len(sentence.split()) >= 8:
                    found.append((f"{document.id}:{provision.id}", sentence.strip()))
    return found


def unrelated_texts(draft: Draft) -> list[str]:
    return [p.text for p in draft.provisions if p.kind in (Kind.ACTION, Kind.COMMITMENT) and p.id not in GCM_LINKED
            and p.parent not in GCM_ELABORATED and len(p.text.split()) >= 8]


def citable(documents: Sequence[Draft]) -> list[tuple[str, str]]:
    """(node id, how a drafter cites it) for numbered source paragraphs a citation can name."""
    found = []
    for document in documents:
        for provision in document.provisions:
            match = re.fullmatch(r"para\.(\d+)", provision.id)
            sub = re.fullmatch(r"appendix\.II\.para\.(\d+)(?:\.([a-h]))?", provision.id)
            if document.id == "nyd" and match:
                found.append((f"nyd:{provision.id}", f"paragraph {match.group(1)} of the New York Declaration"))
            elif document.id == "nydd" and sub:
                item = f"{sub.group(1)} ({sub.group(2)})" if sub.group(2) else sub.group(1)
                found.append((f"nydd:{provision.id}", f"appendix II, paragraph {item}, of the Draft Outcome Document"))
    return found


# --- making provisions ------------------------------------------------------------------------------

def _window(words: list[str], rng: random.Random, low: int, high: int) -> list[str]:
    length = min(len(words), rng.randint(low, high))
    start = rng.randrange(len(words) - length + 1)
    return words[start:start + length]


def _clause(text: str, rng: random.Random, most: int = 15) -> str:
    """A fragment of a GCM action: its first clause, at most ``most`` words."""
    first = re.split(r"[,;:]", text)[0].split()
    return " ".join(first[:most]).rstrip(".")


def quote(sentence: str, rng: random.Random) -> str:
    passage = " ".join(_window(_WORDS.findall(sentence), rng, 12, 30)).rstrip(".,;")
    frame = rng.choice(FRAMES)
    return frame.format(passage if frame.startswith("{}") else passage[0].lower() + passage[1:])


def partial(sentence: str, host: str, rng: random.Random) -> str:
    passage = " ".join(_window(_WORDS.findall(sentence), rng, 8, 11)).rstrip(".,;")
    return f"{_clause(host, rng)}, {passage[0].lower()}{passage[1:]}."


def _inflect(word: str) -> str:
    """Another form of the same word, as a redraft changes it ("migrants" -> "migrant", "strengthening" ->
    "strengthened")."""
    if word.endswith("ies") and len(word) > 5:
        return word[:-3] + "y"
    if word.endswith("ing") and len(word) > 7:
        return word[:-3] + "ed"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 5:
        return word[:-1]
    return word


def _swap(word: str, rng: random.Random) -> str:
    bare = word.rstrip(".,;:")
    tail = word[len(bare):]
    for a, b in SYNONYMS:
        for x, y in ((a, b), (b, a)):
            if bare.lower() == x:
                return (y[0].upper() + y[1:] if bare[0].isupper() else y) + tail
    if bare.isalpha() and bare.islower() and rng.random() < 0.3:
        return _inflect(bare) + tail
    return word


_SUBJECT = re.compile(r"^We\s+(?:will\s+|shall\s+|also\s+)?")


def paraphrase(sentence: str, rng: random.Random) -> str:
    """Reword a sentence: new subject, synonyms, word forms, clause order, a qualifier at a clause end."""
    text = sentence.rstrip(".;")
    if _SUBJECT.match(text):
        lead, text = rng.choice(SUBJECTS), _SUBJECT.sub("", text)
    else:
        lead = rng.choice(["Bearing in mind that", "Recognizing that", "Noting that"])
    clauses = [c.strip() for c in text.split(",") if c.strip()]
    if len(clauses) >= 3 and rng.random() < 0.6:  # move a middle clause to the end
        middle = rng.randrange(1, len(clauses) - 1)
        clauses.append(clauses.pop(middle))
    clauses.insert(rng.randint(1, len(clauses)), rng.choice(QUALIFIERS))
    words = [_swap(w, rng) if rng.random() < 0.8 else w for w in ", ".join(clauses).split()]
    body = " ".join(words)
    return f"{lead} {body[0].lower()}{body[1:]}."


def cite(host: str, reference: str, rng: random.Random) -> str:
    form = rng.choice(["{host}, as set out in {ref}.", "Recalling {ref}, {host_lower}.", "{host}, in line with {ref}."])
    clause = _clause(host, rng, 20)
    return form.format(host=clause, host_lower=clause[0].lower() + clause[1:], ref=reference)


def generate(seed: int, corpus: Path = CORPUS, mix: Mapping[str, int] | None = None) -> Case:
    """One generated draft (id ``gen``) against the two real sources, with its truth."""
    rng = random.Random(seed)
    documents = sources(corpus)
    sentences = source_sentences(documents)
    hosts = unrelated_texts(gcm(corpus))
    references = citable(documents)
    plan = [kind for kind, n in (mix or MIX).items() for _ in range(n)]
    rng.shuffle(plan)
    items = []
    for number, kind in enumerate(plan, 1):
        node, sentence = rng.choice(sentences)
        host = rng.choice(hosts)
        if kind == "quote":
            text, truth = quote(sentence, rng), {node}
        elif kind == "partial":
            text, truth = partial(sentence, host, rng), {node}
        elif kind == "paraphrase":
            text, truth = paraphrase(sentence, rng), {node}
        elif kind == "cite":
            node, reference = rng.choice(references)
            text, truth = cite(host, reference, rng), {node}
        else:
            text, truth = host, set()
        provision = Provision(f"para.{number}", f"{number}.", Kind.OPERATIVE, text)
        items.append(Generated(provision, kind, frozenset(truth)))
    draft = Draft("gen", "Generated draft", tuple(g.provision for g in items))
    return Case(draft, documents, tuple(items), seed)


# --- scoring ----------------------------------------------------------------------------------------

def case_graph(case: Case, threshold: float | None = None, relative: float | None = None) -> nx.MultiDiGraph:
    """The graph of a case as ``graph build`` makes it (default settings unless given)."""
    from compactdraft.provenance.graph import Settings, build_graph

    defaults = Settings()
    settings = Settings(threshold=defaults.threshold if threshold is None else threshold,
                        relative=defaults.relative if relative is None else relative)
    return build_graph([case.draft], list(case.sources), settings=settings, labels=LABELS, alignments=[])


@dataclass(frozen=True)
class KindScore:
    kind: str
    correct: int
    predicted: int
    expected: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0


def by_kind(predicted: Mapping[str, set[str]], truth: Mapping[str, set[str]], kinds: Mapping[str, str]
            ) -> dict[str, KindScore]:
    totals: dict[str, list[int]] = {k: [0, 0, 0] for k in sorted(set(kinds.values()))}
    for node, expected in truth.items():
        row = totals[kinds[node]]
        found = predicted.get(node, set())
        row[0] += len(found & expected)
        row[1] += len(found)
        row[2] += len(expected)
    return {k: KindScore(k, *row) for k, row in totals.items()}


def evaluate(cases: Iterable[Case], thresholds: Sequence[float], relative: float) -> dict[float, dict[str, KindScore]]:
    """Per threshold: scores per kind and ``all``, over the cases (one graph per case and threshold: the
    competitive cuts make a graph at one threshold no subset of one at a lower threshold)."""
    from compactdraft.provenance.evaluate import predicted_links

    result: dict[float, dict[str, list[int]]] = {t: {} for t in thresholds}
    for case in cases:
        truth, kinds = case.truth(), case.kinds()
        for t in thresholds:
            graph = case_graph(case, t, relative)
            scores = by_kind(predicted_links(graph, truth, 0.0), truth, kinds)
            scores["all"] = KindScore("all", *(sum(getattr(s, f) for s in scores.values())
                                               for f in ("correct", "predicted", "expected")))
            for kind, s in scores.items():
                row = result[t].setdefault(kind, [0, 0, 0])
                row[0], row[1], row[2] = row[0] + s.correct, row[1] + s.predicted, row[2] + s.expected
    return {t: {k: KindScore(k, *row) for k, row in kinds.items()} for t, kinds in result.items()}


# --- real text, labelled by hand ---------------------------------------------------------------------

REAL_LABELS = _LABELS_FILE


@dataclass(frozen=True)
class RealScore:
    """Precision and recall of the graph's source links against the hand labels of one split."""

    split: str
    correct: int  # predicted links labelled clear
    wrong: int  # predicted links with no label
    neutral: int  # predicted links labelled related (neither right nor wrong)
    expected: int  # clear links of the split
    missed: tuple[tuple[str, str], ...]
    false: tuple[tuple[str, str], ...]

    @property
    def precision(self) -> float:
        return self.correct / (self.correct + self.wrong) if self.correct + self.wrong else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.expected if self.expected else 1.0


def real_labels(path: Path = REAL_LABELS) -> dict:
    import json

    return json.loads(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=2)
def real_documents(corpus: Path = CORPUS) -> tuple[Draft, tuple[Draft, ...]]:
    labels = real_labels()
    (target_id, target_file), = labels["target"].items()
    draft = parse_file(corpus / target_file, draft_id=target_id)
    return draft, tuple(parse_file(corpus / name, draft_id=doc) for doc, name in labels["sources"].items())


def real_graph(corpus: Path = CORPUS, settings: object = None) -> nx.MultiDiGraph:
    from compactdraft.provenance.graph import Settings, build_graph

    draft, documents = real_documents(corpus)
    return build_graph([draft], list(documents), settings=settings or Settings(), alignments=[])  # type: ignore[arg-type]


def predicted_source_links(graph: nx.MultiDiGraph) -> set[tuple[str, str]]:
    """Every provenance link from a draft provision to a loaded source provision."""
    from compactdraft.provenance.graph import PROVENANCE

    return {(u, v) for u, v, d in graph.edges(data=True) if d["type"] in PROVENANCE
            and graph.nodes[u]["role"] == "draft" and graph.nodes[v]["role"] == "source"}


def real_score(graph: nx.MultiDiGraph, split: str) -> RealScore:
    """Score the links of the split's target provisions (a target belongs to the split of its labels;
    an unlabelled target's links count in every split: they are all wrong)."""
    links = real_labels()["links"]
    label = {(x["target"], x["source"]): x["label"] for x in links}
    split_of: dict[str, set[str]] = {}
    for x in links:
        split_of.setdefault(x["target"], set()).add(x["split"])
    clear = {(x["target"], x["source"]) for x in links if x["label"] == "clear" and x["split"] == split}
    predicted = {link for link in predicted_source_links(graph)
                 if split in split_of.get(link[0], {split})}
    correct = predicted & clear
    neutral = {link for link in predicted if label.get(link) == "related"}
    false = predicted - correct - neutral - {link for link in predicted if label.get(link) == "clear"}
    return RealScore(split, len(correct), len(false), len(neutral), len(clear),
                     tuple(sorted(clear - predicted)), tuple(sorted(false)))


def markdown(table: Mapping[float, Mapping[str, KindScore]]) -> str:
    kinds = [k for k in (*KINDS, "all") if k in next(iter(table.values()))]
    head = "| threshold | " + " | ".join("unrelated" if k == "unrelated" else f"{k} P / R" for k in kinds) + " |"
    lines = [head, "|---" * (len(kinds) + 1) + "|"]
    for t, scores in table.items():
        cells = []
        for k in kinds:
            s = scores[k]
            # an unrelated provision has no true source: every link from it is wrong
            cells.append(f"{s.predicted} wrong" if k == "unrelated" else f"{s.precision:.2f} / {s.recall:.2f}")
        lines.append(f"| {t:.2f} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> None:
    from compactdraft.provenance.evaluate import THRESHOLDS
    from compactdraft.provenance.graph import Settings

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10, help="generated drafts (seeds 0..N-1)")
    parser.add_argument("--relative", type=float, default=Settings().relative)
    parser.add_argument("--show", type=int, default=None, help="print the provisions of one seed and exit")
    args = parser.parse_args(argv)
    if args.show is not None:
        for g in generate(args.show).items:
            print(f"[{g.kind}] {sorted(g.sources)}\n    {g.provision.text}")
        return
    print(markdown(evaluate([generate(s) for s in range(args.seeds)], THRESHOLDS, args.relative)), end="")


if __name__ == "__main__":
    main()
