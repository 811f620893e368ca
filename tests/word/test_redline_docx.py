"""The Word redline: round trips through our reader, Word XML details, layout from the source .docx."""
from __future__ import annotations

import io
import zipfile

from docxfactory import compact_docx
from hypothesis import HealthCheck, given, settings
from lxml import etree
from redline_cases import alignments, sample_alignment

from compactdraft.model import Draft
from compactdraft.parse import parse_bytes
from compactdraft.redline import compare, redline_from_alignment
from compactdraft.render import render
from compactdraft.word.elements import W
from compactdraft.word.tracked import normalized, read_tracked
from compactdraft.word.writer import title_provision, word_date

W_NS = {"w": W[1:-1]}


def docx_of(redline, **options) -> bytes:
    data = render("redline", redline, "docx", **options)
    assert isinstance(data, bytes)
    return data


def displays(draft: Draft) -> list[str]:
    """The paragraphs a redline shows for a draft: its title (when not a provision) and provisions."""
    title = title_provision(draft)
    return ([title.text] if title else []) + [p.display for p in draft.provisions]


def body(data: bytes) -> etree._Element:
    return etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))


def test_accept_gives_new_and_reject_gives_old_exactly() -> None:
    redline = redline_from_alignment(sample_alignment())
    doc = read_tracked(docx_of(redline))
    assert doc.accepted() == displays(redline.new)
    assert doc.rejected() == displays(redline.old)
    assert doc.revision_count() > 0


def test_same_inputs_give_the_same_bytes_with_fixed_zip_times() -> None:
    redline = redline_from_alignment(sample_alignment())
    first, second = docx_of(redline), docx_of(redline)
    assert first == second
    infos = zipfile.ZipFile(io.BytesIO(first)).infolist()
    assert [i.filename for i in infos] == sorted(i.filename for i in infos)
    assert {i.date_time for i in infos} == {(1980, 1, 1, 0, 0, 0)}


def test_author_and_date_default_to_compactdraft_and_the_new_drafts_midnight() -> None:
    redline = redline_from_alignment(sample_alignment())  # new draft dated 2018-04-01
    revisions = body(docx_of(redline)).xpath("//w:ins|//w:del|//w:moveFrom|//w:moveTo", namespaces=W_NS)
    assert revisions
    assert {r.get(W + "author") for r in revisions} == {"compactdraft"}
    assert {r.get(W + "date") for r in revisions} == {"2018-04-01T00:00:00Z"}
    custom = body(docx_of(redline, author="UN Secretariat", date="2020-05-06"))
    assert {r.get(W + "author") for r in custom.xpath("//w:ins", namespaces=W_NS)} == {"UN Secretariat"}
    assert {r.get(W + "date") for r in custom.xpath("//w:ins", namespaces=W_NS)} == {"2020-05-06T00:00:00Z"}


def test_dates_are_never_the_clock() -> None:
    assert word_date(None) == "2000-01-01T00:00:00Z"
    assert word_date("2018-07-13") == "2018-07-13T00:00:00Z"
    assert word_date("2018-07-13T10:30") == "2018-07-13T10:30:00Z"


def test_revision_ids_are_unique_and_moves_use_named_ranges() -> None:
    tree = body(docx_of(redline_from_alignment(sample_alignment())))
    ids = [n.get(W + "id") for n in tree.iter() if n.get(W + "id") is not None
           and not etree.QName(n).localname.endswith("RangeEnd")]
    assert len(ids) == len(set(ids))
    starts = tree.xpath("//w:moveFromRangeStart", namespaces=W_NS)
    targets = tree.xpath("//w:moveToRangeStart", namespaces=W_NS)
    assert starts and {s.get(W + "name") for s in starts} == {t.get(W + "name") for t in targets}
    marks = tree.xpath("//w:pPr/w:rPr/w:moveFrom", namespaces=W_NS)
    assert marks, "a moved paragraph's mark is moved too"


