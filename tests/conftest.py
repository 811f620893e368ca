from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = Path(os.environ.get("COMPACTDRAFT_CORPUS", ROOT.parent / "shared" / "corpus" / "un"))
PEER = ROOT.parent / "shared" / "peer" / "wmlcomparer"
DRAFTS = ROOT / "drafts"
# the test-data generators (docxfactory, hostile, stress ...) are imported by name from every folder
sys.path.insert(0, str(Path(__file__).resolve().parent / "support"))


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The real UN texts in ../shared/corpus/un (read in place, never copied)."""
    if not (CORPUS / "gcm_final_objectives.txt").exists():
        pytest.skip(f"real UN corpus not found at {CORPUS} (it lives in ../shared beside the project)")
    return CORPUS


@pytest.fixture(scope="session")
def gcm(corpus: Path):
    from compactdraft.parse import parse_file

    return parse_file(corpus / "gcm_final_objectives.txt", draft_id="gcm")
