"""The .docx reader on real Word packages built at test time with automatic numbering."""
from __future__ import annotations

from docxfactory import NSDECL, DocxBuilder, Lvl, compact_docx
from lxml import etree

from compactdraft.model import Kind
from compactdraft.parse import parse_bytes
from compactdraft.parse.docx import read_blocks
from compactdraft.word.numbering import NumberingState, parse_numbering, to_letters, to_roman


def parse(doc: DocxBuilder, **kwargs) -> object:
    return parse_bytes(doc.to_bytes(**kwargs), "test.docx")


def labels(draft) -> list[tuple[str, str]]:
    return [(p.id, p.label) for p in draft if p.label]


def test_commitments_continue_across_objectives_and_actions_restart():
    draft = parse(compact_docx(objectives=3, actions=(3, 2, 4)))
    assert draft.title == "Global Compact for Testing"
    assert [p.id for p in draft if p.kind is Kind.COMMITMENT] == ["para.17", "para.18", "para.19"]
    assert [p.id for p in draft.children("para.18") if p.kind is Kind.ACTION] == ["para.18.a", "para.18.b"]
    assert [p.label for p in draft.children("para.19") if p.kind is Kind.ACTION] == ["(a)", "(b)", "(c)", "(d)"]
    assert [(p.id, p.label) for p in draft.children("para.17.a")] == [("para.17.a.i", "(i)"), ("para.17.a.ii", "(ii)")]
    assert draft.get("para.17.b").label == "(b)"  # the roman level does not disturb the letters
    assert draft.get("obj.2").kind is Kind.HEADING and draft.get("para.18").parent == "obj.2"
    assert draft.get("obj.1").parent is None  # an objective closes the preamble
    assert [p.id for p in draft if p.kind is Kind.PREAMBULAR] == ["preamble.1", "preamble.2"]
    assert draft.get("para.17.text.1").kind is Kind.CHAPEAU
    assert draft.warnings == ()


def test_multilevel_list_restarts_lower_levels_and_prints_compound_text():
    doc = DocxBuilder()
    doc.abstract_num(1, [Lvl("decimal", "%1."), Lvl("lowerLetter", "(%2)"), Lvl("decimal", "%1.%3")])
    doc.num(1, 1)
    for text, ilvl in [("One.", 0), ("A.", 1), ("B.", 1), ("Two.", 0), ("A again.", 1), ("Dotted.", 2),
                       ("Dotted two.", 2)]:
        doc.paragraph(text, num=1, ilvl=ilvl)
    draft = parse(doc)
    assert [p.label for p in draft] == ["1.", "(a)", "(b)", "2.", "(a)", "2.1", "2.2"]
    assert [p.id for p in draft][:5] == ["para.1", "para.1.a", "para.1.b", "para.2", "para.2.a"]


def test_start_override_and_shared_counters_between_nums():
    doc = DocxBuilder()
    doc.abstract_num(1, [Lvl("decimal", "%1.", start=5)])
    doc.num(1, 1)
    doc.num(2, 1)  # same abstractNum, no override: continues the sequence of num 1
    doc.num(3, 1, {0: 40})  # restart at 40
    for text, num in [("Five.", 1), ("Six.", 2), ("Seven.", 1), ("Forty.", 3), ("Forty-one.", 1)]:
        doc.paragraph(text, num=num)
    assert [p.label for p in parse(doc)] == ["5.", "6.", "7.", "40.", "41."]


def test_number_formats_bullets_and_none():
    doc = DocxBuilder()
    doc.abstract_num(1, [Lvl("upperRoman", "%1."), Lvl("upperLetter", "%2."), Lvl("bullet", "\u2022"),
                         Lvl("none", "")])
    doc.num(1, 1)
    for text, ilvl in [("Introduction", 0), ("Scope", 1), ("bullet item text here.", 2),
                       ("no number text here.", 3), ("Background", 0)]:
        doc.paragraph(text, num=1, ilvl=ilvl)
    assert [b.label for b in read_blocks(doc.to_bytes(), "t.docx")] == ["I.", "A.", None, None, "II."]
    assert parse(doc).get("sec.I").kind is Kind.HEADING


