from __future__ import annotations

import dataclasses
import json

import pytest

from compactdraft.errors import InputError
from compactdraft.model import Draft, Footnote, Kind, Provision, draft_from_dict, draft_to_dict


def sample() -> Draft:
    return Draft("zero", "A compact", (
        Provision("obj.1", "Objective 1:", Kind.HEADING, "Data", None, 0),
        Provision("para.17", "17.", Kind.COMMITMENT, "We commit to data.", "obj.1", 1,
                  footnotes=(Footnote("1", "See A/RES/71/1."),), ref="p:3"),
        Provision("para.17.text.1", "", Kind.CHAPEAU, "To realize this commitment:", "para.17", 2, numbered=False),
        Provision("para.17.a", "(a)", Kind.ACTION, "Collect data.", "para.17", 2),
    ), date="2026-02-05", source="zero.docx", format="docx", profile="un-compact", warnings=("w",))


def test_json_round_trip_is_exact():
    draft = sample()
    data = json.loads(json.dumps(draft_to_dict(draft)))
    assert draft_from_dict(data) == draft


def test_lookups():
    draft = sample()
    assert draft.get("para.17.a").label == "(a)"
    assert [p.id for p in draft.children("para.17")] == ["para.17.text.1", "para.17.a"]
    assert draft.section_of("para.17.a").id == "obj.1"
    assert "para.17" in draft and "para.18" not in draft


def test_provisions_are_immutable():
    with pytest.raises(dataclasses.FrozenInstanceError):
        sample().provisions[0].text = "x"  # type: ignore[misc]


def test_duplicate_ids_are_refused():
    p = Provision("para.1", "1.", Kind.OPERATIVE, "x")
    with pytest.raises(InputError):
        Draft("d", "", (p, p))


def test_wrong_schema_is_a_clear_error():
    with pytest.raises(InputError, match="not a compactdraft draft"):
        draft_from_dict({"schema": "other"}, "x.json")
