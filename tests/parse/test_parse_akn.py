"""The Akoma Ntoso reader: ids from <num>, never from eId; preamble, headings, lists, notes, annexes."""
from __future__ import annotations

import pytest

from compactdraft.errors import InputError
from compactdraft.model import Kind
from compactdraft.parse import parse_bytes

AKN = b"""<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0">
  <doc name="compact">
    <meta><identification source="#un"><FRBRWork><FRBRname value="Work name"/></FRBRWork>
      <FRBRExpression><FRBRdate date="2018-07-13" name="adoption"/></FRBRExpression></identification></meta>
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
    <attachments><attachment><doc name="annex"><preface><p><docTitle>Annex II</docTitle></p></preface>
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
