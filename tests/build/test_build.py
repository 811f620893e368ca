"""The secretariat build: its plan, `make` (dependencies, no-op rebuild, -j2) and `compactdraft build`
giving the same bytes, and the structure of what it makes. The sample series is built once per session."""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from compactdraft.build import build, makefile_rules, plan, redline_pairs
from compactdraft.errors import UsageError
from compactdraft.parse.series import load_manifest

ROOT = Path(__file__).resolve().parents[2]
DRAFTS = ROOT / "drafts"
TOOL = f"{sys.executable} -m compactdraft"


@pytest.fixture(scope="session")
def series_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the sample series, so that touching a draft never disturbs the repository."""
    if not (DRAFTS / "series.toml").exists():
        pytest.skip("the sample series drafts/series.toml is not there")
    target = tmp_path_factory.mktemp("series") / "drafts"
    shutil.copytree(DRAFTS, target, ignore=shutil.ignore_patterns("__pycache__", "content", "*.py"))
    return target


def _make(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MAKEFLAGS": ""}
    return subprocess.run(["make", "--no-print-directory", "-C", str(cwd), f"COMPACTDRAFT={TOOL}", "BUILD_STAMP=",
                           *args], capture_output=True, text=True, env=env, timeout=600, check=False)


@pytest.fixture(scope="session")
def made(series_copy: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample series built by `make -j2`."""
    out = tmp_path_factory.mktemp("made") / "build"
    result = _make("-j2", f"DRAFTS={series_copy}", f"OUT={out}")
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def built(series_copy: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same series built in one process by the library (what `compactdraft build` runs)."""
    out = tmp_path_factory.mktemp("built") / "build"
    build(load_manifest(series_copy), out)
    return out


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and not p.name.startswith(".")}


def test_plan_lists_every_output_after_its_inputs(series_copy):
    series = load_manifest(series_copy)
    the_plan = plan(series, "out")
    names = [s.name for s in the_plan.steps]
    ids = [d.id for d in series.drafts]
    expected = {f"drafts/{i}.json" for i in ids} | {f"sources/{s.id}.json" for s in series.sources}
    pairs = list(zip(ids, ids[1:])) + [(ids[0], ids[-1])]
    assert redline_pairs(series) == pairs
    expected |= {f"redlines/{a}-{b}.{fmt}" for a, b in pairs for fmt in ("docx", "html")}
    expected |= {"graph.json", "graph.graphml", "annotated.docx", "annotated.html", "index.html", "trace.html"}
    expected |= {"coverage.html"} if series.sources else set()
    assert set(names) == expected and len(names) == len(expected)
    made_so_far: set[str] = set()
    for step in the_plan.steps:
        built_inputs = {i[len("out/"):] for i in step.inputs if i.startswith("out/")}
        assert built_inputs <= made_so_far, step.name
        made_so_far.add(step.name)


def test_bad_requests_are_usage_errors(series_copy):
    with pytest.raises(UsageError, match="--notes"):
        plan(load_manifest(series_copy), "out", notes="margins")
    with pytest.raises(UsageError, match="make cannot handle"):
        makefile_rules(str(series_copy), "my build")


def test_make_and_the_library_give_the_same_bytes(made, built):
    """Determinism and one plan: two builds (make -j2, one process) of the same inputs, same files."""
    from_make, from_library = _files(made), _files(built)
    assert sorted(from_make) == sorted(from_library)
    assert [n for n in from_make if from_make[n] != from_library[n]] == []


def test_build_structure(made, series_copy):
    series = load_manifest(series_copy)
    for entry in series.drafts:
        data = json.loads((made / "drafts" / f"{entry.id}.json").read_text())
        assert data["id"] == entry.id and data["date"] == entry.date and data["provisions"]
    graph = json.loads((made / "graph.json").read_text())
    assert {e["type"] for e in graph["edges"]} >= {"becomes", "cites"}
    assert (made / "graph.graphml").read_bytes().startswith(b"<?xml")
    for docx in made.rglob("*.docx"):
        assert docx.read_bytes()[:2] == b"PK"


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.hrefs += [v for k, v in attrs if k in ("href", "src") and v]


def _links(page: Path) -> list[str]:
    parser = _Links()
    parser.feed(page.read_text())
    return parser.hrefs


def test_index_links_every_output_and_nothing_missing(made):
    links = _links(made / "index.html")
    outputs = {n for n in _files(made) if n != "index.html"}
    assert set(links) == outputs
    page = (made / "index.html").read_text()
    assert page.count("<svg") == 5  # the series flow; words per objective, provisions per round, coverage, brackets
    assert "<script" not in page and "http" not in re.sub(r"http://www\.w3\.org/[\w/.]+", "", page)


def test_annotated_html_links_resolve(made):
    links = _links(made / "annotated.html")
    assert links and all((made / link.split("#")[0]).exists() for link in links)


def test_second_make_does_nothing(made, series_copy):
    out = made
    result = _make("-q", f"DRAFTS={series_copy}", f"OUT={out}")
    assert result.returncode == 0, "make -q says something is out of date after a full build"
    result = _make(f"DRAFTS={series_copy}", f"OUT={out}")
    assert "compactdraft" not in result.stdout and "Nothing to be done" in result.stdout


def test_touching_one_draft_rebuilds_only_what_reads_it(made, series_copy):
    series = load_manifest(series_copy)
    middle = series.drafts[1]
    the_plan = plan(series, made)
    os.utime(middle.path)  # newer than everything built from it
    try:
        result = _make("-n", f"DRAFTS={series_copy}", f"OUT={made}")
    finally:
        stamp = (made / "index.html").stat().st_mtime - 1
        os.utime(middle.path, (stamp, stamp))
    rebuilt = set(re.findall(r"--step (\S+)", result.stdout))
    affected = {f"drafts/{middle.id}.json"}
    for step in the_plan.steps:  # everything that reads (transitively) the touched draft
        if str(middle.path) in step.inputs or {str(made / a) for a in affected} & set(step.inputs):
            affected.add(step.name)
    assert rebuilt == affected
    assert f"drafts/{series.drafts[0].id}.json" not in rebuilt
    assert f"redlines/{series.drafts[0].id}-{series.drafts[-1].id}.html" not in rebuilt


def test_cli_build_is_quiet_when_piped(series_copy, tmp_path):
    out = tmp_path / "out"
    result = subprocess.run([sys.executable, "-m", "compactdraft", "build", str(series_copy), "-o", str(out),
                             "--step", "drafts/zero.json"], capture_output=True, text=True, check=False)
    assert result.returncode == 0 and result.stdout == "" and result.stderr == ""
    rules = subprocess.run([sys.executable, "-m", "compactdraft", "build", str(series_copy), "-o", str(out),
                            "--print-makefile"], capture_output=True, text=True, check=False)
    assert f"{out}/drafts/zero.json: " in rules.stdout and "--step drafts/zero.json\n" in rules.stdout
    # outputs that share their work are one grouped rule, made by one process
    assert f"{out}/graph.json {out}/graph.graphml " in rules.stdout and " &: " in rules.stdout
    assert "--step graph.json --step graph.graphml --step annotated.docx" in rules.stdout


def test_make_clean_removes_the_build(tmp_path):
    # in a copy of the make files, so that cleaning never touches the repository's own build
    for name in ("Makefile", "build.mk"):
        shutil.copy(ROOT / name, tmp_path / name)
    out = tmp_path / "cleanme"
    (out / "drafts").mkdir(parents=True)
    (out / "drafts" / "x.json").write_text("{}")
    result = _make("clean", f"OUT={out}", cwd=tmp_path)
    assert result.returncode == 0 and not out.exists()


def _normal(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.libreoffice
def test_libreoffice_opens_the_annotated_sample_with_its_comments(made, tmp_path):
    """The annotated final draft opens in LibreOffice (converts without repair) with every comment
    anchored in the paragraph that carries it in our .docx."""
    import zipfile

    from lxml import etree

    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed; `make test` installs it via .ci/system-deps.sh")
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    with zipfile.ZipFile(made / "annotated.docx") as package:
        document = etree.fromstring(package.read("word/document.xml"))
        comments = etree.fromstring(package.read("word/comments.xml")).findall(w + "comment")
    anchored = [_normal("".join(t.text or "" for t in p.iter(w + "t")))
                for p in document.iter(w + "p") if p.find(w + "commentRangeStart") is not None]
    assert len(anchored) == len(comments) > 0
    subprocess.run([soffice, f"-env:UserInstallation=file://{tmp_path / 'lo-profile'}", "--headless", "--norestore",
                    "--convert-to", "fodt", "--outdir", str(tmp_path), str(made / "annotated.docx")],
                   check=True, capture_output=True, timeout=180)
    office = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
    root = etree.parse(str(tmp_path / "annotated.fodt")).getroot()
    annotations = list(root.iter(f"{{{office}}}annotation"))
    assert len(annotations) == len(comments)
    for note, expected in zip(annotations, anchored):
        paragraph = note.getparent()
        own = "".join(t for node in paragraph.xpath("node()") if getattr(node, "tag", None) != note.tag
                      for t in (node.itertext() if hasattr(node, "itertext") else [str(node)]))
        assert _normal(own)[:40] == expected[:40]
