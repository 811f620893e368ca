"""Word styles: read in one pass per style, and parsed once per distinct styles part in a process."""
from __future__ import annotations

from pathlib import Path

from lxml import etree

from compactdraft.parse.docx import _STYLES_BY_CONTENT, Style, W, parse_styles, read_styles
from compactdraft.safeio import SafeZip
from compactdraft.word.numbering import wval

ROOT = Path(__file__).resolve().parents[2]
NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _styles_by_find(root: etree._Element) -> dict[str, Style]:
    """The straightforward reading (one find() per property), the reference for parse_styles."""
    found = {}
    for element in root.iter(W + "style"):
        style_id = element.get(W + "styleId") or ""
        ppr = element.find(W + "pPr")
        num_pr = ppr.find(W + "numPr") if ppr is not None else None
        ilvl = wval(num_pr.find(W + "ilvl")) if num_pr is not None else None
        outline = wval(ppr.find(W + "outlineLvl")) if ppr is not None else None
        found[style_id] = Style(style_id, wval(element.find(W + "name")) or style_id,
                                wval(element.find(W + "basedOn")),
                                wval(num_pr.find(W + "numId")) if num_pr is not None else None,
                                int(ilvl) if ilvl and ilvl.isdigit() else None,
                                int(outline) if outline and outline.isdigit() else None)
    return found


def test_styles_read_as_the_find_based_reference() -> None:
    package = SafeZip((ROOT / "drafts" / "rev1.docx").read_bytes(), "rev1.docx")
    root = package.read_xml("word/styles.xml")
    assert parse_styles(root).by_id == _styles_by_find(root)
    # repeated children and comments: the first of each kind counts, as find() gives
    tricky = etree.fromstring(
        f'<w:styles {NS}><w:style w:type="paragraph" w:styleId="A"><!-- c --><w:name w:val="first"/>'
        '<w:name w:val="second"/><w:basedOn w:val="B"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr>'
        '<w:pPr><w:outlineLvl w:val="5"/></w:pPr></w:style></w:styles>')
    assert parse_styles(tricky).by_id == _styles_by_find(tricky)
    assert parse_styles(tricky).by_id["A"].name == "first" and parse_styles(tricky).by_id["A"].outline == 2


def test_a_styles_part_is_parsed_once_per_content() -> None:
    _STYLES_BY_CONTENT.clear()
    first = SafeZip((ROOT / "drafts" / "rev1.docx").read_bytes(), "rev1.docx")
    second = SafeZip((ROOT / "drafts" / "rev2.docx").read_bytes(), "rev2.docx")
    assert first.read("word/styles.xml") == second.read("word/styles.xml")  # one template
    assert read_styles(first, "word/styles.xml") is read_styles(second, "word/styles.xml")
    assert len(_STYLES_BY_CONTENT) == 1
