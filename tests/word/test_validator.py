"""Microsoft's Open XML SDK validator reads our Word redlines (tests/support/ooxml_validator.py hosts it).

A redline may carry no error that its inputs do not already have: errors are compared as sets of
kinds (schema set, error id, wording), validated under the newest schema set (Microsoft365) and the
oldest (Office2007, where every w14/wp14 attribute must sit in a namespace declared mc:Ignorable).
Every peer-suite pair (../shared/peer/wmlcomparer/cases.tsv, both layouts) and every round of the
sample series in drafts/ is checked. The SDK comes from the python-redlines engine wheel (the test
extra installs it); where .NET cannot be hosted the tests skip and say why.
"""
from __future__ import annotations

import csv
import io
import re
import zipfile
from pathlib import Path

import pytest
from conftest import DRAFTS, PEER
from docxfactory import compact_docx
from lxml import etree
from ooxml_validator import new_errors, validate, validator_problem

from compactdraft.parse import parse_file
from compactdraft.parse.series import load_manifest
from compactdraft.redline import compare
from compactdraft.render import render
from compactdraft.word.compat import MC_IGNORABLE, declare_ignorable
from compactdraft.word.namespaces import W_NS

W14 = "http://schemas.microsoft.com/office/word/2010/wordml"
WP14 = "http://schemas.microsoft.com/office/word/2010/wordprocessingDrawing"


@pytest.fixture(scope="module", autouse=True)
def _sdk() -> None:
    problem = validator_problem()
    if problem:
        pytest.skip(problem)


def _peer_pairs() -> list[tuple[str, Path, Path]]:
    table = PEER / "cases.tsv"
    if not table.exists():
        return []
    with open(table, encoding="utf-8", newline="") as handle:
        return [(row["case"], PEER / row["left"], PEER / row["right"])
                for row in csv.DictReader(handle, delimiter="\t")]


def _sample_rounds() -> list[tuple[str, Path, Path]]:
    files = [entry.path for entry in load_manifest(DRAFTS / "series.toml").drafts]
    return [(f"{a.stem}->{b.stem}", a, b) for a, b in zip(files, files[1:], strict=False)]


def _redline(left: Path, right: Path, base: str) -> bytes:
    return render("redline", compare(parse_file(left, draft_id="left"), parse_file(right, draft_id="right")),
                  "docx", base=base)


@pytest.mark.slow
@pytest.mark.parametrize("base", ["new", "old"])
def test_every_peer_pair_and_sample_round_adds_no_validator_error(base: str) -> None:
    pairs = _peer_pairs() + _sample_rounds()
    if not _peer_pairs():
        pytest.skip(f"WmlComparer peer suite not found at {PEER}")
    found = {case: new_errors(_redline(left, right, base), left, right) for case, left, right in pairs}
    assert {case: [str(e) for e in errors] for case, errors in found.items() if errors} == {}


def _word2010_notes(data: bytes) -> bytes:
    """The package with its footnotes part as Word 2010 and later write it: every paragraph carries
    w14:paraId/w14:textId and the root declares w14 ignorable."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "word/footnotes.xml":
                text = content.decode("utf-8")
                text = text.replace("<w:footnotes ", f'<w:footnotes xmlns:w14="{W14}" xmlns:mc='
                                    '"http://schemas.openxmlformats.org/markup-compatibility/2006" '
                                    'mc:Ignorable="w14" ', 1)
                counter = iter(range(1, 10_000))
                text = re.sub(r"<w:p>", lambda _, ids=counter: f'<w:p w14:paraId="{next(ids):08X}" '
                              'w14:textId="77777777">', text)
                content = text.encode("utf-8")
            target.writestr(info.filename, content)
    return out.getvalue()


def test_rewritten_note_part_declares_the_w14_it_keeps(tmp_path: Path) -> None:
    old_doc, new_doc = compact_docx(), compact_docx()
    old_doc.paragraph("We will report{fn:See resolution 70/1.} every two years.", num=1)
    new_doc.paragraph("We will report{fn:See resolution 70/1, annex.} every year.", num=1)
    old, new = tmp_path / "old.docx", tmp_path / "new.docx"
    old.write_bytes(_word2010_notes(old_doc.to_bytes()))
    new.write_bytes(_word2010_notes(new_doc.to_bytes()))
    for base in ("new", "old"):
        redline = _redline(old, new, base)
        notes = etree.fromstring(zipfile.ZipFile(io.BytesIO(redline)).read("word/footnotes.xml"))
        assert any(attr.startswith(f"{{{W14}}}") for node in notes.iter() for attr in node.attrib)
        assert "w14" in notes.get(MC_IGNORABLE, "").split()
        assert new_errors(redline, old, new) == []


def test_declare_ignorable_lists_undeclared_extensions_and_keeps_the_rest() -> None:
    root = etree.fromstring(f'<w:document xmlns:w="{W_NS}" xmlns:wp14="{WP14}"><w:body><w:p wp14:anchorId="1"/>'
                            '</w:body></w:document>')
    fixed = declare_ignorable(root)
    assert fixed.get(MC_IGNORABLE) == "wp14"
    assert fixed.nsmap["wp14"] == WP14
    assert fixed.find(f"{{{W_NS}}}body") is not None
    plain = etree.fromstring(f'<w:document xmlns:w="{W_NS}"><w:body/></w:document>')
    assert declare_ignorable(plain) is plain and plain.get(MC_IGNORABLE) is None


def test_the_validator_sees_an_undeclared_extension_attribute(tmp_path: Path) -> None:
    """The check can fail: a w14 attribute in a root that does not declare it ignorable is an error."""
    doc = compact_docx()
    doc.paragraph("We commit to act.", num=1)
    data = doc.to_bytes()
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "word/document.xml":
                content = content.replace(b' mc:Ignorable="w14 wp14"', b"", 1)
                content = content.replace(b"<w:p>", b'<w:p w14:paraId="00000001">', 1)
            target.writestr(info.filename, content)
    errors = validate(out.getvalue())
    assert any(e.version == "Office2007" and "paraId" in e.description for e in errors), errors
    assert validate(data) == []
