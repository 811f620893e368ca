"""One `compactdraft redline OLD.docx NEW.docx -o OUT.docx`, timed phase by phase inside its own process.

``python -m bench.phases OLD NEW OUT`` does what the redline command does (the same library calls, in
the same order) and prints one JSON object: seconds spent importing what the command imports, parsing
each draft, aligning, diffing, rendering the .docx and writing it. The interpreter's own start-up
(before this module runs) is measured outside, as ``python -c pass``. bench/run.py runs this a few times
to say where the whole-process time of the .docx redline goes.
"""
from __future__ import annotations

import json
import sys
import time


def main(old: str, new: str, out: str) -> dict[str, float]:
    phases: dict[str, float] = {}
    mark = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal mark
        now = time.perf_counter()
        phases[name] = now - mark
        mark = now

    import compactdraft.cli
    import compactdraft.cli.redline_cmd
    import compactdraft.render.redline_docx  # noqa: F401 - the renderer, imported on first use
    lap("imports")
    from compactdraft.align import align
    from compactdraft.parse import parse_file
    from compactdraft.redline import redline_from_alignment
    from compactdraft.render import render
    from compactdraft.safeio import write_output

    lap("imports (align, parse, redline)")
    old_draft = parse_file(old)
    lap("parse OLD .docx")
    new_draft = parse_file(new)
    lap("parse NEW .docx")
    alignment = align(old_draft, new_draft)
    lap("align")
    redline = redline_from_alignment(alignment)
    lap("diff every aligned pair")
    data = render("redline", redline, "docx", out, author="compactdraft", date=new_draft.date, base="new")
    lap("render .docx")
    write_output(out, data, [old, new])
    lap("write (atomic)")
    return phases


if __name__ == "__main__":
    print(json.dumps(main(*sys.argv[1:4])))
