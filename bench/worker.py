"""One scaling case in its own process: ``python -m bench.worker TOOL OLD.txt NEW.txt RUNS``.

Running each case in a fresh process keeps tools from sharing caches, lets the runner stop a
whole-document baseline that runs past its time limit, and gives each case its own peak memory.
Prints one JSON line after the warm-up run (so the runner can judge the time of a single run) and one
with the timed runs and the quality of the output.
"""
from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from pathlib import Path

from . import baselines as B

Pieces = B.Pieces


def ours(old: str, new: str, old_name: str = "old.txt", new_name: str = "new.txt") -> Pieces:
    """compactdraft end to end from text: parse both drafts, align them, diff each aligned pair."""
    from compactdraft.parse import parse_bytes
    from compactdraft.redline import compare

    redline = compare(parse_bytes(old.encode(), old_name, draft_id="old"),
                      parse_bytes(new.encode(), new_name, draft_id="new"))
    names = {"equal": "=", "insert": "+", "delete": "-"}
    pieces: Pieces = []
    for entry in redline.entries:
        # moved-away copies are shown twice (moved_from and moved_to); keep each side once
        for op in entry.ops:
            if (op.op == "delete" and not entry.in_old) or (op.op == "insert" and not entry.in_new):
                continue
            if op.op == "equal" and not (entry.in_old and entry.in_new):
                pieces.append(("-" if entry.in_old else "+", op.text))
                continue
            pieces.append((names[op.op], op.text))
        pieces.append(("=", "\n"))
    return pieces


def provision_texts(text: str, name: str) -> str:
    """The provision texts compactdraft diffs (labels are structure, compared as numbers, not words)."""
    from compactdraft.parse import parse_bytes

    return "\n".join(p.text for p in parse_bytes(text.encode(), name))


TOOLS: dict[str, Callable[[str, str], Pieces]] = {
    "compactdraft": ours,
    "difflib (words)": B.difflib_words,
    "redlines": B.redlines_text,
    "dmp words, timeout 0": B.dmp_python(0),
    "dmp words, timeout 1 s": B.dmp_python(1.0),
    "fast-dmp words, timeout 0": B.dmp_fast(0),
    "fast-dmp words, timeout 1 s": B.dmp_fast(1.0),
}


def available(tool: str) -> str | None:
    """None if the tool can run here, else why not."""
    if tool == "redlines" and not B.redlines_available():
        return "redlines is not installed (make bench installs it)"
    if tool.startswith("fast-dmp") and not B.fast_dmp_available():
        return "fast-diff-match-patch is not installed"
    return None


def main(argv: list[str]) -> int:
    tool, old_path, new_path, runs = argv[0], Path(argv[1]), Path(argv[2]), int(argv[3])
    func = TOOLS[tool]
    old, new = old_path.read_text(encoding="utf-8"), new_path.read_text(encoding="utf-8")
    started = time.perf_counter()
    pieces = func(old, new)
    warmup = time.perf_counter() - started
    if tool == "compactdraft":
        # exactness is judged on what compactdraft diffs: provision texts without their printed labels
        quality = B.quality(pieces, provision_texts(old, old_path.name), provision_texts(new, new_path.name))
    else:
        quality = B.quality(pieces, old, new)
    print(json.dumps({"warmup": warmup, "exact": quality.exact, "changed_chars": quality.changed_chars}),
          flush=True)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        func(old, new)
        times.append(time.perf_counter() - started)
    print(json.dumps({"times": times, "exact": quality.exact, "changed_chars": quality.changed_chars}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
