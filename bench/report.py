"""bench/RESULTS.md and bench/scaling.svg from the figures ``bench.run`` collected (no figure is typed in)."""
from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from compactdraft.safeio import write_text_atomic

from .profiles import breakdown_lines

COLOURS = ["#c0392b", "#2c7fb8", "#41ab5d", "#984ea3", "#ff7f00", "#a65628", "#f781bf"]


def fmt_time(seconds: float) -> str:
    if seconds < 0.001:
        return f"{seconds * 1e6:.0f} µs"
    if seconds < 1:
        return f"{seconds * 1000:.1f} ms" if seconds < 0.1 else f"{seconds * 1000:.0f} ms"
    return f"{seconds:.2f} s"


def cell(entry: dict[str, Any] | None) -> str:
    if not entry:
        return "not measured"
    if "skipped" in entry:
        return f"skipped: {entry['skipped']}"
    if "error" in entry:
        return f"failed: {entry['error']}"
    stat = entry.get("stat", entry)
    if entry.get("single"):
        return f"{fmt_time(stat['median'])} (1 run: too slow to repeat)"
    return f"{fmt_time(stat['median'])} ({fmt_time(stat['low'])}-{fmt_time(stat['high'])})"


def _median(entry: dict[str, Any] | None) -> float | None:
    if not entry or "skipped" in entry or "error" in entry:
        return None
    return float(entry.get("stat", entry)["median"])


def targets(results: dict[str, Any]) -> list[tuple[str, str, str]]:
    """(target, measured, verdict) for each target of issue 7."""
    procs, stages, cases = results["processes"], results["stages"], results["scaling"]
    rows = []

    def verdict(ok: bool | None) -> str:
        return "not measured" if ok is None else ("met" if ok else "**missed**")

    help_time = _median(procs.get("compactdraft --help"))
    rows.append(("CLI start-up < 0.3 s", cell(procs.get("compactdraft --help")),
                 verdict(None if help_time is None else help_time < 0.3)))
    ours = procs.get("compactdraft redline .docx -> .docx (x1-r05)")
    theirs = procs.get("python-redlines redline .docx -> .docx (x1-r05)")
    t_ours, t_theirs = _median(ours), _median(theirs)
    rows.append(("GCM-size .docx redline, whole process, < 0.5 s", cell(ours),
                 verdict(None if t_ours is None else t_ours < 0.5)))
    rows.append((">= 3x faster than python-redlines on the same pair",
                 f"{t_theirs / t_ours:.1f}x" if t_ours and t_theirs else cell(theirs),
                 verdict(None if not (t_ours and t_theirs) else t_theirs / t_ours >= 3)))
    for rate in sorted({w["rate"] for w in results["workloads"]}):
        tag = f"r{round(rate * 100):02d}"
        one, ten = _median(cases.get(f"compactdraft|x1-{tag}")), _median(cases.get(f"compactdraft|x10-{tag}"))
        rows.append((f"linear cost at {rate:.0%}: 10x text <= 12x time",
                     f"{ten / one:.1f}x" if one and ten else "not measured",
                     verdict(None if not (one and ten) else ten / one <= 12)))
    clean = next((v for k, v in procs.items() if k.startswith("make from clean")), None)
    touched = next((v for k, v in procs.items() if k.startswith("make after touching")), None)
    rows.append(("full make of the sample series from clean < 5 s", cell(clean),
                 verdict(None if _median(clean) is None else _median(clean) < 5)))  # type: ignore[operator]
    rows.append(("incremental rebuild after one touched draft < 2 s", cell(touched),
                 verdict(None if _median(touched) is None else _median(touched) < 2)))  # type: ignore[operator]
    lookup = next((v for k, v in stages.items() if k.startswith("candidate lookup") and "100,000" in k), None)
    build = next((v for k, v in stages.items() if k.startswith("provenance index build") and "100,000" in k), None)
    rows.append(("candidate lookup: milliseconds per provision at 10^5 sources", cell(lookup),
                 verdict(None if _median(lookup) is None else _median(lookup) < 0.010)))  # type: ignore[operator]
    rows.append(("provenance index build at 10^5 < 60 s", cell(build),
                 verdict(None if _median(build) is None else _median(build) < 60)))  # type: ignore[operator]
    rows.extend(accuracy_rows(results.get("provenance_accuracy", {}), verdict))
    return rows