def test_lvl_restart_zero_never_restarts():
    doc = DocxBuilder()
    doc.abstract_num(1, [Lvl("decimal", "Part %1"), Lvl("decimal", "%2.", restart=0)])
    doc.num(1, 1)
    for text, ilvl in [("Alpha", 0), ("First.", 1), ("Second.", 1), ("Beta", 0), ("Third.", 1)]:
        doc.paragraph(text, num=1, ilvl=ilvl)
    assert [p.label for p in parse(doc) if p.kind is not Kind.HEADING] == ["1.", "2.", "3."]


def test_numbering_through_style_and_based_on_inheritance():
    doc = DocxBuilder()
    doc.abstract_num(1, [Lvl("decimal", "%1."), Lvl("lowerLetter", "(%2)")])
    doc.num(7, 1)
    doc.numbered_style("UNPara", 7, 0)
    doc.numbered_style("UNParaSpecial", 0, based_on="UNPara")  # inherits numbering through basedOn
    doc.numbered_style("UNItem", 7, 1)
    doc.paragraph("We commit.", style_id="UNPara")
    doc.paragraph("We also commit.", style_id="UNParaSpecial")
    doc.paragraph("Do this.", style_id="UNItem")
    doc.paragraph("Unnumbered after.", style_id="UNPara", num=0)  # numId 0 switches numbering off
    draft = parse(doc)
    assert labels(draft) == [("para.1", "1."), ("para.2", "2."), ("para.2.a", "(a)")]
    assert draft.get("para.2.text.1").text == "Unnumbered after."


def test_manual_numbers_typed_in_text_and_headings_from_styles():
    doc = DocxBuilder()
    doc.paragraph("A Plain Report", style="Title")
    doc.paragraph("background to the matter", style="Heading 1")
    doc.paragraph("3. The first typed paragraph.")
    doc.paragraph("(a) its first item;")
    draft = parse(doc)
    assert draft.title == "A Plain Report"
    assert draft.provisions[0].kind is Kind.HEADING
    assert draft.provisions[0].text == "background to the matter"
    assert labels(draft) == [("para.3", "3."), ("para.3.a", "(a)")]
    assert draft.get("para.3").parent == "heading.1"


def test_refs_index_every_body_paragraph_including_table_cells():
    doc = DocxBuilder()
    doc.paragraph("1. Before the table.")
    doc.raw("<w:tbl><w:tr><w:tc><w:p><w:r><w:t>2. In a cell.</w:t></w:r></w:p></w:tc>"
            "<w:tc><w:p/><w:p><w:r><w:t>3. Second cell.</w:t></w:r></w:p></w:tc></w:tr></w:tbl>")
    doc.paragraph("4. After the table.")
    data = doc.to_bytes()
    draft = parse_bytes(data, "t.docx")
    from compactdraft.safeio import SafeZip

    body = etree.fromstring(SafeZip(data, "t.docx").read("word/document.xml")).find(f"{{{NSDECL[9:-1]}}}body")
    all_p = list(body.iter(f"{{{NSDECL[9:-1]}}}p"))
    for provision in draft:
        index = int(provision.ref.split(":")[1])
        assert "".join(all_p[index].itertext()).endswith(provision.text)
    assert [p.id for p in draft] == ["para.1", "para.2", "para.3", "para.4"]


