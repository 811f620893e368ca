"""Successive renewals of one mandate, in the six UN languages, redline exactly and tightly.

Real pairs from ../shared/corpus/sc/ (MANIFEST.md): the same mission's mandate renewed a few months
apart, so the wording changes a little (dates, reports cited, a new force commander). For every pair
and language the Word redline must give NEW when every change is accepted and OLD when every change
is rejected (our tracked-changes reader here; LibreOffice in test_renewals_in_libreoffice), and it must
mark at most 1.5 times the minimal character change plus 40 characters. The minimal change is the
diff-match-patch character diff of the two texts (provisions joined by line breaks) after its semantic
cleanup, which drops the one- or two-letter equalities a character diff finds by chance between
unrelated words ("18 March" -> "24 September" keeps an "r").
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT
from diff_match_patch import diff_match_patch

from compactdraft.model import Draft
from compactdraft.parse import parse_file
from compactdraft.redline import Redline, compare
from compactdraft.render import render
from compactdraft.word.tracked import normalized, read_tracked
from compactdraft.word.writer import title_provision

SC = ROOT.parent / "shared" / "corpus" / "sc"
UNO_PYTHON = "/usr/bin/python3"  # Debian's Python, which carries python3-uno (as in tests/word/test_libreoffice.py)
SCRIPT = ROOT / "tests" / "support" / "lo_accept_reject.py"
LANGUAGES = ("Arabic", "Chinese", "English", "French", "Russian", "Spanish")
PAIRS = {
    "UNDOF 2024": ("2737", "2766"),  # Golan: June and December 2024 renewals
    "UNDOF 2024-25": ("2766", "2782"),  # December 2024 and June 2025
    "EUFOR Althea": ("2757", "2795"),  # Bosnia and Herzegovina, November 2024 and 2025
}
# (pair, language): why the marking exceeds the budget
OVER_BUDGET = {
    ("UNDOF 2024", "French"): "217 marked for 103 minimal (budget 194): the word diff's semantic cleanup, run "
                              "on token codes, merges the 5-token equality ' de division ' between two "
                              "replacements ('du général' -> 'de la générale', the commander's name)",
}


def _file(number: str, language: str) -> Path:
    found = sorted((SC).glob(f"*/{language}/S_RES*{number}-*.xml"))
    if not found:
        pytest.skip(f"S/RES/{number} in {language} not in {SC}")
    return found[0]


def _pair(name: str, language: str) -> tuple[Draft, Draft, Redline]:
    old_number, new_number = PAIRS[name]
    old, new = parse_file(_file(old_number, language)), parse_file(_file(new_number, language))
    return old, new, compare(old, new)


def shown(draft: Draft) -> list[str]:
    title = title_provision(draft)
    return normalized(([title.text] if title else []) + [p.display for p in draft.provisions])


def marked_characters(redline: Redline) -> int:
    return sum(len(op.text) for entry in redline.entries for op in entry.ops if op.op != "equal")


def minimal_change(old: Draft, new: Draft) -> int:
    dmp = diff_match_patch()
    dmp.Diff_Timeout = 0
    diffs = dmp.diff_main("\n".join(p.text for p in old), "\n".join(p.text for p in new))
    dmp.diff_cleanupSemantic(diffs)
    return sum(len(text) for op, text in diffs if op != 0)


CASES = [(name, language) for name in PAIRS for language in LANGUAGES]


@pytest.mark.parametrize(("name", "language"), CASES)
def test_renewal_redlines_exactly_and_tightly(name: str, language: str) -> None:
    if not (SC / "MANIFEST.md").exists():
        pytest.skip(f"Security Council corpus not found at {SC}")
    old, new, redline = _pair(name, language)
    document = read_tracked(render("redline", redline, "docx"))
    assert normalized(document.accepted()) == shown(new)
    assert normalized(document.rejected()) == shown(old)
    marked, minimal = marked_characters(redline), minimal_change(old, new)
    within = marked <= 1.5 * minimal + 40
    if (name, language) in OVER_BUDGET:
        assert not within, f"now within budget ({marked} for {minimal}): remove it from OVER_BUDGET"
    else:
        assert within, f"{marked} characters marked where {minimal} changed"


@pytest.mark.libreoffice
def test_renewals_in_libreoffice(tmp_path: Path) -> None:
    """LibreOffice accepts every change to NEW and rejects every change to OLD, in all six languages."""
    if shutil.which("soffice") is None or not Path(UNO_PYTHON).exists():
        pytest.skip("LibreOffice (soffice) or Debian's python3 with python3-uno is not installed")
    if not (SC / "MANIFEST.md").exists():
        pytest.skip("Security Council corpus not found")
    expected, paths = {}, []
    for name, language in CASES:
        old, new, redline = _pair(name, language)
        path = tmp_path / f"{PAIRS[name][0]}-{PAIRS[name][1]}-{language}.docx"
        path.write_bytes(render("redline", redline, "docx"))
        expected[str(path)] = (shown(new), shown(old))
        paths.append(path)
    report_path = tmp_path / "report.json"
    subprocess.run([UNO_PYTHON, str(SCRIPT), str(report_path), *map(str, paths)], check=True, timeout=600)
    report = json.loads(report_path.read_text(encoding="utf-8"))
    for path, (accepted, rejected) in expected.items():
        for mode, want in (("accept", accepted), ("reject", rejected)):
            outcome = report[path][mode]
            assert "error" not in outcome, (path, outcome.get("error"))
            assert outcome["remaining"] == 0, path
            assert normalized([text for _, text in outcome["paragraphs"]]) == want, (path, mode)


@pytest.mark.parametrize(("language", "right_to_left"), [("Arabic", True), ("English", False), ("Chinese", False)])
def test_word_redline_from_akn_takes_the_reading_direction(language: str, right_to_left: bool) -> None:
    """From AKN there are no Word properties to keep: Arabic paragraphs get w:bidi, their Arabic runs w:rtl."""
    import io
    import zipfile

    from lxml import etree

    from compactdraft.word.namespaces import W

    if not (SC / "MANIFEST.md").exists():
        pytest.skip(f"Security Council corpus not found at {SC}")
    _, _, redline = _pair("UNDOF 2024", language)
    data = render("redline", redline, "docx")
    body = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")).find(W + "body")
    paragraphs = [p for p in body.iter(W + "p") if "".join(p.itertext()).strip()]
    bidi = [p.find(f"{W}pPr/{W}bidi") is not None for p in paragraphs]
    assert bidi == [right_to_left] * len(paragraphs)
    rtl_runs = sum(1 for p in paragraphs for r in p.iter(W + "r") if r.find(f"{W}rPr/{W}rtl") is not None)
    assert (rtl_runs >= len(paragraphs)) if right_to_left else rtl_runs == 0
