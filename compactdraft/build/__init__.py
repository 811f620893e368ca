"""The secretariat build: from a folder of drafts to everything a delegation needs, in one plan.

- :mod:`.plan`: which outputs are made from which inputs (one :class:`BuildStep` per output file);
- :mod:`.run`: :func:`build` runs every step in one process (``compactdraft build SERIES -o OUT``),
  keeping each draft, alignment, the history and the graph in memory once it is made;
- :mod:`.rules`: :func:`makefile_rules` prints the plan as make rules (``compactdraft build
  --print-makefile``), each recipe running one rule's steps (``--step NAME``);
- :mod:`.figures`: the report's figures, from the same functions as ``stats``, ``coverage`` and ``history``.

Drafts are parsed once, to JSON under ``OUT/drafts/``; every later step reads that JSON, never the
original files (except the .docx layouts the Word writers copy styles and numbering from). Outputs are
deterministic: dates come from the manifest, ids and orders from the inputs, zip timestamps are fixed.
"""
from __future__ import annotations

from .plan import NOTES, SERIES_RULE, BuildStep, Plan, draft_json, plan, redline_name, redline_pairs, source_json
from .rules import make_rules, makefile_rules
from .run import AUTHOR, Progress, Workspace, build, run_step

__all__ = ["AUTHOR", "NOTES", "SERIES_RULE", "BuildStep", "Plan", "Progress", "Workspace", "build", "draft_json",
           "make_rules", "makefile_rules", "plan", "redline_name", "redline_pairs", "run_step", "source_json"]