def test_deleted_and_inserted_paragraphs_are_marked_on_their_paragraph_marks() -> None:
    tree = body(docx_of(redline_from_alignment(sample_alignment())))
    assert tree.xpath("//w:pPr/w:rPr/w:del", namespaces=W_NS)
    assert tree.xpath("//w:pPr/w:rPr/w:ins", namespaces=W_NS)
    assert tree.xpath("//w:del/w:r/w:delText", namespaces=W_NS)
    assert not tree.xpath("//w:del//w:t", namespaces=W_NS)


def test_a_draft_against_itself_has_no_revisions() -> None:
    old = sample_alignment().old
    doc = read_tracked(docx_of(compare(old, old)))
    assert doc.revision_count() == 0
    assert doc.accepted() == doc.rejected() == displays(old)


def test_word_numbering_and_styles_of_the_base_are_kept_and_labels_not_typed(tmp_path) -> None:
    old_doc = compact_docx()
    new_doc = compact_docx(first_para=17)
    new_doc.paragraph("We further commit to review this compact.", num=1)
    (tmp_path / "old.docx").write_bytes(old_doc.to_bytes())
    (tmp_path / "new.docx").write_bytes(new_doc.to_bytes())
    from compactdraft.parse import parse_file
    old = parse_file(tmp_path / "old.docx", draft_id="old")
    new = parse_file(tmp_path / "new.docx", draft_id="new")
    data = docx_of(compare(old, new), base="new")
    package = zipfile.ZipFile(io.BytesIO(data))
    source = zipfile.ZipFile(tmp_path / "new.docx")
    assert package.read("word/numbering.xml") == source.read("word/numbering.xml")
    assert package.read("word/styles.xml") == source.read("word/styles.xml")
    tree = etree.fromstring(package.read("word/document.xml"))
    assert tree.xpath("//w:p/w:pPr/w:numPr/w:numId[@w:val='1']", namespaces=W_NS)
    doc = read_tracked(data)
    texts = normalized(doc.accepted())
    assert "We further commit to review this compact." in texts  # no typed "20." before it
    assert not any(t.startswith("17.") for t in texts)
    reparsed = parse_bytes(data, "redline.docx", draft_id="again")
    assert [p.label for p in reparsed.provisions] == [p.label for p in new.provisions]
    source_paragraphs = read_tracked((tmp_path / "old.docx").read_bytes()).accepted()
    assert normalized(doc.rejected()) == normalized(source_paragraphs)
    assert normalized(doc.accepted()) == normalized(read_tracked((tmp_path / "new.docx").read_bytes()).accepted())


def test_base_old_uses_the_old_package(tmp_path) -> None:
    old_doc = compact_docx(first_para=5)
    new_doc = compact_docx(first_para=17)
    (tmp_path / "old.docx").write_bytes(old_doc.to_bytes())
    (tmp_path / "new.docx").write_bytes(new_doc.to_bytes())
    from compactdraft.parse import parse_file
    redline = compare(parse_file(tmp_path / "old.docx"), parse_file(tmp_path / "new.docx"))
    data = docx_of(redline, base="old")
    numbering = zipfile.ZipFile(io.BytesIO(data)).read("word/numbering.xml")
    assert numbering == zipfile.ZipFile(tmp_path / "old.docx").read("word/numbering.xml")


def test_plain_documents_redline_paragraph_by_paragraph(tmp_path) -> None:
    import docx

    def save(name: str, paragraphs: list[str]) -> str:
        document = docx.Document()
        for text in paragraphs:
            document.add_paragraph(text)
        path = tmp_path / name
        document.save(path)
        return str(path)

    from compactdraft.redline import compare_files
    left = save("a.docx", ["Dear colleagues,", "The meeting is on Monday.", "Regards"])
    right = save("b.docx", ["Dear colleagues,", "The meeting moved to Tuesday.", "Best regards", "PS: bring tea"])
    redline = compare_files(left, right)
    assert redline.new.profile == "generic"
    doc = read_tracked(docx_of(redline))
    assert normalized(doc.accepted()) == ["Dear colleagues,", "The meeting moved to Tuesday.", "Best regards",
                                          "PS: bring tea"]
    assert normalized(doc.rejected()) == ["Dear colleagues,", "The meeting is on Monday.", "Regards"]


