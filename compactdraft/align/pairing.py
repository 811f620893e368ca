"""Which provisions correspond: anchors, the order-aware chain, gaps, moves, splits and merges.

The passes, each justified in docs/alignment.md:

1. candidates: a provision whose words occur exactly once in each draft pairs with its twin
   (an anchor, weight 1); repeated texts (the same chapeau under every objective) pair with their
   nearest twins by relative position; every other provision gets the few best index candidates
   whose token ratio reaches MATCH. Candidates are gathered from both sides so the result does not
   depend on which draft is called "old".
2. the heaviest chain of candidates increasing in both drafts (chain.py) fixes the in-order pairs;
   unique exact twins left out of the chain are certain pairs anyway (moved, unchanged text);
3. gaps: between two consecutive pairs, what is left on each side is compared in full and chained
   again with the lower GAP_MATCH, because position itself is then evidence;
4. moves: left-over provisions pair, best first, when their ratio reaches MOVE (higher, since
   nothing but the words supports a pair far out of order);
5. splits and merges: a provision whose words are (mostly) found in a run of consecutive unpaired
   neighbours on the other side, and whose ratio to the concatenated run beats its one-to-one ratio.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from .chain import heaviest_chain
from .index import CandidateIndex, Scorer, Side
from .similarity import bag_dice, containment

MATCH = 0.5  # in-order pair: unrelated GCM provisions stay below it for 99% (max 0.62, see docs)
GAP_MATCH = 0.4  # pair in a gap between two aligned neighbours
MOVE = 0.6  # out-of-order pair (a move): above the 99th percentile of unrelated best matches
SPLIT_CONTAIN = 0.5  # share of a piece's word pairs found in the whole it was split from
SPLIT_GAIN = 0.02  # the run must explain the whole better than its best single piece
CANDIDATES = 6  # index candidates scored in full per provision
MAX_SKIP = 1  # provisions a split/merge run may step over (one moved away or deleted in between)
TWINS = 4  # nearest same-text twins considered for a repeated text
EXPANDED = 0.8  # share of the shorter text found in order in the longer: the same paragraph, expanded
EXPANDED_MIN_WORDS = 2  # a one-word paragraph survives inside almost anything
MAX_GAP_PRODUCT = 4000  # compare a gap in full only up to this many pairs (else index candidates)
SAME_ID_BONUS = 0.01  # ties between equal candidates go to the same id ...
PLACE_BONUS = 0.005  # ... then to the closer relative position


@dataclass
class Matching:
    """Positions paired so far: one-to-one pairs plus split/merge groups."""

    old_to_new: dict[int, int] = field(default_factory=dict)
    new_to_old: dict[int, int] = field(default_factory=dict)
    groups: list[tuple[tuple[int, ...], tuple[int, ...]]] = field(default_factory=list)
    grouped_old: set[int] = field(default_factory=set)
    grouped_new: set[int] = field(default_factory=set)

    def pair(self, i: int, j: int) -> None:
        self.old_to_new[i] = j
        self.new_to_old[j] = i

    def unpair(self, i: int) -> None:
        j = self.old_to_new.pop(i)
        del self.new_to_old[j]

    def old_free(self, i: int) -> bool:
        return i not in self.old_to_new and i not in self.grouped_old

    def new_free(self, j: int) -> bool:
        return j not in self.new_to_old and j not in self.grouped_new


class Pairer:
    def __init__(self, old: Side, new: Side) -> None:
        self.old = old
        self.new = new
        self.score = Scorer(old, new)
        self.matching = Matching()

    # The indexes are built on first use: two drafts whose texts all have exact twins never need one.
    @cached_property
    def old_index(self) -> CandidateIndex:
        return CandidateIndex(self.old)

    @cached_property
    def new_index(self) -> CandidateIndex:
        return CandidateIndex(self.new)

    # --- weights ----------------------------------------------------------------------------------
    def weight(self, i: int, j: int) -> float:
        same_id = self.old.draft.provisions[i].id == self.new.draft.provisions[j].id
        place = 1.0 - abs(self.old.relative(i) - self.new.relative(j))
        return self.score(i, j) + (SAME_ID_BONUS if same_id else 0.0) + PLACE_BONUS * place

    # --- 1. candidates ----------------------------------------------------------------------------
    def twins(self, i: int) -> list[int]:
        found = self.new.by_normal.get(self.old.normal[i], [])
        return sorted(found, key=lambda j: (abs(self.old.relative(i) - self.new.relative(j)), j))[:TWINS]

    def unique_twin(self, i: int) -> int | None:
        text = self.old.normal[i]
        if len(self.old.by_normal[text]) == 1 and len(self.new.by_normal.get(text, ())) == 1:
            return self.new.by_normal[text][0]
        return None

    def candidates(self) -> set[tuple[int, int]]:
        found: set[tuple[int, int]] = set()
        for i in range(len(self.old)):
            twins = self.twins(i)
            found.update((i, j) for j in twins)
            if not twins:
                found.update((i, j) for j in self.new_index.candidates_for(self.old, i, CANDIDATES))
        for j in range(len(self.new)):
            twins = self.old.by_normal.get(self.new.normal[j], [])
            if twins:
                near = sorted(twins, key=lambda i: (abs(self.old.relative(i) - self.new.relative(j)), i))[:TWINS]
                found.update((i, j) for i in near)
            else:
                found.update((i, j) for i in self.old_index.candidates_for(self.new, j, CANDIDATES))
        return {(i, j) for i, j in found if self.score.at_least(i, j, MATCH)}

    # --- 2. chain ---------------------------------------------------------------------------------
    def chain(self) -> None:
        pairs = sorted(self.candidates())
        for i, j in heaviest_chain([(i, j, self.weight(i, j)) for i, j in pairs]):
            self.matching.pair(i, j)
        for i in range(len(self.old)):
            twin = self.unique_twin(i)
            if twin is not None and self.matching.old_free(i) and self.matching.new_free(twin):
                self.matching.pair(i, twin)

    # --- 3. gaps ----------------------------------------------------------------------------------
    def gaps(self) -> list[tuple[list[int], list[int]]]:
        """Runs of unpaired provisions between consecutive in-order pairs."""
        result = []
        # the longest in-order subset of the pairs bounds the gaps (moved pairs do not)
        ordered = [(-1, -1)] + heaviest_chain([(i, j, 1.0) for i, j in self.matching.old_to_new.items()])
        ordered.append((len(self.old), len(self.new)))
        for (i0, j0), (i1, j1) in zip(ordered, ordered[1:]):
            olds = [i for i in range(i0 + 1, i1) if self.matching.old_free(i)]
            news = [j for j in range(j0 + 1, j1) if self.matching.new_free(j)]
            if olds and news:
                result.append((olds, news))
        return result

    def fill_gaps(self) -> None:
        for olds, news in self.gaps():
            if len(olds) * len(news) <= MAX_GAP_PRODUCT:
                pairs = [(i, j) for i in olds for j in news]
            else:
                allowed = set(news)
                pairs = [(i, j) for i in olds
                         for j in self.new_index.candidates_for(self.old, i, CANDIDATES, allowed)]
            weighted = [(i, j, self.weight(i, j)) for i, j in pairs if self.score.at_least(i, j, GAP_MATCH)]
            for i, j in heaviest_chain(weighted):
                self.matching.pair(i, j)
            self.pair_expanded(olds, news)

    def pair_expanded(self, olds: list[int], news: list[int]) -> None:
        """The one old and one new provision left between the same neighbours are the same paragraph
        when the shorter survives, in order, almost whole inside the longer: text was added around it
        (or cut from it), which the ratio, diluted by the added words, cannot see."""
        free_old = [i for i in olds if self.matching.old_free(i)]
        free_new = [j for j in news if self.matching.new_free(j)]
        if len(free_old) != 1 or len(free_new) != 1:
            return
        i, j = free_old[0], free_new[0]
        a, b = self.old.tokens[i], self.new.tokens[j]
        shorter = min(len(a), len(b))
        matched = self.score(i, j) * (len(a) + len(b)) / 2
        if shorter >= EXPANDED_MIN_WORDS and matched >= EXPANDED * shorter:
            self.matching.pair(i, j)

    # --- 4. moves ---------------------------------------------------------------------------------
    def moves(self) -> None:
        free_new = {j for j in range(len(self.new)) if self.matching.new_free(j)}
        free_old = {i for i in range(len(self.old)) if self.matching.old_free(i)}
        options = []
        for i in sorted(free_old):
            for j in self.new_index.candidates_for(self.old, i, CANDIDATES, free_new):
                options.append((i, j))
        for j in sorted(free_new):
            for i in self.old_index.candidates_for(self.new, j, CANDIDATES, free_old):
                options.append((i, j))
        # a repeated text (the same chapeau under every objective) says nothing about where it went
        options = [(i, j) for i, j in options if self.distinctive(i, j)]
        scored = sorted({(-self.weight(i, j), i, j) for i, j in options if self.score.at_least(i, j, MOVE)})
        for _, i, j in scored:
            if self.matching.old_free(i) and self.matching.new_free(j):
                self.matching.pair(i, j)

    def distinctive(self, i: int, j: int) -> bool:
        text_old, text_new = self.old.normal[i], self.new.normal[j]
        return (len(self.old.by_normal[text_old]) + len(self.new.by_normal.get(text_old, ())) <= 2
                and len(self.new.by_normal[text_new]) + len(self.old.by_normal.get(text_new, ())) <= 2)

    # --- 5. splits and merges ---------------------------------------------------------------------
    def splits(self) -> None:
        self._regroup(self.old, self.new, self.matching.old_to_new, self.matching.new_to_old, split=True)
        self._regroup(self.new, self.old, self.matching.new_to_old, self.matching.old_to_new, split=False)

    def _regroup(self, whole_side: Side, piece_side: Side, whole_to_piece: dict[int, int],
                 piece_to_whole: dict[int, int], split: bool) -> None:
        """Find wholes (old for splits, new for merges) that correspond to runs of pieces."""
        grouped_whole = self.matching.grouped_old if split else self.matching.grouped_new
        grouped_piece = self.matching.grouped_new if split else self.matching.grouped_old
        free_pieces = {p for p in range(len(piece_side)) if p not in piece_to_whole and p not in grouped_piece}
        if not free_pieces:
            return
        piece_index = self.new_index if split else self.old_index
        for w in range(len(whole_side)):
            if w in grouped_whole:
                continue
            partner = whole_to_piece.get(w)
            seeds = [partner] if partner is not None else [
                p for p in piece_index.candidates_for(whole_side, w, CANDIDATES, free_pieces)]
            best: tuple[float, list[int]] | None = None
            for seed in seeds:
                if partner is None and containment(piece_side.shingles[seed], whole_side.shingles[w]) < SPLIT_CONTAIN:
                    continue
                run = self._run(w, seed, whole_side, piece_side, free_pieces)
                if len(run) < 2:
                    continue
                ratio_all = self._group_ratio(w, run, split)
                single = max(self._pair_ratio(w, p, split) for p in run)
                if ratio_all >= MATCH and ratio_all >= single + SPLIT_GAIN and (best is None or ratio_all > best[0]):
                    best = (ratio_all, run)
            if best is None:
                continue
            run = best[1]
            if partner is not None:
                del whole_to_piece[w]
                del piece_to_whole[partner]
            grouped_whole.add(w)
            grouped_piece.update(run)
            free_pieces.difference_update(run)
            self.matching.groups.append(((w,), tuple(run)) if split else (tuple(run), (w,)))

    def _run(self, w: int, seed: int, whole_side: Side, piece_side: Side, free: set[int]) -> list[int]:
        """The seed plus neighbouring free pieces whose words come from the whole.

        A run may step over MAX_SKIP provision in a row that does not belong: when (b) was deleted or
        moved away and (a) and (c) were merged, the old pieces are no longer adjacent.
        """
        whole = whole_side.shingles[w]

        def belongs(p: int) -> bool:
            return p in free and containment(piece_side.shingles[p], whole) >= SPLIT_CONTAIN

        def extend(step: int) -> list[int]:
            found, p, skipped = [], seed + step, 0
            while 0 <= p < len(piece_side) and skipped <= MAX_SKIP:
                if belongs(p):
                    found.append(p)
                    skipped = 0
                else:
                    skipped += 1
                p += step
            return found

        return extend(-1)[::-1] + [seed] + extend(1)

    # Splits and merges are judged on the better of the ordered ratio and the word-bag Dice: the
    # pieces of a merge are often woven into one sentence ("..., including by concluding ...").
    def _pair_ratio(self, w: int, p: int, split: bool) -> float:
        whole, piece = (self.old, self.new) if split else (self.new, self.old)
        ordered = self.score(w, p) if split else self.score(p, w)
        return max(ordered, bag_dice(whole.tokens[w], piece.tokens[p]))

    def _group_ratio(self, w: int, run: list[int], split: bool) -> float:
        whole, piece = (self.old, self.new) if split else (self.new, self.old)
        ordered = self.score.groups([w], run) if split else self.score.groups(run, [w])
        return max(ordered, bag_dice(whole.tokens[w], piece.joined_tokens(run)))

    def run(self) -> Matching:
        self.chain()
        self.fill_gaps()
        self.moves()
        self.splits()
        self.fill_gaps()  # a split or merge can free a slot next to a pair
        self.drop_unsupported_repeats()
        return self.matching

    def drop_unsupported_repeats(self) -> None:
        """A repeated text (boilerplate) is paired only under parents that are paired themselves:
        the chapeau of a deleted objective is not the chapeau of an inserted one."""
        old_ids = {p.id: k for k, p in enumerate(self.old.draft.provisions)}
        new_ids = {p.id: k for k, p in enumerate(self.new.draft.provisions)}
        for i, j in sorted(self.matching.old_to_new.items()):
            if self.distinctive(i, j):
                continue
            parent_old = self.old.draft.provisions[i].parent
            parent_new = self.new.draft.provisions[j].parent
            # only two parents that both exist and went different ways (a deleted objective, an
            # inserted one) disown the pair; a parent missing on one side is a change of structure
            # around the text (a heading read differently), not evidence against the pair
            if parent_old is None or parent_new is None:
                continue
            if not self.related(old_ids[parent_old], new_ids[parent_new]):
                self.matching.unpair(i)

    def related(self, i: int, j: int) -> bool:
        """Old position i and new position j are paired or in one split/merge group."""
        if self.matching.old_to_new.get(i) == j:
            return True
        return any(i in olds and j in news for olds, news in self.matching.groups)


def pair_provisions(old: Side, new: Side) -> Matching:
    return Pairer(old, new).run()
