"""LibreOffice itself opens our Word redlines, and accepting/rejecting every change gives NEW/OLD.

One headless soffice run (tests/support/lo_accept_reject.py, on Debian's python3 with python3-uno) handles
every document, because start-ups are slow. Empty paragraphs are ignored in the comparison: when the
last paragraph of a redline is an insertion, LibreOffice's reject-all leaves the (unremovable) final
paragraph empty where Word and our reader merge it away (docs/wordml.md).
"""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from docxfactory import compact_docx
from redline_cases import sample_alignment

from compactdraft.parse import parse_file
from compactdraft.redline import compare, redline_from_alignment
from compactdraft.render import render
from compactdraft.word.objects import OBJECT, strip_objects
from compactdraft.word.tracked import normalized, read_tracked
from compactdraft.word.writer import title_provision

pytestmark = pytest.mark.libreoffice
UNO_PYTHON = "/usr/bin/python3"
SCRIPT = Path(__file__).resolve().parents[1] / "support" / "lo_accept_reject.py"


def _lo_missing() -> str | None:
    if shutil.which("soffice") is None:
        return "LibreOffice (soffice) is not installed; `make test` installs it via .ci/system-deps.sh"
    if not Path(UNO_PYTHON).exists():
        return f"{UNO_PYTHON} (Debian's Python, which carries python3-uno) is absent"
    probe = subprocess.run([UNO_PYTHON, "-c", "import uno"], check=False, capture_output=True)
    if probe.returncode != 0:
        return "python3-uno (LibreOffice's Python bridge for /usr/bin/python3) is not installed"
    return None


def shown(draft) -> list[str]:
    """The paragraphs a redline shows for a draft: its title (when not a provision), then provisions."""
    title = title_provision(draft)
    return ([title.text] if title else []) + [p.display for p in draft.provisions]


def _cases(tmp: Path, corpus: Path | None) -> dict[str, tuple[bytes, list[str], list[str]]]:
    """name -> (redline .docx, expected accepted paragraphs, expected rejected paragraphs)."""
    cases = {}
    sample = redline_from_alignment(sample_alignment())
    data = render("redline", sample, "docx")
    doc = read_tracked(data)
    cases["sample"] = (data, doc.accepted(), doc.rejected())
    old_doc, new_doc = compact_docx(first_para=17), compact_docx(objectives=4, first_para=17)
    new_doc.paragraph("We further commit to review this compact.", num=1)
    (tmp / "old.docx").write_bytes(old_doc.to_bytes())
    (tmp / "new.docx").write_bytes(new_doc.to_bytes())
    pair = compare(parse_file(tmp / "old.docx"), parse_file(tmp / "new.docx"))
    cases["compact-new"] = (render("redline", pair, "docx", base="new"),
                            read_tracked((tmp / "new.docx").read_bytes()).accepted(),
                            read_tracked((tmp / "old.docx").read_bytes()).accepted())
    # on OLD's layout, lists that only NEW defines cannot be printed by Word: their labels are typed,
    # so LibreOffice must agree with our reader rather than with NEW's source paragraphs
    data = render("redline", pair, "docx", base="old")
    doc = read_tracked(data)
    cases["compact-old"] = (data, doc.accepted(), doc.rejected())
    # footnotes: one kept and reworded, one deleted with its reference, one inserted
    old_doc, new_doc = compact_docx(), compact_docx()
    old_doc.paragraph("We will report{fn:See resolution 70/1.} every two years{fn:Starting in 2020.}.", num=1)
    new_doc.paragraph("We will report{fn:See resolution 70/1, annex.} every year{fn:From 2021.}.", num=1)
    (tmp / "old-notes.docx").write_bytes(old_doc.to_bytes())
    (tmp / "new-notes.docx").write_bytes(new_doc.to_bytes())
    pair = compare(parse_file(tmp / "old-notes.docx"), parse_file(tmp / "new-notes.docx"))
    cases["footnotes"] = (render("redline", pair, "docx"),
                          read_tracked((tmp / "new-notes.docx").read_bytes()).accepted(),
                          read_tracked((tmp / "old-notes.docx").read_bytes()).accepted())
    cases.update(_peer_table_cases())
    if corpus is not None:
        old = parse_file(corpus / "gcm_zero_draft_plus_partial.txt", draft_id="zero")
        new = parse_file(corpus / "gcm_final_objectives.txt", draft_id="final")
        data = render("redline", compare(old, new), "docx")
        cases["gcm"] = (data, shown(new), shown(old))
    return cases


