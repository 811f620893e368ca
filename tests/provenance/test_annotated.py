"""The annotated final draft: history and source notes, the Word writer (comments, footnotes), HTML."""
from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import networkx as nx
import pytest
from docxfactory import compact_docx
from lxml import etree

from compactdraft.parse import parse_bytes, parse_file
from compactdraft.provenance.annotate import annotate, cite
from compactdraft.render import render

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LABELS = {"zero": "Zero draft", "rev1": "Rev. 1", "final": "Final", "decl": "Declaration"}

ZERO = """Global Compact for Testing

Objective 1: Objective number 1 of the compact

17. We commit to the commitment of objective 1.

To realize this commitment, we will draw from the following actions:

(a) Action 1 of objective 1.

(b) Action 2 of objective 1 on search and rescue at sea.

Objective 2: Objective number 2 of the compact

18. We commit to the commitment of objective 2.
"""


def _text_draft(text: str, draft_id: str) -> object:
    return parse_bytes(text.encode(), f"{draft_id}.txt", draft_id=draft_id)


@pytest.fixture(scope="module")
def final_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("annotated") / "final.docx"
    path.write_bytes(compact_docx().to_bytes())
    return path


@pytest.fixture(scope="module")
def series(final_docx: Path):
    """zero (text) -> final (.docx): objective 3 and its actions are new, action 1 (a) reworded."""
    final = parse_file(final_docx, draft_id="final", date="2026-07-13")
    zero_text = ZERO.replace("Action 1 of objective 1.", "Action one of objective 1.")
    zero = _text_draft(zero_text, "zero")
    decl = _text_draft("Declaration\n\n41. We commit to the commitment of objective 2 in full.\n", "decl")
    graph = nx.MultiDiGraph()
    graph.add_edge("final:para.18", "decl:para.41", key="cites.0", type="cites", kind="paragraph", score=1.0)
    graph.add_edge("final:para.18", "decl:para.41", key="reuses.0", type="reuses", kind="", score=0.8)
    graph.add_edge("final:para.19.a", "cite:A/RES/71/1#para.3", key="cites.0", type="cites", kind="", score=1.0)
    return annotate([zero, final], [decl], graph, labels=LABELS)


def test_cite_names_provisions_as_delegates_do(series):
    final = series.draft
    assert cite(final, "para.17.a") == "para. 17 (a)"
    assert cite(final, "para.17.a.ii") == "para. 17 (a) (ii)"
    assert cite(final, "obj.3") == "objective 3"
    assert cite(final, "para.17.text.1") == "chapeau of para. 17"
    assert cite(final, "preamble.2") == "preambular para. 2"
    assert cite(final, "annex.II.para.8.b") == "annex II, para. 8 (b)"
    assert cite(final, "rec.5") == "recommendation 5"


def test_history_of_new_reworded_and_unchanged_provisions(series):
    new = series.annotation("para.19")
    assert new is not None and new.history == "Introduced in Final as para. 19"
    reworded = series.annotation("para.17.a")
    assert reworded is not None
    assert reworded.history == "In Zero draft as para. 17 (a); reworded in Final"
    assert reworded.rounds == (("zero", "final"),)
    assert series.annotation("para.17") is None  # unchanged since the first draft and no source: no note


def test_sources_come_from_the_graph_strongest_relation_first(series):
    note = series.annotation("para.18")
    assert note is not None
    assert [(s.label, s.relation) for s in note.sources] == [("Declaration para. 41", "cites")]
    assert note.text == "Draws on Declaration para. 41."
    # a citation of a document that is not loaded is no source of the series
    assert all(s.source == "decl" for a in series.annotations for s in a.sources)


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


def _body_paragraphs(parts: dict[str, bytes]) -> list[etree._Element]:
    root = etree.fromstring(parts["word/document.xml"])
    return list(root.find(W + "body").iter(W + "p"))


