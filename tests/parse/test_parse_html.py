"""The HTML reader: headings, paragraphs and list items in order, page chrome dropped, <ol> labels."""
from __future__ import annotations

import pytest

from compactdraft.errors import InputError
from compactdraft.model import Kind
from compactdraft.parse import parse_bytes
from compactdraft.parse.html import html_blocks, list_label

PAGE = b"""<!DOCTYPE html><html><head><title>Compact | United Nations</title>
<script>document.write("tracking")</script><style>p { color: red }</style></head>
<body><header>United Nations site header</header><nav><a href="/">Home</a> <a href="/x">Documents</a></nav>
<h1>Global Compact for Testing</h1>
<p>Recalling the declaration adopted by the General Assembly,</p>
<p>Reaffirming   the <em>purposes</em> of the Charter,</p>
<h2>Objective 1: Collect and utilize accurate data</h2>
<ol start="17"><li>We commit to strengthen the evidence base.<br>To realize this commitment, we will:
  <ol type="a" start="2"><li>Develop a <b>strategy</b>;</li><li>Improve comparability:
    <ol type="i"><li>first point;</li><li>second point.</li></ol></li></ol></li>
<li>We commit to a second thing.</li></ol>
<div>Closing remarks of the text are here.</div>
<footer>Copyright United Nations</footer></body></html>"""


def test_html_structure_and_labels():
    draft = parse_bytes(PAGE, "compact.html")
    assert draft.title == "Global Compact for Testing"
    assert [p.text for p in draft if p.kind is Kind.PREAMBULAR] == [
        "Recalling the declaration adopted by the General Assembly,", "Reaffirming the purposes of the Charter,"]
    assert draft.get("obj.1").text == "Collect and utilize accurate data"
    assert [(p.id, p.label) for p in draft if p.label and p.kind is not Kind.HEADING] == [
        ("para.17", "17."), ("para.17.b", "(b)"), ("para.17.c", "(c)"), ("para.17.c.i", "(i)"),
        ("para.17.c.ii", "(ii)"), ("para.18", "18.")]
    assert draft.get("para.17.b").text == "Develop a strategy;"
    everything = " ".join(p.text for p in draft)
    for chrome in ("tracking", "color", "site header", "Home", "Copyright"):
        assert chrome not in everything


def test_title_element_when_body_has_none():
    blocks, title = html_blocks(b"<html><head><title>T</title></head><body><p>1. One.</p></body></html>", "x.html")
    assert title == "T" and [b.text for b in blocks] == ["1. One."]
    assert parse_bytes(b"<html><head><title>T</title></head><body><p>1. One.</p></body></html>", "x.html").title == "T"


def test_list_labels():
    assert [list_label(t, 4) for t in ("1", "a", "A", "i", "I")] == ["4.", "(d)", "(D)", "(iv)", "IV."]


def test_entities_declared_in_a_dtd_are_refused():
    evil = b'<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]><html><body><p>&x;</p></body></html>'
    with pytest.raises(InputError, match="evil.html: HTML declares entities"):
        parse_bytes(evil, "evil.html")
