"""Nothing lost: inputs are never modified, an output never replaces an input, an interrupted write
leaves the old output or the new one (never a torn file), and existing files are replaced only where
the command's help says so."""
from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import hostile
import pytest
from docxfactory import compact_docx

from compactdraft.safeio import atomic_open, write_output

ROOT = Path(__file__).resolve().parent.parent


def digest(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


@pytest.fixture()
def pair(tmp_path: Path) -> tuple[Path, Path]:
    """Two real drafts of a compact (the second has an extra objective and reworded actions)."""
    old, new = tmp_path / "old.docx", tmp_path / "new.docx"
    old.write_bytes(compact_docx(objectives=2).to_bytes())
    new.write_bytes(compact_docx(objectives=3, actions=(2, 3, 1)).to_bytes())
    return old, new


def test_every_command_leaves_its_inputs_untouched(pair, tmp_path: Path) -> None:
    old, new = pair
    out = tmp_path / "out"
    out.mkdir()
    hostile.write_series(out / "series", old, new)
    inputs = [old, new, out / "series" / "series.toml"]
    before = {path: digest(path) for path in inputs}
    for path in inputs:
        path.chmod(0o444)  # a write attempt would fail loudly, not just change a hash
    commands = hostile.draft_commands(str(new), str(old), str(out))
    commands["trace"] = ["trace", "old:para.17", str(old), str(new)]
    results = {name: hostile.run_in_process(argv) for name, argv in commands.items()}
    for name, run in results.items():
        assert run["code"] == 0, (name, run["stderr"])
    assert {path: digest(path) for path in inputs} == before


OUTPUT_IS_INPUT = {  # --format given wherever the input's extension would not pick a format by itself
    "parse": ["parse", "{old}", "--format", "json", "-o", "{old}"],
    "align": ["align", "{old}", "{new}", "--format", "json", "-o", "{new}"],
    "redline": ["redline", "{old}", "{new}", "-o", "{new}"],
    "redline-old": ["redline", "{old}", "{new}", "--format", "docx", "-o", "{old}"],
    "stats": ["stats", "{old}", "{new}", "--format", "json", "-o", "{old}"],
    "history": ["history", "{old}", "{new}", "--format", "json", "-o", "{new}"],
    "graph-build": ["graph", "build", "{old}", "{new}", "--format", "json", "-o", "{new}"],
    "graph-draw": ["graph", "draw", "{old}", "{new}", "--format", "svg", "-o", "{old}"],
    "trace": ["trace", "old:para.17", "{old}", "{new}", "--format", "json", "-o", "{old}"],
    "coverage": ["coverage", "{new}", "--source", "src={old}", "--format", "csv", "-o", "{old}"],
}


@pytest.mark.parametrize("name", sorted(OUTPUT_IS_INPUT))
@pytest.mark.parametrize("spelling", ["same", "dotted", "symlink", "hardlink"])
def test_an_output_that_is_an_input_is_refused(pair, tmp_path: Path, monkeypatch, name: str, spelling: str) -> None:
    old, new = pair
    monkeypatch.chdir(tmp_path)
    before = {old: digest(old), new: digest(new)}
    argv = [a.format(old=old, new=new) for a in OUTPUT_IS_INPUT[name]]
    target = Path(argv[-1])
    if spelling == "dotted":
        argv[-1] = f"./{target.name}"  # relative to the working folder, which holds the drafts
    elif spelling in ("symlink", "hardlink"):
        alias = tmp_path / f"alias{target.suffix}"
        (alias.symlink_to if spelling == "symlink" else alias.hardlink_to)(target)
        argv[-1] = str(alias)
    run = hostile.run_in_process(argv)
    assert run["code"] == 2, run
    lines = run["stderr"].strip().splitlines()
    assert len(lines) == 1 and "output would overwrite the input" in lines[0], run["stderr"]
    assert {old: digest(old), new: digest(new)} == before


def test_build_into_the_series_folder_keeps_the_drafts(pair, tmp_path: Path) -> None:
    old, new = pair
    series = tmp_path / "series"
    hostile.write_series(series, old, new)
    before = {old: digest(old), new: digest(new), series / "series.toml": digest(series / "series.toml")}
    run = hostile.run_in_process(["build", str(series), "-o", str(tmp_path)])
    assert "Traceback" not in run["stderr"]
    assert {path: digest(path) for path in before} == before


def test_an_exception_mid_write_leaves_the_old_output(tmp_path: Path) -> None:
    target = tmp_path / "out.html"
    target.write_text("old output", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_open(target, "w") as handle:
            handle.write("new output, half")
            raise RuntimeError("renderer failed")
    assert target.read_text(encoding="utf-8") == "old output"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.html"]  # the temporary file is gone


SLOW_WRITER = """
import sys, time
from compactdraft.safeio import atomic_open
with atomic_open(sys.argv[1], "wb") as handle:
    for n in range(10_000):
        handle.write(b"new " * 4096)
        handle.flush()
        if n == 5:
            print("writing", flush=True)
        time.sleep(0.001)
"""


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGINT, signal.SIGTERM])
def test_a_killed_writer_leaves_the_old_output_whole(tmp_path: Path, how: int) -> None:
    """Killed half-way (kill -9, Ctrl-C, kill): the target still holds the old bytes, never part of the
    new ones; a process killed without unwinding (SIGKILL, SIGTERM) can leave only a hidden .NAME.*.tmp
    beside it, never a torn target."""
    target = tmp_path / "redline.docx"
    old_bytes = b"old " * 1000
    target.write_bytes(old_bytes)
    process = subprocess.Popen([sys.executable, "-c", SLOW_WRITER, str(target)], stdout=subprocess.PIPE,
                               cwd=ROOT)
    assert process.stdout is not None and process.stdout.readline() == b"writing\n"
    time.sleep(0.05)
    process.send_signal(how)
    process.wait(timeout=30)
    assert target.read_bytes() == old_bytes
    leftovers = [p.name for p in tmp_path.iterdir() if p != target]
    if how == signal.SIGINT:  # Python unwinds (KeyboardInterrupt): the temporary file is removed
        assert leftovers == []
    assert all(name.startswith(".redline.docx.") and name.endswith(".tmp") for name in leftovers)