def test_real_gcm_drafts_round_trip(corpus) -> None:
    from compactdraft.parse import parse_file
    old = parse_file(corpus / "gcm_zero_draft_plus_partial.txt", draft_id="zero")
    new = parse_file(corpus / "gcm_final_objectives.txt", draft_id="final")
    doc = read_tracked(docx_of(compare(old, new)))
    assert doc.accepted() == displays(new)
    assert doc.rejected() == displays(old)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(alignments())
def test_property_accept_is_new_reject_is_old(alignment) -> None:
    redline = redline_from_alignment(alignment)
    doc = read_tracked(docx_of(redline))
    expected_new = displays(alignment.new)
    expected_old = displays(alignment.old)
    assert normalized(doc.accepted()) == normalized(expected_new)
    assert normalized(doc.rejected()) == normalized(expected_old)
    if len(alignment.new) and len(alignment.old):  # with no provisions a side is one empty paragraph
        assert doc.accepted() == expected_new
        assert doc.rejected() == expected_old


@settings(max_examples=30, deadline=None)
@given(alignments())
def test_property_a_draft_against_itself_has_no_revisions(alignment) -> None:
    old = alignment.old
    redline = compare(old, old)
    assert read_tracked(docx_of(redline)).revision_count() == 0


def test_footnotes_are_redlined_in_their_part_and_their_references_in_the_text(tmp_path) -> None:
    old_doc = compact_docx()
    old_doc.paragraph("We will report{fn:See resolution 70/1.} every two years{fn:Starting in 2020.}.", num=1)
    new_doc = compact_docx()
    new_doc.paragraph("We will report{fn:See resolution 70/1, annex.} every year.", num=1)
    (tmp_path / "old.docx").write_bytes(old_doc.to_bytes())
    (tmp_path / "new.docx").write_bytes(new_doc.to_bytes())
    from compactdraft.parse import parse_file
    old = parse_file(tmp_path / "old.docx", draft_id="old")
    new = parse_file(tmp_path / "new.docx", draft_id="new")
    data = docx_of(compare(old, new))
    assert data == docx_of(compare(old, new))
    doc = read_tracked(data)
    assert [normalized(n) for n in doc.accepted_notes()] == [["See resolution 70/1, annex."]]
    assert [normalized(n) for n in doc.rejected_notes()] == [["See resolution 70/1."], ["Starting in 2020."]]
    tree = body(data)
    kept = tree.xpath("//w:footnoteReference[not(ancestor::w:del)]", namespaces=W_NS)
    deleted = tree.xpath("//w:del//w:footnoteReference", namespaces=W_NS)
    assert len(kept) == 1 and len(deleted) == 1
    notes = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/footnotes.xml"))
    ids = {n.get(W + "id") for n in notes.xpath("//w:footnote[not(@w:type)]", namespaces=W_NS)}
    assert ids == {r.get(W + "id") for r in kept + deleted}
    notes_revisions = notes.xpath("//w:ins|//w:del", namespaces=W_NS)
    assert len(notes_revisions) == 2  # ", annex" inserted in note 1, note 2's text deleted
    # body: "two years" deleted with the second reference (one run), "year" inserted; plus the notes' 2
    assert doc.revision_count() == 4
    same = read_tracked(docx_of(compare(old, old)))
    assert same.revision_count() == 0
    assert len(same.accepted_notes()) == 2


