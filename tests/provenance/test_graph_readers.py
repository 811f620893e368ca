"""The saved provenance graph read by other programs: the rules of the GraphML 1.0 schema that readers
rely on, and the graph loaded with every attribute by networkx, igraph and graphology (Sigma.js's
graph library, under node)."""
from __future__ import annotations

import json
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from lxml import etree

from compactdraft.cli import cli
from compactdraft.provenance.graph import EDGE_KEY, load, to_bytes

ROOT = Path(__file__).resolve().parents[2]
DRAFTS = ROOT / "drafts"
JS = ROOT / "tests" / "support" / "js"
GRAPHML = "{http://graphml.graphdrawing.org/xmlns}"
GEXF13 = "{http://gexf.net/1.3}"


@pytest.fixture(scope="module")
def sample_graph(tmp_path_factory: pytest.TempPathFactory) -> nx.MultiDiGraph:
    out = tmp_path_factory.mktemp("graph") / "graph.json"
    result = CliRunner().invoke(cli, ["graph", "build", str(DRAFTS), "-o", str(out)])
    assert result.exit_code == 0, result.output
    return load(out)


@pytest.fixture(scope="module")
def saved(sample_graph: nx.MultiDiGraph, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("saved")
    paths = {}
    for fmt in ("graphml", "gexf"):
        paths[fmt] = folder / f"graph.{fmt}"
        paths[fmt].write_bytes(to_bytes(sample_graph, fmt))
    return paths


def _attribute_names(items: list[dict]) -> set[str]:
    return {name for item in items for name in item}


def test_graphml_ids_are_unique_and_every_data_names_a_key_of_its_domain(saved: dict[str, Path]) -> None:
    root = etree.parse(str(saved["graphml"])).getroot()
    keys = root.findall(f"{GRAPHML}key")
    key_ids = [key.get("id") for key in keys]
    assert len(key_ids) == len(set(key_ids)), "key ids repeat (the schema's key.id is unique)"
    assert len({(key.get("for"), key.get("attr.name")) for key in keys}) == len(keys)
    domain_of = {key.get("id"): key.get("for") for key in keys}
    graph = root.find(f"{GRAPHML}graph")
    assert graph is not None and graph.get("edgedefault") == "directed"
    edge_ids = [edge.get("id") for edge in graph.iter(f"{GRAPHML}edge")]
    node_ids = [node.get("id") for node in graph.iter(f"{GRAPHML}node")]
    assert len(edge_ids) == len(set(edge_ids)) and len(node_ids) == len(set(node_ids))
    assert set(node_ids) >= {e.get(end) for e in graph.iter(f"{GRAPHML}edge") for end in ("source", "target")}
    for data in root.iter(f"{GRAPHML}data"):
        domain = etree.QName(data.getparent()).localname
        assert domain_of[data.get("key")] in (domain, "all"), f"data {data.get('key')} used on a {domain}"


def test_gexf_is_version_1_3_without_an_empty_graph_name(saved: dict[str, Path]) -> None:
    root = etree.parse(str(saved["gexf"])).getroot()
    assert root.tag == f"{GEXF13}gexf" and root.get("version") == "1.3"
    graph = root.find(f"{GEXF13}graph")
    assert graph is not None and graph.get("name") is None
    assert not [e for e in root.iter() if isinstance(e.tag, str) and not e.tag.startswith(GEXF13)]


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_networkx_reads_every_attribute_back(sample_graph: nx.MultiDiGraph, saved: dict[str, Path], fmt: str) -> None:
    loaded = load(saved[fmt])
    assert loaded.graph == sample_graph.graph
    assert dict(loaded.nodes(data=True)) == dict(sample_graph.nodes(data=True))
    assert list(loaded.edges(keys=True, data=True)) == list(sample_graph.edges(keys=True, data=True))


def test_igraph_reads_the_graphml_with_every_attribute(sample_graph: nx.MultiDiGraph, saved: dict[str, Path]) -> None:
    igraph = pytest.importorskip("igraph", reason="igraph is in the test extra")
    read = igraph.Graph.Read_GraphML(str(saved["graphml"]))
    assert (read.vcount(), read.ecount()) == (sample_graph.number_of_nodes(), sample_graph.number_of_edges())
    assert set(read.attributes()) == set(sample_graph.graph)
    # igraph adds an "id" attribute of its own to nodes and edges
    assert set(read.vs.attributes()) - {"id"} == _attribute_names([d for _, d in sample_graph.nodes(data=True)])
    assert set(read.es.attributes()) - {"id"} == _attribute_names(
        [d for _, _, d in sample_graph.edges(data=True)]) | {EDGE_KEY}
    assert read.es[EDGE_KEY] == [str(k) for _, _, k in sample_graph.edges(keys=True)]
    assert read.es["score"] == pytest.approx([d["score"] for _, _, d in sample_graph.edges(data=True)])


@pytest.fixture(scope="module")
def graphology() -> Path:
    """graphology and its GraphML/GEXF readers, installed from the npm registry at the pinned versions
    of tests/support/js/package-lock.json into that folder (once; npm ci reuses nothing stale)."""
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        pytest.skip("node and npm are needed to run graphology")
    if not (JS / "node_modules" / "graphology-graphml").is_dir():
        subprocess.run([npm, "ci", "--silent", "--no-audit", "--no-fund"], cwd=JS, check=True, timeout=300)
    return JS / "load_graph.js"


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_graphology_reads_the_file_with_every_attribute(sample_graph: nx.MultiDiGraph, saved: dict[str, Path],
                                                        graphology: Path, fmt: str) -> None:
    run = subprocess.run(["node", str(graphology), fmt, str(saved[fmt])], capture_output=True, text=True,
                         timeout=120)
    assert run.returncode == 0, run.stderr
    read = json.loads(run.stdout)
    assert (read["nodes"], read["edges"]) == (sample_graph.number_of_nodes(), sample_graph.number_of_edges())
    node_names = _attribute_names([d for _, d in sample_graph.nodes(data=True)])
    edge_names = _attribute_names([d for _, _, d in sample_graph.edges(data=True)])
    if fmt == "gexf":  # GEXF gives every node a label and reserves the edge's type, kept as relation
        node_names |= {"label"}
        edge_names = (edge_names - {"type"}) | {"relation", "networkx_key"}
    assert set(read["nodeAttributes"]) == node_names
    assert set(read["edgeAttributes"]) == edge_names | {EDGE_KEY}
    assert Counter(read["edgeKeys"]) == Counter(str(k) for _, _, k in sample_graph.edges(keys=True))
    assert read["scores"] == pytest.approx([d["score"] for _, _, d in sample_graph.edges(data=True)])
