"""Every bad input gives exit 2 and one line naming the file and the problem, never a traceback."""
from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from docxfactory import DocxBuilder, compact_docx

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504


def run_parse(path: Path) -> tuple[int, str]:
    result = subprocess.run([sys.executable, "-m", "compactdraft", "parse", str(path)], capture_output=True,
                            check=False)
    return result.returncode, result.stderr.decode()


def zip_of(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        for name, content in members.items():
            package.writestr(name, content)
    return out.getvalue()


def docx_with_document(xml: bytes) -> bytes:
    """A valid package whose word/document.xml is replaced by ``xml``."""
    source = zipfile.ZipFile(io.BytesIO(compact_docx().to_bytes()))
    return zip_of({name: (xml if name == "word/document.xml" else source.read(name)) for name in source.namelist()})


def empty_docx() -> bytes:
    doc = DocxBuilder()
    doc.paragraph("")
    return doc.to_bytes()


BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
                  b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                  b"<w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>")
XXE = (b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
       b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
       b"<w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>")


def zip_bomb() -> bytes:
    """A member of 20 MB of zeros: ~1000:1 compression, refused from its declared size and ratio."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        with package.open("word/document.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(20):
                member.write(chunk)
    return out.getvalue()


CASES = {
    "no-document.docx": (lambda: zip_of({"[Content_Types].xml": b"<Types/>", "other.xml": b"<x/>"}),
                         "is a zip package without word/document.xml; not a Word document"),
    "truncated.docx": (lambda: compact_docx().to_bytes()[:1500], "corrupt or truncated Word document"),
    "encrypted.docx": (lambda: OLE + "EncryptionInfo".encode("utf-16-le") + OLE,
                       "is password-protected (encrypted)"),
    "legacy.docx": (lambda: OLE + "WordDocument".encode("utf-16-le") + OLE,
                    "is a legacy Word 97-2003 .doc, not a .docx"),
    "renamed.docx": (lambda: zip_of({"mimetype": b"application/vnd.oasis.opendocument.text",
                                     "content.xml": b"<office:document-content/>"}),
                     "is an OpenDocument text (.odt), not a Word document; save it as .docx"),
    "bomb.docx": (zip_bomb, "refused as a possible zip bomb"),
    "laughs.docx": (lambda: docx_with_document(BILLION_LAUGHS), "XML declares entities in a DTD; refused"),
    "xxe.docx": (lambda: docx_with_document(XXE), "XML declares entities in a DTD; refused"),
    "empty.docx": (empty_docx, "the document is empty (no text found)"),
    "plain.docx": (lambda: b"just some text", "is not a Word document (not a zip package)"),
    "scan.pdf": (lambda: b"not really a pdf", "is not a PDF"),
    "latin1.txt": (lambda: "Décision 17.".encode("latin-1"), "not valid UTF-8 text"),
    "nothing.html": (lambda: b"<html><body><script>x()</script></body></html>", "the document is empty"),
    "notakn.xml": (lambda: b"<root><a>text</a></root>", "is not an Akoma Ntoso document"),
    "broken.xml": (lambda: b"<akomaNtoso><act>", "malformed XML"),
    "data.xlsx": (lambda: b"name,value", "unsupported file type '.xlsx'"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_is_one_line_exit_2(tmp_path: Path, name: str):
    make, message = CASES[name]
    path = tmp_path / name
    path.write_bytes(make())
    code, err = run_parse(path)
    assert code == 2, err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1, err
    assert err.startswith(f"compactdraft: error: {path}: "), err
    assert message in err


def test_missing_file(tmp_path: Path):
    code, err = run_parse(tmp_path / "absent.docx")
    assert code == 2 and err.strip() == f"compactdraft: error: {tmp_path / 'absent.docx'}: no such file"
