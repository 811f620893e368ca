"""What `pip install` of a built wheel gives a user: everything the code reads at run time ships inside
the package (a wheel built from the project once parsed nothing: its structure profiles lay outside)."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_the_built_wheel_installed_in_a_fresh_venv_parses_a_draft(tmp_path: Path) -> None:
    # built from a copy: setuptools builds in the source tree's build/, where `make` puts its outputs
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".git", ".venv", "build", "node_modules", "*.egg-info",
                                                                "__pycache__", ".hypothesis", "bench"))
    wheels = tmp_path / "dist"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "--disable-pip-version-check",
                    "-w", str(wheels), str(source)], check=True, timeout=300, cwd=tmp_path)
    wheel = next(wheels.glob("compactdraft-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "compactdraft/templates/profiles/un-compact.toml" in names
    assert not [n for n in names if n.startswith(("tests/", "drafts/", "bench/"))]

    fresh = tmp_path / "venv"
    venv.create(fresh, with_pip=True)
    python = fresh / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--no-deps", "--disable-pip-version-check",
                    str(wheel)], check=True, timeout=300)
    # the dependencies come from this environment's site-packages on PYTHONPATH, whose .pth files
    # (the editable install of this checkout among them) are not read from there
    env = {**os.environ, "PYTHONPATH": sysconfig.get_paths()["purelib"]}
    where = subprocess.run([str(python), "-c", "import compactdraft; print(compactdraft.__file__)"], env=env,
                           cwd=tmp_path, capture_output=True, text=True, check=True)
    assert Path(where.stdout.strip()).is_relative_to(fresh)
    run = subprocess.run([str(fresh / "bin" / "compactdraft"), "parse", str(ROOT / "drafts" / "rev1.docx")],
                         env=env, cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    assert "profile un-compact" in run.stdout.splitlines()[0] and "para.19" in run.stdout