def test_a_completed_write_replaces_the_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    target.write_text("a much longer old output " * 100, encoding="utf-8")
    write_output(str(target), "new")
    assert target.read_text(encoding="utf-8") == "new"
    assert oct(target.stat().st_mode & 0o777) == oct(0o644)


def test_existing_outputs_are_replaced_only_where_the_help_says_so(pair, tmp_path: Path) -> None:
    """-o FILE replaces FILE (each command's help says so); build replaces only the files it makes in
    OUT and leaves everything else there alone."""
    from click.testing import CliRunner

    from compactdraft.cli import cli

    old, new = pair
    for command in (["parse"], ["align"], ["redline"], ["stats"], ["history"], ["graph", "build"], ["graph", "draw"],
                    ["trace"], ["coverage"]):
        text = CliRunner().invoke(cli, command + ["--help"], terminal_width=200).output
        assert "replaced" in " ".join(text.split()), command
    out = tmp_path / "report.json"
    out.write_text("previous", encoding="utf-8")
    assert hostile.run_in_process(["redline", str(old), str(new), "-o", str(out)])["code"] == 0
    assert out.read_text(encoding="utf-8").startswith("{")

    build = tmp_path / "build"
    build.mkdir()
    keep = build / "notes-of-the-user.txt"
    keep.write_text("mine", encoding="utf-8")
    series = tmp_path / "series"
    hostile.write_series(series, old, new)
    assert hostile.run_in_process(["build", str(series), "-o", str(build)])["code"] == 0
    assert keep.read_text(encoding="utf-8") == "mine"
    build_help = CliRunner().invoke(cli, ["build", "--help"], terminal_width=200).output
    assert "replaced" in " ".join(build_help.split())