def test_tracked_changes_read_as_accepted_with_a_warning():
    doc = DocxBuilder()
    doc.abstract_num(1, [Lvl("decimal", "%1.")])
    doc.num(1, 1)
    ins = '<w:ins w:id="1" w:author="A" w:date="2018-01-01T00:00:00Z">'
    dele = '<w:del w:id="2" w:author="A" w:date="2018-01-01T00:00:00Z">'
    numpr = '<w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr>'
    doc.raw(f"<w:p>{numpr}</w:pPr><w:r><w:t xml:space=\"preserve\">We </w:t></w:r>{dele}<w:r><w:delText>shall"
            f"</w:delText></w:r></w:del>{ins}<w:r><w:t>will</w:t></w:r></w:ins><w:r><w:t xml:space=\"preserve\">"
            " act.</w:t></w:r></w:p>")
    # a wholly deleted paragraph (text and mark): gone, and it takes no number
    doc.raw(f"<w:p>{numpr}<w:rPr>{dele}</w:del></w:rPr></w:pPr>{dele}<w:r><w:delText>Deleted paragraph."
            "</w:delText></w:r></w:del></w:p>")
    # a deleted paragraph mark joins "Joined first" with the next paragraph
    doc.raw(f"<w:p>{numpr}<w:rPr>{dele}</w:del></w:rPr></w:pPr><w:r><w:t xml:space=\"preserve\">Joined first "
            "</w:t></w:r></w:p>")
    doc.raw(f"<w:p>{numpr}</w:pPr><w:r><w:t>and second.</w:t></w:r></w:p>")
    doc.raw('<w:p><w:moveFrom w:id="5" w:author="A"><w:r><w:t>Moved away.</w:t></w:r></w:moveFrom></w:p>')
    doc.raw(f'<w:p>{numpr}</w:pPr><w:moveTo w:id="6" w:author="A"><w:r><w:t>Moved here.</w:t></w:r></w:moveTo>'
            '<w:commentReference w:id="1"/></w:p>')
    draft = parse(doc)
    assert [(p.id, p.text) for p in draft] == [("para.1", "We will act."), ("para.2", "Joined first and second."),
                                              ("para.3", "Moved here.")]
    assert draft.get("para.2").ref == "p:2"
    assert draft.warnings[0] == "holds 7 tracked changes; read as if all were accepted"


def test_footnotes_stay_with_their_paragraph():
    doc = DocxBuilder()
    doc.abstract_num(1, [Lvl("decimal", "%1.")])
    doc.num(1, 1)
    doc.paragraph("We recall the Declaration.{fn:General Assembly resolution 71/1.} And more.", num=1)
    doc.paragraph("We note the report.{fn:A/71/728.}{fn:See also A/72/643.}", num=1)
    draft = parse(doc)
    first, second = draft.get("para.1"), draft.get("para.2")
    assert first.text == "We recall the Declaration. And more."
    assert [(f.label, f.text) for f in first.footnotes] == [("1", "General Assembly resolution 71/1.")]
    assert [f.label for f in second.footnotes] == ["2", "3"]
    assert second.footnotes[1].text == "See also A/72/643."


def test_title_from_core_properties_when_body_has_none():
    doc = DocxBuilder()
    doc.paragraph("1. Only a numbered paragraph here.")
    assert parse(doc, title="Core Title").title == "Core Title"


def test_same_input_same_output():
    data = compact_docx().to_bytes()
    assert parse_bytes(data, "a.docx") == parse_bytes(data, "a.docx")


def test_numbering_engine_formats():
    assert [to_letters(n) for n in (1, 26, 27, 28, 53)] == ["a", "z", "aa", "bb", "aaa"]
    assert [to_roman(n) for n in (1, 4, 9, 14, 40, 90)] == ["i", "iv", "ix", "xiv", "xl", "xc"]
    root = etree.fromstring(
        f'<w:numbering {NSDECL}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="decimal"/><w:lvlText w:val="%1"/></w:lvl><w:lvl w:ilvl="1"><w:isLgl/>'
        '<w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1.%2"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:lvl w:ilvl="0">'
        '<w:start w:val="3"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%1)"/></w:lvl></w:lvlOverride>'
        '</w:num></w:numbering>')
    state = NumberingState(parse_numbering(root))
    assert [state.label("1", 0), state.label("1", 1), state.label("1", 1)] == ["c)", "3.1", "3.2"]
    assert state.label("9", 0) is None