def _table_docx(path, cells: list[list[list[str]]]) -> None:
    """A .docx with an opening paragraph, then a table whose cells hold the given paragraphs."""
    import docx

    document = docx.Document()
    document.add_paragraph("Both parties agree to the following schedule.")
    table = document.add_table(rows=len(cells), cols=len(cells[0]))
    for r, row in enumerate(cells):
        for c, paragraphs in enumerate(row):
            cell = table.cell(r, c)
            cell.paragraphs[0].text = paragraphs[0]
            for text in paragraphs[1:]:
                cell.add_paragraph(text)
    document.add_paragraph("Signed in New York.")
    document.save(path)


def test_tables_are_redlined_in_place_with_deleted_paragraphs_in_their_cell(tmp_path) -> None:
    from compactdraft.parse import parse_file

    _table_docx(tmp_path / "old.docx", [[["Alpha beta."], ["Gamma delta."]],
                                        [["Row two first cell.", "Second paragraph of the cell."], ["Epsilon."]]])
    _table_docx(tmp_path / "new.docx", [[["Alpha beta gamma."], ["Gamma delta."]],
                                        [["Row two first cell."], ["Epsilon."]]])
    pair = compare(parse_file(tmp_path / "old.docx"), parse_file(tmp_path / "new.docx"))
    data = docx_of(pair)
    assert data == docx_of(pair)
    doc = read_tracked(data)
    assert normalized(doc.accepted()) == normalized(read_tracked((tmp_path / "new.docx").read_bytes()).accepted())
    assert normalized(doc.rejected()) == normalized(read_tracked((tmp_path / "old.docx").read_bytes()).accepted())
    root = body(data)
    assert len(root.findall(".//w:tbl/w:tr", W_NS)) == 2 and len(root.findall(".//w:tc", W_NS)) == 4
    deleted = [p for p in root.iter(W + "p") if p.find("w:pPr/w:rPr/w:del", W_NS) is not None]
    assert len(deleted) == 1
    cell = deleted[0].getparent()
    assert cell.tag == W + "tc"
    assert ["".join(p.itertext()) for p in cell.findall("w:p", W_NS)] == [
        "Row two first cell.", "Second paragraph of the cell."]
    inserted = "".join(t.text for t in root.findall(".//w:ins/w:r/w:t", W_NS))
    assert inserted.strip() == "gamma"
    assert doc.revision_count() == 2  # one insertion, one deleted paragraph


def test_a_table_document_against_itself_has_no_revisions(tmp_path) -> None:
    from compactdraft.parse import parse_file

    _table_docx(tmp_path / "t.docx", [[["One."], ["Two."]], [["Three."], ["Four."]]])
    draft = parse_file(tmp_path / "t.docx")
    data = docx_of(compare(draft, draft))
    assert read_tracked(data).revision_count() == 0
    assert len(body(data).findall(".//w:tc", W_NS)) == 4


def test_an_object_only_paragraph_is_content_of_a_plain_document_but_no_provision_of_a_compact(tmp_path) -> None:
    from compactdraft.parse.structure import OBJECT, Block, build_draft

    logo = Block(OBJECT, ref="p:0")
    compact = [logo, Block("Global compact for safe, orderly and regular migration"),
               Block("Preamble", style="heading"),
               Block("We, the Heads of State and Government, have met.", label="1.")]
    draft = build_draft(compact, draft_id="d", source=None, fmt="docx", profile="un-compact")
    assert draft.title == "Global compact for safe, orderly and regular migration"
    assert all(OBJECT not in p.text for p in draft.provisions)
    plain = build_draft([logo, Block("A caption.")], draft_id="d", source=None, fmt="docx", profile="generic")
    assert [p.text for p in plain.provisions] == [OBJECT, "A caption."]


