"""The PDF reader on small PDFs written by hand at test time (text operators, Helvetica)."""
from __future__ import annotations

import pytest
from pdffactory import make_pdf

from compactdraft.errors import InputError
from compactdraft.model import Kind
from compactdraft.parse import parse_bytes
from compactdraft.parse.pdf import paragraphs, remove_furniture

pytest.importorskip("pypdf", reason="the pdf extra (pypdf) is not installed")


PAGE_1 = [
    "A/RES/73/195",
    "Global Compact for Testing",
    "Recalling the declaration adopted by the General Assembly on the",
    "nineteenth day of September, which we reaffirm today,",
    "Objective 1: Collect and utilize accurate data",
    "17. We commit to strengthen the global evidence base on interna-",
    "tional migration by improving and investing in the collection of data",
    "and its evidence-based analysis, for the long-term.",
    "To realize this commitment, we will draw from the following actions:",
    "18-11234 (E)",
    "1/2",
]
PAGE_2 = [
    "A/RES/73/195",
    "(a) Elaborate and implement a comprehensive strategy for improving",
    "migration data at local, national and regional levels, in long-",
    "term partnership with all relevant stakeholders;",
    "(b) Improve international comparability of data.",
    "18-11234",
    "2/2",
]


def test_page_furniture_removed_and_lines_rejoined():
    draft = parse_bytes(make_pdf([PAGE_1, PAGE_2]), "compact.pdf")
    assert draft.title == "Global Compact for Testing"
    assert draft.get("preamble.1").text == ("Recalling the declaration adopted by the General Assembly on the "
                                            "nineteenth day of September, which we reaffirm today,")
    assert draft.get("para.17").kind is Kind.COMMITMENT
    # "interna-/tional" is soft hyphenation; "long-/term" keeps its hyphen because "long-term" occurs elsewhere
    assert draft.get("para.17").text.startswith("We commit to strengthen the global evidence base on international "
                                                "migration by improving")
    assert draft.get("para.17.a").text.endswith("in long-term partnership with all relevant stakeholders;")
    assert draft.get("para.17.text.1").kind is Kind.CHAPEAU
    assert [p.id for p in draft.children("para.17") if p.kind is Kind.ACTION] == ["para.17.a", "para.17.b"]
    everything = " ".join(p.text for p in draft)
    for furniture in ("A/RES/73/195", "18-11234", "1/2", "2/2"):
        assert furniture not in everything


def test_running_header_repeated_on_most_pages_is_removed():
    pages = [["Draft 3 - not for circulation", f"{n}. Paragraph number {n} of the text."] for n in range(1, 5)]
    cleaned = remove_furniture(pages)
    assert cleaned == [[f"{n}. Paragraph number {n} of the text."] for n in range(1, 5)]


def test_short_sentence_end_starts_a_paragraph_but_a_full_line_does_not():
    full = "x" * 60 + " ends here."
    pages = [[full, "continues on the next line because it was full.", "Short one.", "New paragraph here", "y" * 70]]
    texts = [text for text, _ in paragraphs(pages)]
    assert texts[0] == f"{full} continues on the next line because it was full."
    assert texts[1] == "Short one."


def test_pdf_without_text_layer_is_refused():
    with pytest.raises(InputError, match="has no text layer \\(scanned\\?\\)"):
        parse_bytes(make_pdf([[], []]), "scan.pdf")


def test_corrupt_pdf_is_an_input_error():
    with pytest.raises(InputError, match="scan.pdf: .*(corrupt|no text layer)"):
        parse_bytes(b"%PDF-1.4\n1 0 obj garbage", "scan.pdf")
