"""compactdraft init, and drafts given as files put in negotiation order (never the shell's)."""
from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

from compactdraft.parse.ordering import SeriesOrderWarning, order_drafts
from compactdraft.parse.series import series_from_paths

ROOT = Path(__file__).resolve().parents[2]
DRAFTS = ROOT / "drafts"


def _cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "compactdraft", *args], cwd=cwd, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=120)


def _undated(source: Path, target: Path) -> Path:
    """A copy of a .docx without creation or modification date (so only its name could tell)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w") as new:
        for info in old.infolist():
            data = old.read(info.filename)
            if info.filename == "docProps/core.xml":
                import re

                data = re.sub(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>", b"", data)
            new.writestr(info, data)
    return target


def test_init_orders_the_sample_by_the_dates_in_the_files(tmp_path: Path) -> None:
    folder = tmp_path / "series"
    shutil.copytree(DRAFTS, folder, ignore=shutil.ignore_patterns("series.toml", "__pycache__"))
    result = _cli("init", str(folder))
    assert result.returncode == 0, result.stderr
    manifest = tomllib.loads((folder / "series.toml").read_text(encoding="utf-8"))
    assert [d["file"] for d in manifest["draft"]] == ["zero-draft.docx", "rev1.docx", "rev2.docx", "final.docx"]
    assert [d["date"] for d in manifest["draft"]] == ["2026-02-05", "2026-04-02", "2026-05-28", "2026-07-10"]
    assert {s["file"] for s in manifest["source"]} == {"sources/declaration.docx", "sources/report.docx"}
    again = _cli("init", str(folder))
    assert again.returncode == 2 and "exists already" in again.stderr  # never overwritten


def test_init_refuses_without_a_terminal_when_the_order_is_unclear(tmp_path: Path) -> None:
    _undated(DRAFTS / "rev1.docx", tmp_path / "alpha.docx")
    _undated(DRAFTS / "rev2.docx", tmp_path / "beta.docx")
    result = _cli("init", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.startswith("compactdraft: error: cannot tell the order of the drafts")
    assert "--order" in result.stderr and not (tmp_path / "series.toml").exists()
    ordered = _cli("init", str(tmp_path), "--order", "beta.docx,alpha.docx")
    assert ordered.returncode == 0, ordered.stderr
    manifest = tomllib.loads((tmp_path / "series.toml").read_text(encoding="utf-8"))
    assert [d["file"] for d in manifest["draft"]] == ["beta.docx", "alpha.docx"]


def test_files_given_in_shell_order_follow_the_series_toml_beside_them() -> None:
    shell_order = sorted(DRAFTS.glob("*.docx"))  # final, rev1, rev2, zero-draft
    series = series_from_paths(shell_order)
    assert [e.id for e in series.drafts] == ["zero", "rev1", "rev2", "final"]


def test_files_are_ordered_by_their_dates_or_names(tmp_path: Path) -> None:
    for name in ("final.docx", "rev1.docx", "zero-draft.docx"):
        shutil.copy(DRAFTS / name, tmp_path / name)
    assert [p.name for p in order_drafts(sorted(tmp_path.glob("*.docx"))).paths] == [
        "zero-draft.docx", "rev1.docx", "final.docx"]
    undated = [_undated(DRAFTS / "final.docx", tmp_path / "final-text.docx"),
               _undated(DRAFTS / "rev1.docx", tmp_path / "rev.2.docx")]
    result = order_drafts(undated)
    assert result.how == "names" and [p.name for p in result.paths] == ["rev.2.docx", "final-text.docx"]


def test_an_unsure_order_warns(tmp_path: Path) -> None:
    files = [_undated(DRAFTS / "rev2.docx", tmp_path / "b.docx"), _undated(DRAFTS / "rev1.docx", tmp_path / "a.docx")]
    with pytest.warns(SeriesOrderWarning, match="taking the drafts in the order given"):
        series = series_from_paths(files)
    assert [e.id for e in series.drafts] == ["b", "a"]
    result = _cli("history", *map(str, files))
    assert result.returncode == 0
    assert result.stderr.startswith("compactdraft: warning: taking the drafts in the order given (b.docx, a.docx)")
