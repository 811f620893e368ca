"""What a user would pick instead of compactdraft, run on the same inputs, and how good their output is.

Every text tool returns a list of ``(op, text)`` pieces (``=``, ``-``, ``+``) so that one function,
:func:`quality`, judges them all the same way: is the output exact (accepting every change gives the
new text, rejecting every change the old one, compared word by word) and how many non-space characters
does it mark as changed, against the true edit size recorded when the workload was made.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

Pieces = list[tuple[str, str]]

_TOKEN = re.compile(r"\s+|\S+")


@dataclass(frozen=True)
class Quality:
    exact: bool  # accept == new and reject == old (word by word)
    changed_chars: int  # non-space characters the tool marks deleted or inserted


def changed_size(pieces: Iterable[tuple[str, str]]) -> int:
    return sum(len("".join(text.split())) for op, text in pieces if op != "=")


def quality(pieces: Pieces, old: str, new: str) -> Quality:
    # pieces carry their own whitespace, so plain concatenation rebuilds each side
    accepted = "".join(text for op, text in pieces if op != "-")
    rejected = "".join(text for op, text in pieces if op != "+")
    exact = accepted.split() == new.split() and rejected.split() == old.split()
    return Quality(exact, changed_size(pieces))


# --- word-mode diff-match-patch (whole document) ----------------------------------------------------

def _encode(a: str, b: str) -> tuple[str, str, list[str]]:
    """Each distinct token (word or whitespace run) becomes one character, as dmp's linesToChars does."""
    codes: dict[str, str] = {}
    table: list[str] = []

    def encode(text: str) -> str:
        out = []
        for token in _TOKEN.findall(text):
            code = codes.get(token)
            if code is None:
                number = 0x100 + len(table)
                code = chr(number + 0x800 if number >= 0xD800 else number)  # never a surrogate
                codes[token] = code
                table.append(token)
            out.append(code)
        return "".join(out)

    return encode(a), encode(b), table


def _decode(code_text: str, table: list[str]) -> str:
    return "".join(table[(n - 0x800 if (n := ord(c)) >= 0xE000 else n) - 0x100] for c in code_text)


def dmp_python(timeout: float) -> Callable[[str, str], Pieces]:
    def run(old: str, new: str) -> Pieces:
        from diff_match_patch import diff_match_patch

        dmp = diff_match_patch()
        dmp.Diff_Timeout = timeout
        a, b, table = _encode(old, new)
        names = {0: "=", -1: "-", 1: "+"}
        return [(names[op], _decode(text, table)) for op, text in dmp.diff_main(a, b, checklines=False)]
    return run


def dmp_fast(timeout: float) -> Callable[[str, str], Pieces]:
    def run(old: str, new: str) -> Pieces:
        import fast_diff_match_patch

        a, b, table = _encode(old, new)
        # timelimit=0 means no limit; 1 is the library default of pure-Python dmp's Diff_Timeout
        result = fast_diff_match_patch.diff(a, b, timelimit=timeout, checklines=False, cleanup="No",
                                            counts_only=False)
        return [(op, _decode(text, table)) for op, text in result]
    return run


def fast_dmp_available() -> bool:
    try:
        import fast_diff_match_patch  # noqa: F401
    except ImportError:
        return False
    return True


# --- difflib over word tokens -------------------------------------------------------------------------

def difflib_words(old: str, new: str) -> Pieces:
    """stdlib SequenceMatcher over words, with its defaults (autojunk on), as most scripts use it."""
    from difflib import SequenceMatcher

    a, b = old.split(), new.split()
    pieces: Pieces = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, a, b).get_opcodes():
        if tag == "equal":
            pieces.append(("=", " ".join(a[i1:i2]) + " "))
            continue
        if i2 > i1:
            pieces.append(("-", " ".join(a[i1:i2]) + " "))
        if j2 > j1:
            pieces.append(("+", " ".join(b[j1:j2]) + " "))
    return pieces


# --- redlines (PyPI) ---------------------------------------------------------------------------------

def redlines_text(old: str, new: str) -> Pieces:
    """houfu/redlines with its defaults; pieces rebuilt from its diff operations (its public opcodes)."""
    from redlines import Redlines
    from redlines.processor import PARAGRAPH_MARKER

    result = Redlines(old, new)
    pieces: Pieces = []
    for operation in result._diff_ops:  # the list behind .opcodes, with the token chunks they index
        tag, i1, i2, j1, j2 = operation.opcodes
        source = "".join(operation.source_chunk.text[i1:i2]).replace(PARAGRAPH_MARKER, " ")
        test = "".join(operation.test_chunk.text[j1:j2]).replace(PARAGRAPH_MARKER, " ")
        if tag == "equal":
            pieces.append(("=", source))
            continue
        if source.strip():
            pieces.append(("-", source))
        if test.strip():
            pieces.append(("+", test))
    return pieces


def redlines_available() -> bool:
    try:
        import redlines  # noqa: F401
    except ImportError:
        return False
    return True


# --- python-redlines (docx, its bundled .NET engine) --------------------------------------------------

def python_redlines_docx(old_docx: Path, new_docx: Path) -> bytes:
    from python_redlines import DocxodusEngine

    redline, _stdout, _stderr = DocxodusEngine().run_redline("bench", str(old_docx), str(new_docx))
    return redline


def python_redlines_problem() -> str | None:
    """None if python-redlines can run here, else why not (missing package or engine binary)."""
    try:
        from python_redlines import DocxodusEngine

        DocxodusEngine()
    except Exception as exc:  # noqa: BLE001 - any failure is a reason to report, not to crash the run
        return f"{exc.__class__.__name__}: {exc}"
    return None


# --- reading tracked changes out of any .docx (ours and theirs alike) ---------------------------------

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_INSERTED = {W + "ins", W + "moveTo"}
_DELETED = {W + "del", W + "moveFrom"}


def docx_pieces(data: bytes, path: str = "redline.docx") -> Pieces:
    """The body of a tracked-changes .docx as pieces: inserted runs '+', deleted runs '-', the rest '='."""
    from compactdraft.safeio import SafeZip

    root = SafeZip(data, path).read_xml("word/document.xml")
    pieces: Pieces = []
    for paragraph in root.iter(W + "p"):
        for node in paragraph.iter(W + "t", W + "delText", W + "tab"):
            if node.tag == W + "tab":
                text = " "
            else:
                text = node.text or ""
            op = "="
            for ancestor in node.iterancestors():
                if ancestor.tag in _INSERTED:
                    op = "+"
                    break
                if ancestor.tag in _DELETED:
                    op = "-"
                    break
                if ancestor is paragraph:
                    break
            if node.tag == W + "delText":
                op = "-"
            pieces.append((op, text))
        pieces.append(("=", " "))
    return pieces
