from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from compactdraft.cli import COMMANDS, cli, main


def run(*args: str, input: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "compactdraft", *args], capture_output=True, input=input)


def test_every_command_has_help_with_an_example():
    runner = CliRunner()
    for name in cli.list_commands(None):  # type: ignore[arg-type]
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example" in result.output, f"{name} --help has no example"


def test_listed_commands_are_known():
    assert set(cli.list_commands(None)) <= set(COMMANDS)  # type: ignore[arg-type]


@pytest.mark.parametrize("args, message", [
    (["parse", "missing.docx"], "missing.docx: no such file"),
    (["parse", "--format", "nope", "x.txt"], "Invalid value for '--format'"),
])
def test_errors_are_one_line_with_exit_2(args, message):
    result = run(*args)
    assert result.returncode == 2
    err = result.stderr.decode()
    assert message in err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_not_a_docx(tmp_path):
    fake = tmp_path / "fake.docx"
    fake.write_text("plain text")
    result = run("parse", str(fake))
    assert result.returncode == 2
    assert result.stderr.decode().strip() == f"compactdraft: error: {fake}: is not a Word document (not a zip package)"


def test_non_utf8_text(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"1. Caf\xe9 au lait.\n")
    result = run("parse", str(bad))
    assert result.returncode == 2
    assert "not valid UTF-8" in result.stderr.decode()


def test_empty_file(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    result = run("parse", str(empty))
    assert result.returncode == 2
    assert "empty" in result.stderr.decode()


def test_unsupported_extension(tmp_path):
    odd = tmp_path / "draft.xyz"
    odd.write_text("1. Text.")
    result = run("parse", str(odd))
    assert result.returncode == 2
    assert "unsupported file type '.xyz'" in result.stderr.decode()


def test_parse_stdin_json():
    result = run("parse", "-", "--format", "json", input=b"17. We commit.\n(a) Act.\n")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert [p["id"] for p in data["provisions"]] == ["para.17", "para.17.a"]


def test_output_is_atomic_and_never_an_input(tmp_path):
    src = tmp_path / "d.txt"
    src.write_text("1. Text.\n")
    before = src.read_bytes()
    result = run("parse", str(src), "-o", str(src))
    assert result.returncode == 2
    assert "overwrite the input" in result.stderr.decode()
    assert src.read_bytes() == before
    out = tmp_path / "d.json"
    assert run("parse", str(src), "-o", str(out)).returncode == 0
    assert json.loads(out.read_text())["provisions"][0]["id"] == "para.1"
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_main_turns_library_errors_into_exit_codes(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["parse", "definitely-missing.txt"])
    assert exc.value.code == 2
