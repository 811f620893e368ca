"""``compactdraft verify``: a faithful redline passes, a doctored one fails with the silent change named
by provision, label and text; the inverted package's accept-all is the original's reject-all as read by
the independent tracked-changes reader and by LibreOffice."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import DRAFTS
from doctored import silently_delete

from compactdraft.redline import compare_files
from compactdraft.redline.verify import verify_files
from compactdraft.render import render
from compactdraft.word.invert import inverted_package
from compactdraft.word.tracked import normalized, read_tracked

OLD, NEW = str(DRAFTS / "rev1.docx"), str(DRAFTS / "rev2.docx")
PHRASE = ", including its duration"  # in para 8 (b) of rev1 and rev2, untouched by the round


@pytest.fixture(scope="module")
def redlines(tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("verify")
    faithful = render("redline", compare_files(OLD, NEW), "docx", author="Bureau", date="2026-05-28")
    assert isinstance(faithful, bytes)
    paths = {"faithful": tmp / "faithful.docx", "doctored": tmp / "doctored.docx"}
    paths["faithful"].write_bytes(faithful)
    paths["doctored"].write_bytes(silently_delete(faithful, PHRASE))
    return paths


def test_a_faithful_redline_passes(redlines) -> None:
    result = verify_files(OLD, NEW, str(redlines["faithful"]))
    assert result.faithful and result.findings == ()
    assert result.revisions > 0


def test_a_silent_deletion_is_named_by_provision_label_and_text(redlines) -> None:
    result = verify_files(OLD, NEW, str(redlines["doctored"]))
    assert not result.faithful
    old_side = [f for f in result.findings if f.side == "old"]
    assert [(f.kind, f.provision, f.label, f.text) for f in old_side] == [
        ("silent deletion", "para.8.b", "(b)", PHRASE)]


def test_wrong_drafts_for_a_redline_fail(redlines) -> None:
    result = verify_files(str(DRAFTS / "zero-draft.docx"), NEW, str(redlines["faithful"]))
    assert not result.faithful
    assert {f.side for f in result.findings} == {"old"}
    assert any(f.kind == "number change" for f in result.findings)


def _run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "compactdraft", *args], capture_output=True, text=True, timeout=120)


def test_cli_exit_codes_and_formats(redlines, tmp_path) -> None:
    ok = _run("verify", OLD, NEW, str(redlines["faithful"]))
    assert ok.returncode == 0, ok.stderr
    assert "faithful" in ok.stdout
    bad = _run("verify", OLD, NEW, str(redlines["doctored"]), "--format", "json")
    assert bad.returncode == 1
    report = json.loads(bad.stdout)
    assert report["faithful"] is False
    assert {"side": "old", "kind": "silent deletion", "provision": "para.8.b", "label": "(b)", "text": PHRASE,
            "context": "Record displacement beyond the emergency phase ⟦, including its duration⟧ and the "
                       "outcomes for the people", "bracket": False} in report["findings"]
    page = tmp_path / "audit.html"
    assert _run("verify", OLD, NEW, str(redlines["doctored"]), "-o", str(page)).returncode == 1
    assert "<mark>, including its duration</mark>" in page.read_text(encoding="utf-8")
    missing = _run("verify", OLD, NEW, str(tmp_path / "none.docx"))
    assert missing.returncode == 2 and "none.docx" in missing.stderr and "Traceback" not in missing.stderr


def test_inverting_swaps_accept_and_reject(redlines) -> None:
    data = redlines["faithful"].read_bytes()
    original, inverted = read_tracked(data), read_tracked(inverted_package(data))
    assert normalized(inverted.accepted()) == normalized(original.rejected())
    assert normalized(inverted.rejected()) == normalized(original.accepted())
    assert original.accepted() != original.rejected()


@pytest.mark.libreoffice
def test_libreoffice_reads_the_doctored_redline_without_the_phrase_on_either_side(redlines, tmp_path) -> None:
    uno = "/usr/bin/python3"
    if shutil.which("soffice") is None or not Path(uno).exists():
        pytest.skip("LibreOffice with python3-uno is not installed")
    script = Path(__file__).resolve().parents[1] / "support" / "lo_accept_reject.py"
    report_path = tmp_path / "lo.json"
    subprocess.run([uno, str(script), str(report_path), str(redlines["doctored"])], check=True, timeout=300)
    outcome = json.loads(report_path.read_text(encoding="utf-8"))[str(redlines["doctored"])]
    for mode in ("accept", "reject"):
        assert "error" not in outcome[mode]
        texts = [text for _, text in outcome[mode]["paragraphs"]]
        assert any("Record displacement beyond the emergency phase and the outcomes" in t for t in texts), mode
        assert not any(PHRASE in t for t in texts), mode