def accuracy_rows(found: dict[str, Any], verdict: Any) -> list[tuple[str, str, str]]:
    """Issue 14's targets: real-text held-out P >= 0.85 / R >= 0.6, generated sets >= 0.95 / 0.95, the
    semantic signal's index of 10^5 paragraphs in <= 60 s and lookups in <= 5 ms."""
    def pr(key: str, p: float, r: float) -> tuple[str, str, str]:
        entry = found.get(key) or {}
        if "precision" not in entry:
            return (f"{key}: P >= {p} / R >= {r}", cell(entry or None), verdict(None))
        return (f"{key}: P >= {p} / R >= {r}", f"P {entry['precision']:.2f} / R {entry['recall']:.2f}",
                verdict(entry["precision"] >= p and entry["recall"] >= r))

    rows = [pr("real text, held_out", 0.85, 0.6), pr("generated, seeds 10-14", 0.95, 0.95)]
    semantic = found.get("semantic embedding") or {}
    if "seconds per paragraph" in semantic:
        rows.append(("semantic signal: 10^5 paragraphs <= 60 s, lookup <= 5 ms",
                     f"{semantic['10^5 paragraphs (extrapolated) s']} s (extrapolated), {semantic['one lookup ms']} ms",
                     verdict(semantic["10^5 paragraphs (extrapolated) s"] <= 60 and semantic["one lookup ms"] <= 5)))
    else:
        rows.append(("semantic signal: 10^5 paragraphs <= 60 s, lookup <= 5 ms", cell(semantic or None), verdict(None)))
    return rows


def scaling_table(results: dict[str, Any]) -> list[str]:
    cases = results["scaling"]
    tools = list(dict.fromkeys(key.split("|")[0] for key in cases))
    workloads = results["workloads"]
    lines = ["| tool | " + " | ".join(f"{w['name']} ({w['words']:,} words)" for w in workloads) + " |",
             "|---|" + "---|" * len(workloads)]
    for tool in tools:
        lines.append(f"| {tool} | " + " | ".join(cell(cases.get(f"{tool}|{w['name']}")) for w in workloads) + " |")
    lines += ["", "Ratio ours / theirs (median times; below 1 means compactdraft is faster):", "",
              "| tool | " + " | ".join(w["name"] for w in workloads) + " |", "|---|" + "---|" * len(workloads)]
    for tool in tools[1:]:
        row = []
        for w in workloads:
            ours, theirs = _median(cases.get(f"compactdraft|{w['name']}")), _median(cases.get(f"{tool}|{w['name']}"))
            row.append(f"{ours / theirs:.2f}" if ours and theirs else "-")
        lines.append(f"| {tool} | " + " | ".join(row) + " |")
    lines += ["", "Output quality: exact = accepting every change gives the new text and rejecting every change "
              "the old one (word by word); size = non-space characters marked changed / true edit size.", "",
              "| tool | " + " | ".join(w["name"] for w in workloads) + " |", "|---|" + "---|" * len(workloads)]
    for tool in tools:
        row = []
        for w in workloads:
            entry = cases.get(f"{tool}|{w['name']}", {})
            if "exact" in entry:
                row.append(f"{'exact' if entry['exact'] else '**not exact**'}, "
                           f"{entry['changed_chars'] / w['true_chars']:.2f}x")
            else:
                row.append("-")
        lines.append(f"| {tool} | " + " | ".join(row) + " |")
    return lines


