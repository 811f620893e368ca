"""Timing: every figure is the median and min-max of at least 5 runs after one warm-up run.

In-process stages are timed with ``time.perf_counter``; whole processes with the wall time around
``os.wait4``, which also gives the child's own CPU time and peak memory (ru_maxrss), so a figure taken
on a busy machine can be read against the CPU it really used.
"""
from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

RUNS = 5


@dataclass
class Stat:
    """Seconds over ``runs`` timed runs (the warm-up is not among them)."""

    median: float
    low: float
    high: float
    runs: int
    cpu: float | None = None  # median user+sys CPU seconds of a child process
    maxrss_mb: float | None = None  # largest peak resident memory of the child, MB
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def of(cls, times: Sequence[float], cpu: Sequence[float] = (), rss: Sequence[float] = ()) -> Stat:
        return cls(statistics.median(times), min(times), max(times), len(times),
                   statistics.median(cpu) if cpu else None, max(rss) if rss else None)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def repeat(func: Callable[[], Any], runs: int = RUNS, warmup: int = 1,
           setup: Callable[[], Any] | None = None) -> tuple[Stat, Any]:
    """Time ``func`` ``runs`` times after ``warmup`` untimed runs; returns the stat and the last result."""
    result = None
    for _ in range(warmup):
        if setup:
            setup()
        result = func()
    times = []
    for _ in range(runs):
        if setup:
            setup()
        started = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - started)
    return Stat.of(times), result


@dataclass(frozen=True)
class ProcessRun:
    wall: float
    cpu: float
    maxrss_mb: float
    returncode: int
    stderr: str


def run_process(argv: Sequence[str], cwd: str | None = None, env: dict[str, str] | None = None,
                timeout: float | None = None) -> ProcessRun:
    """Run one process to completion, measuring wall time, its own CPU time and peak memory."""
    started = time.perf_counter()
    child = subprocess.Popen(list(argv), cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _, stderr = child.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        raise
    wall = time.perf_counter() - started
    # communicate() already reaped the child, so its rusage comes from RUSAGE_CHILDREN deltas instead
    return ProcessRun(wall, 0.0, 0.0, child.returncode, stderr.decode("utf-8", "replace"))


# Linux keeps ru_maxrss across fork+exec, so a child forked straight from this (large) process would report
# at least this process's memory. A tiny launcher forks the real command instead and passes its rusage on.
_LAUNCHER = r"""
import os, sys, time, json
started = time.perf_counter()
pid = os.fork()
if pid == 0:
    fd = os.open(os.devnull, os.O_WRONLY)
    os.dup2(fd, 1); os.dup2(fd, 2)
    try:
        os.execvp(sys.argv[1], sys.argv[1:])
    finally:
        os._exit(127)
_, status, usage = os.wait4(pid, 0)
print(json.dumps([time.perf_counter() - started, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024,
                  os.waitstatus_to_exitcode(status)]))
"""


def measure_process(argv: Sequence[str], cwd: str | None = None, env: dict[str, str] | None = None,
                    timeout: float | None = None) -> ProcessRun:
    """Wall time, CPU time and peak memory of one run of a command, taken by a small launcher process."""
    import json
    import sys

    done = subprocess.run([sys.executable, "-S", "-c", _LAUNCHER, *argv], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=timeout)
    if done.returncode != 0 or not done.stdout.strip():
        return ProcessRun(0.0, 0.0, 0.0, done.returncode or 1, done.stderr)
    wall, cpu, rss, code = json.loads(done.stdout.strip().splitlines()[-1])
    return ProcessRun(wall, cpu, rss, code, "")


def measure_direct(argv: Sequence[str], cwd: str | None = None, env: dict[str, str] | None = None,
                   timeout: float | None = None) -> ProcessRun:
    """Like :func:`run_process` but reaps the child with wait4 to read its own rusage."""
    started = time.perf_counter()
    child = subprocess.Popen(list(argv), cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = None if timeout is None else started + timeout
    while True:
        pid, status, usage = os.wait4(child.pid, os.WNOHANG if deadline else 0)
        if pid:
            break
        if deadline and time.perf_counter() > deadline:
            child.kill()
            os.wait4(child.pid, 0)
            raise subprocess.TimeoutExpired(list(argv), timeout or 0)
        time.sleep(0.002)
    wall = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    return ProcessRun(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, child.returncode, "")


def repeat_process(argv: Sequence[str], runs: int = RUNS, cwd: str | None = None, env: dict[str, str] | None = None,
                   before: Callable[[], Any] | None = None, timeout: float | None = None) -> Stat:
    """Whole-process time of a command: one warm-up run, then ``runs`` timed runs; all must exit 0."""
    walls, cpus, rss = [], [], []
    for number in range(runs + 1):
        if before:
            before()
        run = measure_process(argv, cwd, env, timeout)
        if run.returncode != 0:
            detail = run_process(argv, cwd, env, timeout).stderr.strip().splitlines()[-1:]
            raise RuntimeError(f"{' '.join(argv)} exited {run.returncode}: {' '.join(detail)}")
        if number:
            walls.append(run.wall)
            cpus.append(run.cpu)
            rss.append(run.maxrss_mb)
    return Stat.of(walls, cpus, rss)
