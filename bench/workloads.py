"""Benchmark inputs, generated from the real GCM final text (read in place, never copied into git).

- ``scaled_final(k)``: the 23 objectives concatenated k times with fresh numbering (objective n of copy c
  becomes objective 23c+n, paragraph p becomes p + c*P), so ids stay unique and the structure stays real.
- ``earlier_draft(final, rate)``: an earlier draft made by word edits at the given rate (substitute,
  delete, insert, drawn from the text's own vocabulary with a fixed seed), with the true edit size, so
  every tool's diff can be held against what really changed.
- ``write_docx``: the same lines as a Word document (manual numbering typed in the text, as many
  real drafts have it; headings in a heading style).
- ``source_corpus(n)``: n source provisions for the provenance index, made from GCM sentences.

Everything is written under bench/work/ (ignored by git) and is deterministic: same seed, same bytes.
"""
from __future__ import annotations

import os
import random
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("COMPACTDRAFT_CORPUS", ROOT.parent / "shared" / "corpus" / "un"))
GCM = CORPUS / "gcm_final_objectives.txt"
WORK = Path(__file__).resolve().parent / "work"

RATES = (0.01, 0.05, 0.20)
SCALES = (1, 10, 100)
SEED = 20180713  # the day the GCM text was agreed; any fixed number would do

_OBJECTIVE = re.compile(r"^(OBJECTIVE )(\d+)(:)")
_PARAGRAPH = re.compile(r"^(\d+)(\.\s)")
_LABEL = re.compile(r"^(OBJECTIVE \d+:|\d+\.|\([a-z]{1,2}\)|\([ivx]+\))$")


@dataclass(frozen=True)
class Workload:
    """One old/new pair: ``old`` is the generated earlier draft, ``new`` the (scaled) final text."""

    name: str  # e.g. "x10-r05"
    scale: int
    rate: float
    old_txt: Path
    new_txt: Path
    words: int  # words in the new text
    edits: int  # word edits applied
    true_chars: int  # non-space characters deleted + inserted by those edits

    def docx(self, which: str) -> Path:
        return (self.old_txt if which == "old" else self.new_txt).with_suffix(".docx")


def gcm_lines() -> list[str]:
    """The GCM objectives as lines of text: '#' comment lines and blank lines dropped."""
    if not GCM.exists():
        raise FileNotFoundError(f"real UN corpus not found at {GCM} (it lives in ../shared beside the project)")
    lines = GCM.read_text(encoding="utf-8").splitlines()
    return [" ".join(line.split()) for line in lines if line.strip() and not line.startswith("#")]


def scaled_final(lines: list[str], scale: int) -> list[str]:
    """The text repeated ``scale`` times with objective and paragraph numbers continued, never repeated."""
    objectives = [int(m.group(2)) for line in lines if (m := _OBJECTIVE.match(line))]
    paragraphs = [int(m.group(1)) for line in lines if (m := _PARAGRAPH.match(line))]
    objective_step = max(objectives) if objectives else 0
    paragraph_step = (max(paragraphs) - min(paragraphs) + 1) if paragraphs else 0
    out: list[str] = []
    for copy in range(scale):
        for line in lines:
            line = _OBJECTIVE.sub(
                lambda m, copy=copy: f"{m.group(1)}{int(m.group(2)) + copy * objective_step}{m.group(3)}", line)
            line = _PARAGRAPH.sub(lambda m, copy=copy: f"{int(m.group(1)) + copy * paragraph_step}{m.group(2)}", line)
            out.append(line)
    return out


def _protected_prefix(words: list[str]) -> int:
    """How many leading words form the printed label ('OBJECTIVE 7:', '17.', '(a)'), which edits keep."""
    if len(words) >= 2 and _LABEL.match(" ".join(words[:2])):
        return 2
    return 1 if words and _LABEL.match(words[0]) else 0