# Cases of the WmlComparer suite: tables redlined in place (compactdraft/word/inplace.py): a row inserted,
# a row deleted (put back whole, base new), a row's contents deleted (each cell's in its cell),
# cell contents swapped, merged cells with a reworded cell and a paragraph added after the table.
PEER_TABLES = {"table-row": ("WC/WC006-Table-Delete-Row.docx", "WC/WC006-Table.docx"),
               "table-row-deleted": ("WC/WC006-Table.docx", "WC/WC006-Table-Delete-Row.docx"),
               "table-row-emptied": ("WC/WC006-Table.docx", "WC/WC006-Table-Delete-Contests-of-Row.docx"),
               "picture-replaced": ("WC/WC013-Image-Before.docx", "WC/WC013-Image-After.docx"),
               "equation-changed": ("WC/WC012-Math-Before.docx", "WC/WC012-Math-After.docx"),
               "table-cells": ("WC/WC025-Simple-Table-Before.docx", "WC/WC025-Simple-Table-After.docx"),
               "table-merged": ("WC/WC033-Merged-Cells-Before.docx", "WC/WC033-Merged-Cells-After1.docx")}


def _peer_table_cases() -> dict[str, tuple[bytes, list[str], list[str]]]:
    from conftest import PEER
    cases = {}
    for name, (left, right) in PEER_TABLES.items():
        if (PEER / left).exists() and (PEER / right).exists():
            data = render("redline", compare(parse_file(PEER / left), parse_file(PEER / right)), "docx")
            cases[name] = (data, read_tracked((PEER / right).read_bytes()).accepted(),
                           read_tracked((PEER / left).read_bytes()).accepted())
    return cases


@pytest.fixture(scope="module")
def libreoffice_run(tmp_path_factory) -> dict[str, tuple[dict, list[str], list[str]]]:
    reason = _lo_missing()
    if reason:
        pytest.skip(reason)
    tmp = tmp_path_factory.mktemp("lo")
    from conftest import CORPUS
    corpus = CORPUS if (CORPUS / "gcm_final_objectives.txt").exists() else None
    cases = _cases(tmp, corpus)
    paths = {}
    for name, (data, _, _) in cases.items():
        paths[name] = tmp / f"{name}.docx"
        paths[name].write_bytes(data)
    report_path = tmp / "report.json"
    subprocess.run([UNO_PYTHON, str(SCRIPT), str(report_path), *map(str, paths.values())], check=True, timeout=300)
    report = json.loads(report_path.read_text(encoding="utf-8"))
    return {name: (report[str(paths[name])], accepted, rejected) for name, (_, accepted, rejected) in cases.items()}


@pytest.mark.parametrize("name", ["sample", "compact-new", "compact-old", "footnotes", "gcm", *PEER_TABLES])
def test_libreoffice_accepts_to_new_and_rejects_to_old(libreoffice_run, name: str) -> None:
    if name not in libreoffice_run:
        pytest.skip("real UN corpus or WmlComparer suite not found")
    result, accepted, rejected = libreoffice_run[name]
    for mode, expected in (("accept", accepted), ("reject", rejected)):
        outcome = result[mode]
        assert "error" not in outcome, outcome.get("error")
        assert outcome["remaining"] == 0
        texts = [text for _, text in outcome["paragraphs"]]
        assert _textual(texts) == _textual(expected), mode
        if _textual(expected):  # a picture alone saves as no text
            assert normalized(outcome["text"].splitlines()), "saving as text produced nothing"


def _textual(paragraphs: list[str]) -> list[str]:
    """Paragraph texts without object tokens: LibreOffice's text of a picture or an equation is not
    ours (U+FFFC and a content key), so objects are checked by our reader, paragraphs and text here."""
    return normalized([strip_objects(text).replace(OBJECT, "") for text in paragraphs])


def test_libreoffice_sees_the_tracked_changes(libreoffice_run) -> None:
    result, _, _ = libreoffice_run["sample"]
    assert result["accept"]["changes"] > 0


def test_word_numbering_prints_the_labels_in_libreoffice(libreoffice_run) -> None:
    result, _, _ = libreoffice_run["compact-new"]
    labels = [label for label, _ in result["accept"]["paragraphs"] if label]
    assert "17." in labels and "(a)" in labels
    assert "21." in labels  # the added commitment, numbered by Word's list, not typed


def test_libreoffice_sees_a_replaced_picture_as_a_deletion_and_an_insertion(libreoffice_run) -> None:
    # (a changed equation round-trips too, above, but LibreOffice 7.4 lists the deleted and the
    # inserted m:oMathPara as one redline: see docs/peer-suite.md)
    if "picture-replaced" not in libreoffice_run:
        pytest.skip("WmlComparer suite not found")
    result, _, _ = libreoffice_run["picture-replaced"]
    assert result["accept"]["changes"] == 2 and result["reject"]["changes"] == 2