def svg_plot(results: dict[str, Any]) -> str:
    """Time against document size (log-log), one panel per edit rate, one line per tool."""
    cases, workloads = results["scaling"], results["workloads"]
    rates = sorted({w["rate"] for w in workloads})
    tools = list(dict.fromkeys(key.split("|")[0] for key in cases))
    words = sorted({w["words"] for w in workloads})
    times = [_median(v) for v in cases.values()]
    values = [t for t in times if t]
    if not values or len(words) < 2:
        return ""
    lo, hi = math.log10(min(values)) - 0.2, math.log10(max(values)) + 0.2
    wlo, whi = math.log10(words[0]) - 0.1, math.log10(words[-1]) + 0.1
    pw, ph, left, top = 300, 240, 60, 40
    width, height = left + len(rates) * (pw + 30) + 200, top + ph + 60
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" '
           'font-size="11">', f'<rect width="{width}" height="{height}" fill="white"/>']
    for panel, rate in enumerate(rates):
        x0 = left + panel * (pw + 30)

        def px(n: float, x0: int = x0) -> float:
            return x0 + (math.log10(n) - wlo) / (whi - wlo) * pw

        def py(t: float) -> float:
            return top + ph - (math.log10(t) - lo) / (hi - lo) * ph

        out.append(f'<rect x="{x0}" y="{top}" width="{pw}" height="{ph}" fill="none" stroke="#999"/>')
        out.append(f'<text x="{x0 + pw / 2}" y="{top - 10}" text-anchor="middle" font-weight="bold">'
                   f'{rate:.0%} edits</text>')
        for n in words:
            out.append(f'<text x="{px(n):.1f}" y="{top + ph + 15}" text-anchor="middle">{n:,}</text>')
        for exp in range(math.ceil(lo), math.floor(hi) + 1):
            y = py(10 ** exp)
            out.append(f'<line x1="{x0}" x2="{x0 + pw}" y1="{y:.1f}" y2="{y:.1f}" stroke="#eee"/>')
            if panel == 0:
                out.append(f'<text x="{x0 - 5}" y="{y + 4:.1f}" text-anchor="end">{fmt_time(10 ** exp)}</text>')
        for number, tool in enumerate(tools):
            points = []
            for w in workloads:
                t = _median(cases.get(f"{tool}|{w['name']}")) if w["rate"] == rate else None
                if t:
                    points.append(f"{px(w['words']):.1f},{py(t):.1f}")
            colour = COLOURS[number % len(COLOURS)]
            width_px = 3 if number == 0 else 1.5
            if points:
                out.append(f'<polyline points="{" ".join(points)}" fill="none" stroke="{colour}" '
                           f'stroke-width="{width_px}"/>')
                for point in points:
                    x, y = point.split(",")
                    out.append(f'<circle cx="{x}" cy="{y}" r="3" fill="{colour}"/>')
        out.append(f'<text x="{x0 + pw / 2}" y="{top + ph + 32}" text-anchor="middle">words (log)</text>')
    legend_x = left + len(rates) * (pw + 30)
    for number, tool in enumerate(tools):
        y = top + 15 * number + 10
        out.append(f'<line x1="{legend_x}" x2="{legend_x + 20}" y1="{y}" y2="{y}" '
                   f'stroke="{COLOURS[number % len(COLOURS)]}" stroke-width="3"/>')
        out.append(f'<text x="{legend_x + 25}" y="{y + 4}">{tool}</text>')
    out.append(f'<text x="{left}" y="{height - 8}">median wall time per redline (log scale); a missing point = '
               'skipped (one run over the time limit)</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def write_report(results: dict[str, Any], folder: Path) -> None:
    m = results["machine"]
    lines = ["# Benchmark results", "",
             "Generated by `make bench` (`python -m bench.run`); do not edit by hand. "
             + ("**Quick mode (BENCH_QUICK=1): smoke figures only.**" if results.get("quick") else ""), "",
             "## Machine", "",
             f"- CPU: {m['cpu']}, {m['cores']} cores; Python {m['python']}; {m['platform']}",
             f"- date: {m['date']}; load average at start {m['load']}, at end {m.get('load_end', '?')} "
             "(a load above the core count means other work shared the CPU and wall times are inflated)",
             f"- whole run: {results['seconds']} s", "",
             "Every figure: median (min-max) of 5 timed runs after one warm-up run. Whole-process figures are "
             "wall time of a child process reaped with wait4 (its CPU time and peak memory alongside).", ""]
    lines += ["## Targets (issue 7)", "", "| target | measured | verdict |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in targets(results)]
    lines += ["", "## Headline", ""]
    lines += headline(results)
    lines += ["", "## Whole processes", "", "| command | wall | CPU | peak memory | output |", "|---|---|---|---|---|"]
    for name, entry in results["processes"].items():
        cpu = fmt_time(entry["cpu"]) if entry.get("cpu") is not None else "-"
        rss = f"{entry['maxrss_mb']:.0f} MB" if entry.get("maxrss_mb") else "-"
        extra = entry.get("extra") or {}
        quality = (f"{'exact' if extra['exact'] else '**not exact**'}, {extra['changed_chars']:,} chars marked "
                   f"(true {extra['true_chars']:,})") if extra else ""
        lines.append(f"| {name} | {cell(entry)} | {cpu} | {rss} | {quality} |")
    lines += ["", "## Stages in process", "", "| stage | time |", "|---|---|"]
    lines += [f"| {name} | {cell(entry)} |" for name, entry in results["stages"].items()]
    lines += ["", "## Scaling: time against document size", "",
              "Workloads: the real GCM objectives (`../shared/corpus/un/gcm_final_objectives.txt`) as the new "
              "text, concatenated 10x and 100x with fresh numbering, against earlier drafts generated by word "
              "edits at 1%, 5% and 20%. compactdraft = parse both texts + align + diff each aligned pair; the "
              "others diff the whole document.", ""]
    lines += ["| workload | words | edits | true edit size (chars) |", "|---|---|---|---|"]
    lines += [f"| {w['name']} | {w['words']:,} | {w['edits']:,} | {w['true_chars']:,} |" for w in results["workloads"]]
    lines += [""] + scaling_table(results)
    lines += ["", "![time against size](scaling.svg)", ""]
    if results.get("memory"):
        mem = results["memory"]
        lines += [f"Peak memory (ru_maxrss of the worker process) on {mem['workload']}, the largest workload "
                  "compactdraft completed:", ""]
        lines += [f"- {tool}: {value:.0f} MB" if value else f"- {tool}: not measured"
                  for tool, value in mem.items() if tool != "workload"]
    lines += ["", "## Where the time goes", ""] + breakdown_lines(results.get("breakdown", {}).get("redline"),
                                                                  results.get("breakdown", {}).get("make"))
    history = folder / "HISTORY.md"
    if history.exists():  # the hand-kept log of what was changed for speed, with figures before and after
        lines += ["## Before and after", "", f"From `bench/{history.name}` (kept by hand, one entry per change):",
                  ""] + [f"#{line}" if line.startswith("## ") else line  # its sections under this one
                         for line in history.read_text(encoding="utf-8").split("\n", 1)[1].strip().splitlines()]
    lines += ["", "## Findings", ""] + results.get("findings", [])
    write_text_atomic(folder / "RESULTS.md", "\n".join(lines).rstrip() + "\n")
    svg = svg_plot(results)
    if svg:
        write_text_atomic(folder / "scaling.svg", svg)


def headline(results: dict[str, Any]) -> list[str]:
    procs, cases = results["processes"], results["scaling"]
    out = []
    ours = procs.get("compactdraft redline .docx -> .docx (x1-r05)")
    theirs = procs.get("python-redlines redline .docx -> .docx (x1-r05)")
    if _median(ours):
        text = f"- Redline of two GCM-size .docx drafts (12,560 words, 5% edits), whole process: {cell(ours)}"
        if _median(theirs):
            slower = _median(theirs) / _median(ours)  # type: ignore[operator]
            text += f"; python-redlines on the same pair: {cell(theirs)} ({slower:.1f}x slower)"
        out.append(text + ".")
    out.append(f"- CLI start-up (`compactdraft --help`): {cell(procs.get('compactdraft --help'))}.")
    for w in results["workloads"]:
        measured = [x["scale"] for x in results["workloads"] if _median(cases.get(f"compactdraft|{x['name']}"))]
        if w["scale"] == max(measured):
            entry = cases.get(f"compactdraft|{w['name']}", {})
            dmp1 = cases.get(f"dmp words, timeout 1 s|{w['name']}", {})
            if _median(entry):
                text = (f"- {w['words']:,} words at {w['rate']:.0%} edits: compactdraft {cell(entry)}, "
                        f"{'exact' if entry['exact'] else 'not exact'}, "
                        f"{entry['changed_chars'] / w['true_chars']:.2f}x "
                        "the true edit size")
                if "changed_chars" in dmp1:
                    text += (f"; diff-match-patch with its default 1 s timeout marks "
                             f"{dmp1['changed_chars'] / w['true_chars']:.1f}x the true edit size")
                out.append(text + ".")
    out.append("- Reproduce: `make bench` (writes this file; `BENCH_QUICK=1 make bench` for a smoke run).")
    return out