def test_docx_comments_sit_on_their_provisions_paragraphs(series):
    data = render("annotated", series, "docx", notes="comments", author="Secretariat", date="2026-07-13")
    parts = _parts(data)
    comments = etree.fromstring(parts["word/comments.xml"]).findall(W + "comment")
    assert len(comments) == len(series.annotations) > 0
    assert {c.get(W + "date") for c in comments} == {"2026-07-13T00:00:00Z"}
    assert {c.get(W + "author") for c in comments} == {"Secretariat"}
    paragraphs = _body_paragraphs(parts)
    texts = {c.get(W + "id"): "".join(c.itertext()) for c in comments}
    for annotation in series.annotations:
        provision = series.draft.get(annotation.provision)
        paragraph = paragraphs[int(provision.ref[2:])]
        ids = [m.get(W + "id") for m in paragraph.iter(W + "commentReference")]
        assert len(ids) == 1 and provision.text[:20] in "".join(t.text or "" for t in paragraph.iter(W + "t"))
        assert annotation.history in texts[ids[0]]
    assert b"comments.xml" in parts["word/_rels/document.xml.rels"]
    assert b"/word/comments.xml" in parts["[Content_Types].xml"]
    # everything else of the final draft's package is kept byte for byte (styles, numbering ...)
    original = _parts(Path(series.draft.source).read_bytes())
    for name in ("word/styles.xml", "word/numbering.xml"):
        assert parts[name] == original[name]


def test_docx_footnotes_and_determinism(series):
    first = render("annotated", series, "docx", notes="footnotes")
    assert first == render("annotated", series, "docx", notes="footnotes")
    parts = _parts(first)
    notes = etree.fromstring(parts["word/footnotes.xml"]).findall(W + "footnote")
    assert len([n for n in notes if n.get(W + "type") is None]) == len(series.annotations)
    assert {n.get(W + "id") for n in notes if n.get(W + "type")} == {"-1", "0"}
    assert "word/comments.xml" not in parts
    with zipfile.ZipFile(io.BytesIO(first)) as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_final_draft_from_text_gets_a_plain_docx(series, tmp_path):
    final = _text_draft(ZERO.replace("18. We commit", "18. We now commit"), "final")
    annotated = annotate([_text_draft(ZERO, "zero"), final], [], None, labels=LABELS)
    assert [a.provision for a in annotated.annotations] == ["para.18"]
    parts = _parts(render("annotated", annotated, "docx"))
    paragraphs = _body_paragraphs(parts)
    marked = [p for p in paragraphs if p.find(W + "commentRangeStart") is not None]
    assert len(marked) == 1 and "We now commit" in "".join(marked[0].itertext())


def test_html_has_a_note_beside_each_annotated_provision_linking_its_redlines(series):
    page = render("annotated", series, "html", redlines={("zero", "final"): "redlines/zero-final.html"})
    import re

    assert page.count(' changed noted" id="p-') == len(series.annotations)
    assert len(re.findall(r'class="entry row \w+[^"]*" id="p-', page)) == len(series.draft)
    # each round's link lands on the provision's own paragraph of that redline
    noted = next(a.provision for a in series.annotations if ("zero", "final") in a.rounds)
    assert f'href="redlines/zero-final.html#p-{noted}"' in page
    assert "Draws on:<ul><li>Declaration para. 41" in page
    assert " src=" not in page and "http" not in page.replace("http://www.w3.org", "")
    ids = re.findall(r' id="([^"]+)"', page)
    assert len(ids) == len(set(ids)) and set(re.findall(r' href="#([^"]*)"', page)) <= set(ids)


def _soffice_convert(files: list[Path], out: Path, fmt: str) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed; `make test` installs it via .ci/system-deps.sh")
    profile = out / "lo-profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                    "--convert-to", fmt, "--outdir", str(out), *map(str, files)],
                   check=True, capture_output=True, timeout=180)


@pytest.mark.libreoffice
def test_libreoffice_opens_the_annotated_docx_with_its_notes(series, tmp_path):
    comments = tmp_path / "comments.docx"
    footnotes = tmp_path / "footnotes.docx"
    comments.write_bytes(render("annotated", series, "docx", notes="comments"))
    footnotes.write_bytes(render("annotated", series, "docx", notes="footnotes"))
    _soffice_convert([comments, footnotes], tmp_path, "fodt")
    for name, tag in (("comments", "annotation"), ("footnotes", "note")):
        converted = tmp_path / f"{name}.fodt"
        assert converted.exists(), f"LibreOffice could not open {name}.docx"
        root = etree.parse(str(converted)).getroot()
        ns = {"office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
              "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0"}
        notes = root.findall(f".//office:{tag}" if tag == "annotation" else ".//text:note", ns)
        assert len(notes) == len(series.annotations)
        for note, annotation in zip(notes, series.annotations):
            holder = note.getparent()
            while holder.tag.split("}")[1] not in ("p", "h"):
                holder = holder.getparent()
            provision = series.draft.get(annotation.provision)
            own_text = re.sub(r"\s+", " ", "".join(t for t in holder.itertext()))
            assert provision.text[:20] in own_text
            assert annotation.history.split(";")[0] in "".join(note.itertext())