def test_a_row_inserted_whole_is_one_tracked_row_and_one_revision(tmp_path) -> None:
    from compactdraft.parse import parse_file

    two = [[["Alpha."], ["Beta."]], [["Epsilon."], ["Zeta."]]]
    three = [two[0], [["Gamma one.", "Gamma two."], ["Delta."]], two[1]]
    _table_docx(tmp_path / "two.docx", two)
    _table_docx(tmp_path / "three.docx", three)
    short, long = parse_file(tmp_path / "two.docx"), parse_file(tmp_path / "three.docx")
    # base new: the row NEW added is an inserted row; base old: the row NEW lacks is a deleted row
    for old, new, base, kind in ((short, long, "new", "ins"), (long, short, "old", "del")):
        data = docx_of(compare(old, new), base=base)
        doc = read_tracked(data)
        assert doc.revision_count() == 1
        rows = body(data).findall(".//w:tbl/w:tr", W_NS)
        marked = [r for r in rows if r.find(f"w:trPr/w:{kind}", W_NS) is not None]
        assert len(rows) == 3 and len(marked) == 1
        assert "".join(marked[0].itertext()) == "Gamma one.Gamma two.Delta."
        # every mark of the row, the cells' last ones included, goes with it
        assert all(p.find(f"w:pPr/w:rPr/w:{kind}", W_NS) is not None for p in marked[0].iter(W + "p"))
        assert normalized(doc.accepted()) == normalized(read_tracked((tmp_path / (
            "three.docx" if new is long else "two.docx")).read_bytes()).accepted())
        assert normalized(doc.rejected()) == normalized(read_tracked((tmp_path / (
            "two.docx" if old is short else "three.docx")).read_bytes()).accepted())
        assert doc.rejected() != doc.accepted()


def test_a_row_with_unchanged_text_is_not_marked_as_a_tracked_row(tmp_path) -> None:
    from compactdraft.parse import parse_file

    _table_docx(tmp_path / "old.docx", [[["Alpha."], ["Beta."]]])
    _table_docx(tmp_path / "new.docx", [[["Alpha."], ["Beta gamma."]]])
    data = docx_of(compare(parse_file(tmp_path / "old.docx"), parse_file(tmp_path / "new.docx")))
    assert body(data).find(".//w:trPr/w:ins", W_NS) is None and body(data).find(".//w:trPr/w:del", W_NS) is None
    assert read_tracked(data).revision_count() == 1


def test_a_row_deleted_with_base_new_is_put_back_whole_and_emptied_cells_get_their_deletions(tmp_path) -> None:
    from compactdraft.parse import parse_file

    first, last = [["Alpha."], ["Beta."]], [["Epsilon."], ["Zeta."]]
    _table_docx(tmp_path / "old.docx", [first, [["Gamma one.", "Gamma two."], ["Delta."]], last])
    _table_docx(tmp_path / "gone.docx", [first, last])
    _table_docx(tmp_path / "emptied.docx", [first, [[""], [""]], last])
    old = parse_file(tmp_path / "old.docx")
    for name, row_deleted, revisions in (("gone.docx", True, 1), ("emptied.docx", False, 2)):
        data = docx_of(compare(old, parse_file(tmp_path / name)))
        assert data == docx_of(compare(old, parse_file(tmp_path / name)))
        doc = read_tracked(data)
        assert normalized(doc.accepted()) == normalized(read_tracked((tmp_path / name).read_bytes()).accepted())
        assert normalized(doc.rejected()) == normalized(read_tracked((tmp_path / "old.docx").read_bytes()).accepted())
        rows = body(data).findall(".//w:tbl/w:tr", W_NS)
        assert len(rows) == 3
        middle = rows[1]
        # each deleted paragraph stands in its own cell of the middle row, in OLD's order
        deleted = [[text for text in ("".join(t.text for t in p.iter(W + "delText")) for p in cell.findall("w:p", W_NS))
                    if text] for cell in middle.findall("w:tc", W_NS)]
        assert deleted == [["Gamma one.", "Gamma two."], ["Delta."]]
        assert (middle.find("w:trPr/w:del", W_NS) is not None) == row_deleted
        assert doc.revision_count() == revisions  # a tracked row is one revision; else one per cell