def test_stdout_output_writes_no_file(pair, tmp_path: Path, monkeypatch) -> None:
    old, new = pair
    monkeypatch.chdir(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    assert hostile.run_in_process(["redline", str(old), str(new), "-o", "-"])["code"] == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == before


def test_files_are_opened_read_only(pair, monkeypatch) -> None:
    """Readers open inputs with mode 'rb' only (checked on every open the library makes)."""
    import builtins

    from compactdraft.redline import compare_files

    old, new = pair
    modes: list[tuple[str, str]] = []
    real_open = builtins.open

    def spy(file, mode="r", *args, **kwargs):
        modes.append((str(file), mode))
        return real_open(file, mode, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", spy)
    compare_files(str(old), str(new))
    opened = [mode for name, mode in modes if name in (str(old), str(new))]
    assert opened and set(opened) == {"rb"}
    assert os.access(old, os.R_OK)


# --- issue 18: folders given as input, devices, modes, failed writes, whole builds ------------------

SERIES_COMMANDS = {  # every command that takes a series folder, -o aimed at one of its files
    "history": ["history", "{series}", "--format", "json", "-o", "{target}"],
    "graph-build": ["graph", "build", "{series}", "--format", "json", "-o", "{target}"],
    "graph-draw": ["graph", "draw", "{series}", "--format", "svg", "-o", "{target}"],
    "trace": ["trace", "old:para.17", "--series", "{series}", "--format", "json", "-o", "{target}"],
    "coverage": ["coverage", "{series}", "--format", "csv", "-o", "{target}"],
}


@pytest.fixture()
def series(pair, tmp_path: Path) -> Path:
    folder = tmp_path / "ser"
    folder.mkdir()
    old, new = pair
    (folder / "old.docx").write_bytes(old.read_bytes())
    (folder / "new.docx").write_bytes(new.read_bytes())
    (folder / "src.docx").write_bytes(old.read_bytes())
    (folder / "series.toml").write_text('[[draft]]\nid = "old"\nfile = "old.docx"\n\n[[draft]]\nid = "new"\n'
                                        'file = "new.docx"\n\n[[source]]\nid = "src"\nfile = "src.docx"\n')
    return folder


@pytest.mark.parametrize("name", sorted(SERIES_COMMANDS))
@pytest.mark.parametrize("victim", ["old.docx", "src.docx", "series.toml", "./ser/../ser/new.docx"])
def test_a_series_folder_input_protects_its_files(series: Path, monkeypatch, name: str, victim: str) -> None:
    monkeypatch.chdir(series.parent)
    target = victim if victim.startswith(".") else f"ser/{victim}"
    before = {p: digest(p) for p in series.iterdir()}
    argv = [a.format(series="ser", target=target) for a in SERIES_COMMANDS[name]]
    run = hostile.run_in_process(argv)
    assert run["code"] == 2, (name, run["stderr"])
    assert "would overwrite the input" in run["stderr"] and run["stderr"].count("\n") == 1
    assert {p: digest(p) for p in series.iterdir()} == before


def test_build_into_its_own_series_folder_keeps_an_input_named_like_an_output(series: Path) -> None:
    (series / "index.html").write_bytes((series / "new.docx").read_bytes())
    manifest = series / "series.toml"
    manifest.write_text(manifest.read_text().replace('file = "new.docx"', 'file = "index.html"'))
    before = {p: digest(p) for p in series.iterdir()}
    run = hostile.run_in_process(["build", str(series), "-o", str(series)])
    assert run["code"] == 2 and "index.html" in run["stderr"], run["stderr"]
    assert {p: digest(p) for p in series.iterdir()} == before


@pytest.mark.skipif(os.geteuid() != 0, reason="replacing /dev/null needs root: the case the issue measured")
def test_a_device_is_written_as_a_device(pair) -> None:
    old, _ = pair
    for device in ("/dev/null", "/dev/stdout"):
        run = hostile.run_in_process(["parse", str(old), "-o", device])
        assert run["code"] == 0, run["stderr"]
        assert not Path("/dev/null").is_file() and Path("/dev/null").is_char_device()
    run = hostile.run_in_process(["parse", str(old), "-o", "/dev/full"])
    assert run["code"] == 1 and "/dev/full: cannot write" in run["stderr"], run["stderr"]
    assert Path("/dev/full").is_char_device()


def test_an_output_keeps_the_mode_it_replaces_else_the_umask(tmp_path: Path) -> None:
    target = tmp_path / "out.txt"
    old = os.umask(0o027)
    try:
        write_output(target, "one")
        assert target.stat().st_mode & 0o777 == 0o640
        target.chmod(0o604)
        write_output(target, "two")
        assert target.stat().st_mode & 0o777 == 0o604
    finally:
        os.umask(old)


@pytest.mark.parametrize("spelling, code, fragment", [
    ("", 2, "-o is empty"),
    ("afile/x.json", 1, "afile/x.json: cannot write (a folder on its path is a file)"),
    ("folder", 2, "'folder' is a directory"),
])
def test_a_write_that_cannot_happen_is_one_line(pair, tmp_path: Path, monkeypatch, spelling: str, code: int,
                                               fragment: str) -> None:
    old, _ = pair
    monkeypatch.chdir(tmp_path)
    (tmp_path / "afile").write_text("x")
    (tmp_path / "folder").mkdir()
    run = hostile.run_in_process(["parse", str(old), "--format", "json", "-o", spelling])
    assert run["code"] == code and fragment in run["stderr"] and run["stderr"].count("\n") == 1, run["stderr"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_an_unwritable_folder_is_exit_1(pair, tmp_path: Path) -> None:
    old, _ = pair
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o555)
    run = hostile.run_in_process(["parse", str(old), "-o", str(locked / "x.json")])
    assert run["code"] == 1 and "cannot write" in run["stderr"], run["stderr"]


@pytest.mark.parametrize("stdout", ["closed", "full"])
def test_a_closed_or_full_stdout_is_one_line_exit_1(pair, stdout: str) -> None:
    old, _ = pair
    redirect = ">&-" if stdout == "closed" else ">/dev/full"
    command = f"{sys.executable} -m compactdraft.cli parse {old} {redirect}"
    done = subprocess.run(["sh", "-c", command], capture_output=True, text=True, timeout=120, cwd=ROOT)
    if done.returncode != 0 and "No module named compactdraft.cli.__main__" in done.stderr:
        command = f"{ROOT / '.venv/bin/compactdraft'} parse {old} {redirect}"
        done = subprocess.run(["sh", "-c", command], capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 1, done.stderr
    assert done.stderr.startswith("compactdraft: error: <stdout>: cannot write") and done.stderr.count("\n") == 1


def test_a_killed_build_leaves_the_previous_build_whole(tmp_path: Path) -> None:
    drafts = ROOT / "drafts"
    out = tmp_path / "out"
    tool = [sys.executable, "-c", "from compactdraft.cli import main; main()"]
    subprocess.run(tool + ["build", str(drafts), "-o", str(out)], check=True, capture_output=True, timeout=600)
    before = {p.relative_to(out): digest(p) for p in out.rglob("*") if p.is_file()}
    for delay in (0.5, 1.5, 3.0):
        proc = subprocess.Popen(tool + ["build", str(drafts), "-o", str(out), "--notes", "footnotes"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        now = {p.relative_to(out): digest(p) for p in out.rglob("*") if p.is_file() and ".compactdraft-staging"
               not in p.parts}
        if now != before:  # the new build completed before the kill: then it is whole, and the new one
            assert set(now) == set(before)
            before = now
    subprocess.run(tool + ["build", str(drafts), "-o", str(out)], check=True, capture_output=True, timeout=600)
    assert not (out / ".compactdraft-staging").exists()
