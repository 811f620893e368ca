"""Where the time of a whole-process target goes: the .docx redline and the make of the sample series.

A whole-process figure is interpreter start-up + imports + work. These breakdowns separate them, so a
missed target names its cause with evidence (bench/RESULTS.md, "Where the time goes"):

- :func:`redline_breakdown`: ``python -c pass`` for the interpreter, then ``bench.phases`` (the redline
  command's own library calls, timed inside one process) for imports, parse, align, diff, render, write;
- :func:`make_breakdown`: the recipes ``make -n`` would run, each run and timed as its own process (as
  make runs it), against the same steps run in one warm process (the work alone).
"""
from __future__ import annotations

import json
import os
import shlex
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from .timing import RUNS, measure_process, repeat_process
from .workloads import ROOT


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def redline_breakdown(old: Path, new: Path, out: Path, runs: int = RUNS) -> dict[str, Any]:
    """Median seconds per phase of one whole-process .docx redline, over ``runs`` runs after a warm-up."""
    interpreter = repeat_process([sys.executable, "-c", "pass"], runs=runs).median
    samples: list[dict[str, float]] = []
    for number in range(runs + 1):
        done = subprocess.run([sys.executable, "-m", "bench.phases", str(old), str(new), str(out)], cwd=ROOT,
                              capture_output=True, text=True, check=True)
        if number:  # the first run warms the page cache
            samples.append(json.loads(done.stdout.strip().splitlines()[-1]))
    phases = {"interpreter start-up (python -c pass)": interpreter}
    for name in samples[0]:
        phases[name] = statistics.median(sample[name] for sample in samples)
    return phases


def _recipes(argv: list[str]) -> list[str]:
    """The compactdraft recipes make would run (``make -n``), in order."""
    # a make above us (make bench, make test) passes its flags down; this make must only print
    env = {**os.environ, "MAKEFLAGS": ""}
    done = subprocess.run(argv + ["-n"], capture_output=True, text=True, check=True, env=env)
    return [line.strip() for line in done.stdout.splitlines() if " build " in line and "--step" in line]


def _steps_of(recipe: str) -> list[str]:
    words = shlex.split(recipe)
    return [words[i + 1] for i, word in enumerate(words) if word == "--step"]


def _rule_name(steps: list[str]) -> str:
    return steps[0] if len(steps) == 1 else f"{steps[0]} + {len(steps) - 1} more"


def _work_in_process(series: Path, out_dir: Path, rules: list[list[str]]) -> list[float]:
    """Seconds each rule's steps take in this (warm) process: the work without start-up or imports."""
    from compactdraft.build import build
    from compactdraft.parse.series import series_from_paths

    loaded = series_from_paths([str(series)])
    build(loaded, out_dir)  # warm-up: every module imported, every output present for the later steps
    times = []
    for steps in rules:
        started = time.perf_counter()
        build(loaded, out_dir, only=steps)
        times.append(time.perf_counter() - started)
    return times


def make_breakdown(series: Path, out_dir: Path, argv: list[str], touched: Path) -> dict[str, Any]:
    """Each make recipe from clean and after touching one draft: wall time as a process vs work in process."""
    result: dict[str, Any] = {}
    shutil.rmtree(out_dir, ignore_errors=True)
    for case in ("from clean", f"after touching {touched.name}"):
        if case != "from clean":
            now = time.time()
            os.utime(touched, (now, now))
        recipes = _recipes(argv)
        rules = [_steps_of(recipe) for recipe in recipes]
        walls = []
        for recipe in recipes:
            run = measure_process(shlex.split(recipe), cwd=str(ROOT))
            if run.returncode != 0:
                raise RuntimeError(f"make recipe failed: {recipe}")
            walls.append(run.wall)
        work = _work_in_process(series, out_dir.with_name(out_dir.name + "-warm"), rules)
        result[case] = [{"rule": _rule_name(steps), "process": wall, "work": seconds}
                        for steps, wall, seconds in zip(rules, walls, work)]
    return result


def breakdown_lines(redline: dict[str, Any] | None, make: dict[str, Any] | None) -> list[str]:
    """The "Where the time goes" section of RESULTS.md."""
    lines: list[str] = []
    if redline:
        total = sum(redline.values())
        lines += [("Redline of the GCM-size .docx pair (x1-r05), whole process, by phase (median of 5 runs; "
                   "`bench/phases.py` makes the redline command's own calls in one process):"), "",
                  "| phase | time | share |", "|---|---|---|"]
        lines += [f"| {name} | {_ms(seconds)} | {seconds / total:.0%} |" for name, seconds in redline.items()]
        lines += [f"| **total** | **{_ms(total)}** | |", ""]
    for case, rows in (make or {}).items():
        process, work = sum(r["process"] for r in rows), sum(r["work"] for r in rows)
        lines += [(f"make of the sample series {case}: {len(rows)} processes (one per make rule), "
                   f"{process:.2f} s run one after another; the same steps in one warm process take {work:.2f} s, "
                   f"so {process - work:.2f} s ({(process - work) / process:.0%}) is start-up and imports:"), "",
                  "| make rule | as a process | work in process |", "|---|---|---|"]
        lines += [f"| `{r['rule']}` | {_ms(r['process'])} | {_ms(r['work'])} |" for r in rows]
        lines.append("")
    return lines
