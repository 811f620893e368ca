"""Provenance: where every provision came from, as one networkx graph with the evidence on each link.

- :mod:`.citations` finds explicit references (UN symbols, "resolution 71/1", "paragraph 41 of the
  New York Declaration", "recommendation 5") and resolves them to loaded source provisions;
- :mod:`.index` proposes candidate sources from an inverted index (bounded cost per lookup);
- :mod:`.reuse` finds shared passages (with character spans) and scores paraphrase;
- :mod:`.graph` builds, saves and loads the graph (GraphML, GEXF, node-link JSON);
- :mod:`.trace` and :mod:`.coverage` answer a negotiator's two questions about it.

:func:`series_graph` is the one call the commands make: a series (folder or drafts) plus sources in,
graph out; :func:`open_graph` also accepts a saved graph file.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

import networkx as nx

from .graph import FORMATS, Settings, build_graph, load
from .reuse import DEFAULT_THRESHOLD

__all__ = ["series_graph", "open_graph", "build_graph", "Settings", "DEFAULT_THRESHOLD", "load"]


def series_graph(paths: Sequence[str | Path], sources: Iterable[tuple[str, str]] = (),
                 threshold: float = DEFAULT_THRESHOLD) -> nx.MultiDiGraph:
    """The provenance graph of a series folder (series.toml) or of drafts given in order, plus sources."""
    from ..parse.series import load_drafts, load_sources, series_from_paths

    series = series_from_paths(list(paths), list(sources))
    labels = {entry.id: entry.label for entry in series.drafts + series.sources}
    return build_graph(load_drafts(series), load_sources(series), settings=Settings(threshold=threshold),
                       labels=labels)


def open_graph(paths: Sequence[str | Path], sources: Iterable[tuple[str, str]] = (),
               threshold: float = DEFAULT_THRESHOLD) -> nx.MultiDiGraph:
    """A saved graph (one .graphml/.gexf/.json file made by ``graph build``) or a freshly built one."""
    if len(paths) == 1 and Path(str(paths[0])).suffix.lower() in FORMATS and Path(str(paths[0])).is_file():
        return load(paths[0])
    return series_graph(paths, sources, threshold)