def earlier_draft(lines: list[str], rate: float, seed: int = SEED) -> tuple[list[str], int, int]:
    """Edit ``rate`` of the words of ``lines``; returns (old lines, edits made, true changed characters)."""
    rng = random.Random(f"{seed}-{rate}-{len(lines)}")
    split = [line.split(" ") for line in lines]
    vocabulary = sorted({w for words in split for w in words[_protected_prefix(words):]})
    positions = [(i, j) for i, words in enumerate(split) for j in range(_protected_prefix(words), len(words))]
    total_words = sum(len(words) for words in split)
    chosen = rng.sample(positions, min(len(positions), round(rate * total_words)))
    # ops per position; applied per line from the end so earlier positions stay valid
    by_line: dict[int, list[tuple[int, str]]] = {}
    for i, j in chosen:
        by_line.setdefault(i, []).append((j, rng.choice(("sub", "sub", "del", "ins"))))
    true_chars = 0
    old_lines = []
    for i, words in enumerate(split):
        words = list(words)
        body = len(words) - _protected_prefix(words)
        for j, op in sorted(by_line.get(i, []), reverse=True):
            if op == "del" and body > 1:
                # the final text has a word the earlier draft lacked
                true_chars += len(words[j])
                del words[j]
                body -= 1
            elif op == "ins":
                extra = rng.choice(vocabulary)
                words.insert(j + 1, extra)
                true_chars += len(extra)
            else:
                replacement = rng.choice(vocabulary)
                while replacement == words[j]:
                    replacement = rng.choice(vocabulary)
                true_chars += len(words[j]) + len(replacement)
                words[j] = replacement
        old_lines.append(" ".join(words))
    return old_lines, len(chosen), true_chars


def write_docx(lines: list[str], path: Path) -> None:
    """The lines as a .docx: objective headings in 'Heading 1', everything else as typed paragraphs."""
    from docx import Document

    document = Document()
    # a fixed core-properties date keeps the file byte-identical between runs
    import datetime

    fixed = datetime.datetime(2018, 7, 13, 0, 0, 0)
    document.core_properties.created = fixed
    document.core_properties.modified = fixed
    document.core_properties.last_printed = fixed
    document.core_properties.revision = 1
    for line in lines:
        document.add_paragraph(line, style="Heading 1" if _OBJECTIVE.match(line) else None)
    tmp = path.with_suffix(".tmp.docx")
    document.save(str(tmp))
    os.replace(tmp, path)


def _write_text(path: Path, lines: list[str]) -> None:
    data = "\n".join(lines) + "\n"
    if path.exists() and path.read_text(encoding="utf-8") == data:
        return  # unchanged: keep mtime so nothing downstream thinks it changed
    tmp = path.with_suffix(".tmp")
    tmp.write_text(data, encoding="utf-8")
    os.replace(tmp, path)


def _stale(target: Path, source: Path) -> bool:
    return not target.exists() or target.stat().st_mtime < source.stat().st_mtime


def make_workloads(scales: tuple[int, ...] = SCALES, rates: tuple[float, ...] = RATES,
                   docx_scales: tuple[int, ...] = (1, 10), work: Path = WORK) -> list[Workload]:
    """Write every old/new pair (text, and .docx for ``docx_scales``) and describe them."""
    work.mkdir(parents=True, exist_ok=True)
    base = gcm_lines()
    workloads = []
    for scale in scales:
        final = scaled_final(base, scale)
        new_txt = work / f"x{scale}-final.txt"
        _write_text(new_txt, final)
        if scale in docx_scales and _stale(new_txt.with_suffix(".docx"), new_txt):
            write_docx(final, new_txt.with_suffix(".docx"))
        words = sum(len(line.split(" ")) for line in final)
        for rate in rates:
            old, edits, true_chars = earlier_draft(final, rate)
            name = f"x{scale}-r{round(rate * 100):02d}"
            old_txt = work / f"{name}-old.txt"
            _write_text(old_txt, old)
            if scale in docx_scales and _stale(old_txt.with_suffix(".docx"), old_txt):
                write_docx(old, old_txt.with_suffix(".docx"))
            workloads.append(Workload(name, scale, rate, old_txt, new_txt, words, edits, true_chars))
    return workloads


def source_corpus(count: int, work: Path = WORK) -> Path:
    """A source text of ``count`` numbered provisions built from GCM sentences (for the provenance index).

    Each provision is a GCM sentence with a few words swapped (seeded), so candidates are realistic
    near-duplicates rather than random strings.
    """
    path = work / f"sources-{count}.txt"
    if path.exists():
        return path
    rng = random.Random(f"{SEED}-sources-{count}")
    sentences = [s.strip() for line in gcm_lines() if not _OBJECTIVE.match(line)
                 for s in re.split(r"(?<=[.;:])\s+", line.split(" ", 1)[-1]) if len(s.split()) >= 6]
    vocabulary = sorted({w for s in sentences for w in s.split()})
    lines = []
    for number in range(1, count + 1):
        words = rng.choice(sentences).split()
        for _ in range(max(1, len(words) // 10)):
            words[rng.randrange(len(words))] = rng.choice(vocabulary)
        lines.append(f"{number}. {' '.join(words)}")
    work.mkdir(parents=True, exist_ok=True)
    _write_text(path, lines)
    return path
