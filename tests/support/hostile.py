"""Hostile and broken inputs, generated at test time (nothing large is committed).

Each :class:`Case` writes one file and says what the toolkit must do with it: ``refuse`` (exit 2 with
one line naming the file and containing ``message``) or ``accept`` (the command succeeds). Big cases
are built cheaply: the zip bomb streams zeros through zlib in chunks, the 50 MB paragraph repeats a
seeded block of words.

    for case in CASES:
        path = case.write(tmp_path)

Marker strings (``SECRET``) let tests prove that no entity, path or URL ever reaches an output.
"""
from __future__ import annotations

import io
import random
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from docxfactory import NSDECL, DocxBuilder, compact_docx
from pdffactory import make_pdf

SECRET = "SECRET-d41d8cd98f00b204"  # the content of the local file XXE tries to read
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
AKN_NS = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
MB = 1024 * 1024


@dataclass(frozen=True)
class Case:
    """One hostile input: its file name, how to build it, what must happen to it."""

    name: str
    filename: str
    build: Callable[[Context], bytes]
    outcome: str  # "refuse" or "accept"
    message: str = ""  # for refuse: a fragment of the one-line error
    big: bool = False  # slow to process: run fewer commands on it
    what: str = ""  # one line for docs/robustness.md

    def write(self, folder: Path, context: Context) -> Path:
        path = folder / self.filename
        path.write_bytes(self.build(context))
        return path


@dataclass(frozen=True)
class Context:
    """Where the hostile files point: a local secret file and a URL nobody should ever fetch."""

    secret_file: Path
    url: str  # http://127.0.0.1:PORT/ of a listener that records connections


# --- building blocks -------------------------------------------------------------------------------

def zip_of(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", method) as package:
        for name, content in members.items():
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = method
            package.writestr(info, content)
    return out.getvalue()


def members_of(data: bytes) -> dict[str, bytes]:
    source = zipfile.ZipFile(io.BytesIO(data))
    return {name: source.read(name) for name in source.namelist()}


def docx_replacing(part: str, xml: bytes, base: bytes | None = None) -> bytes:
    """A valid compact .docx with one part replaced (or added)."""
    members = members_of(base or compact_docx().to_bytes())
    members[part] = xml
    return zip_of(members)


def word_document(body: str) -> bytes:
    return (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {NSDECL}><w:body>{body}'
            "</w:body></w:document>").encode()


def para(text: str) -> str:
    return f'<w:p><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def doctype(root: str, entities: str) -> str:
    return f'<?xml version="1.0"?><!DOCTYPE {root} [{entities}]>'


def xxe_document(target: str, padding: int = 0) -> bytes:
    """document.xml whose text is an external entity; ``padding`` pushes the DTD past a head check."""
    comment = f"<!--{'x' * padding}-->" if padding else ""
    head = doctype("w:document", f'<!ENTITY xxe SYSTEM "{target}">')
    if padding:
        head = head.replace("?>", "?>" + comment, 1)
    return (head + f'<w:document {NSDECL}><w:body>{para("17. We commit &xxe; to act.")}</w:body>'
            "</w:document>").encode()


def xxe_numbering(target: str) -> bytes:
    return (doctype("w:numbering", f'<!ENTITY xxe SYSTEM "{target}">')
            + f'<w:numbering {NSDECL}><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
            '<w:numFmt w:val="decimal"/><w:lvlText w:val="&xxe;%1."/></w:lvl></w:abstractNum>'
            '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>').encode()


def akn(body: str, prolog: str = "") -> bytes:
    return (f'{prolog}<akomaNtoso xmlns="{AKN_NS}"><act><meta/><body><paragraph eId="para_1"><num>1.</num>'
            f"<content><p>{body}</p></content></paragraph></body></act></akomaNtoso>").encode()


LAUGHS = ('<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
          + "".join(f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10}">' for n in range(2, 10)))


def billion_laughs_docx(_: Context) -> bytes:
    xml = doctype("w:document", LAUGHS) + f'<w:document {NSDECL}><w:body>{para("&lol9;")}</w:body></w:document>'
    return docx_replacing("word/document.xml", xml.encode())


def billion_laughs_akn(_: Context) -> bytes:
    return akn("&lol9;", doctype("akomaNtoso", LAUGHS))


def billion_laughs_html(_: Context) -> bytes:
    return (doctype("html", LAUGHS) + "<html><body><p>1. &lol9;</p></body></html>").encode()


@dataclass(frozen=True)
class RawMember:
    """A zip member given as already-deflated bytes, with its CRC and uncompressed size."""

    name: str
    deflated: bytes
    crc: int
    size: int

    @classmethod
    def of(cls, name: str, content: bytes) -> RawMember:
        packer = zlib.compressobj(9, zlib.DEFLATED, -15)
        return cls(name, packer.compress(content) + packer.flush(), zlib.crc32(content), len(content))


def raw_zip(members: list[RawMember]) -> bytes:
    """A zip written field by field (zipfile would have to deflate a bomb's gigabyte itself)."""
    out, directory = bytearray(), bytearray()
    for member in members:
        name = member.name.encode()
        fields = (20, 0, 8, 0, 0x5021, member.crc, len(member.deflated), member.size, len(name), 0)
        directory += struct.pack("<4s2H", b"PK\x01\x02", 20, fields[0]) + struct.pack("<4H3I2H", *fields[1:])
        directory += struct.pack("<3H2I", 0, 0, 0, 0, len(out)) + name
        out += struct.pack("<4sH", b"PK\x03\x04", fields[0]) + struct.pack("<4H3I2H", *fields[1:]) + name
        out += member.deflated
    end = struct.pack("<4s4H2IH", b"PK\x05\x06", 0, 0, len(members), len(members), len(directory), len(out), 0)
    return bytes(out + directory + end)


def zip_bomb(_: Context) -> bytes:
    """document.xml declaring and really inflating to 1 GiB of zeros in a 1 MB file (1000:1).

    One 16 MB block of zeros is deflated once and ended with a full flush, so the stream can be
    repeated: 64 copies and a final empty block inflate to 1 GiB.
    """
    block = b"\0" * (16 * MB)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    segment = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(64):
        crc = zlib.crc32(block, crc)
    bomb = RawMember("word/document.xml", segment * 64 + packer.flush(), crc, 64 * len(block))
    others = [RawMember.of(name, content) for name, content in members_of(compact_docx().to_bytes()).items()
              if name != "word/document.xml"]
    return raw_zip(others + [bomb])


def lying_zip_bomb(_: Context) -> bytes:
    """A member whose zip directory declares 40 KB but which inflates to 64 MB: caught while reading."""
    data = bytearray(docx_replacing("word/document.xml", b"<" * (64 * MB)))
    index = data.find(b"PK\x01\x02")
    while index >= 0:  # central directory entries: patch the uncompressed size of document.xml
        name_length = struct.unpack_from("<H", data, index + 28)[0]
        if bytes(data[index + 46:index + 46 + name_length]) == b"word/document.xml":
            compressed = struct.unpack_from("<I", data, index + 20)[0]
            struct.pack_into("<I", data, index + 24, max(compressed * 2, 40_000))
        index = data.find(b"PK\x01\x02", index + 46)
    return bytes(data)


def traversal_docx(_: Context) -> bytes:
    """A readable compact whose package also holds ../ and absolute member names."""
    members = members_of(compact_docx().to_bytes())
    members["../../../../tmp/compactdraft-escaped.txt"] = SECRET.encode()
    members["/tmp/compactdraft-absolute.txt"] = SECRET.encode()
    members["word/../../escape.xml"] = b"<x/>"
    return zip_of(members)


def truncated_docx(_: Context) -> bytes:
    data = compact_docx().to_bytes()
    return data[: len(data) // 2]


def corrupt_docx(_: Context) -> bytes:
    """The central directory is intact but document.xml's compressed bytes are scrambled."""
    data = bytearray(zip_of(members_of(compact_docx().to_bytes())))
    start = data.find(b"word/document.xml") + len(b"word/document.xml")
    for offset in range(start + 40, start + 400):
        data[offset] ^= 0x5A
    return bytes(data)


def ole(stream_names: list[str]) -> bytes:
    """Enough of an OLE compound file for a reader to recognise: header, then UTF-16 directory names."""
    header = OLE_MAGIC + b"\x00" * 16 + b"\x3e\x00\x03\x00\xfe\xff\x09\x00" + b"\x00" * 480
    names = b"".join(name.encode("utf-16-le").ljust(64, b"\x00") + b"\x00" * 64 for name in stream_names)
    return header + names + b"\x00" * 1024


def odt(_: Context) -> bytes:
    return zip_of({"mimetype": b"application/vnd.oasis.opendocument.text",
                   "content.xml": b'<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:'
                                  b'xmlns:office:1.0"><office:body/></office:document-content>',
                   "META-INF/manifest.xml": b"<manifest/>"}, zipfile.ZIP_STORED)


WORDS = ("we commit to strengthen the global evidence base on international migration by improving and "
         "investing in collection analysis dissemination of accurate reliable comparable data").split()


def random_words(count: int, seed: int) -> str:
    rng = random.Random(seed)
    return " ".join(rng.choice(WORDS) for _ in range(count))


def huge_paragraph_text(megabytes: int = 50) -> str:
    """One paragraph of ``megabytes`` MB: a seeded 1 MB block of words repeated with a counter."""
    block = random_words(150_000, 1)[: MB - 16]
    return "17. " + " ".join(f"{block} {n}" for n in range(megabytes))


def huge_paragraph_docx(_: Context) -> bytes:
    # random words compress ~4:1, far from a bomb's ratio; lxml is asked for one 50 MB text node
    return docx_replacing("word/document.xml", word_document(para(huge_paragraph_text(50))))


def many_paragraphs_text(count: int = 100_000) -> str:
    return "\n\n".join(f"{n}. We commit {n}." for n in range(1, count + 1)) + "\n"


def many_paragraphs_docx(_: Context) -> bytes:
    body = "".join(para(f"{n}. We commit {n}.") for n in range(1, 100_001))
    return docx_replacing("word/document.xml", word_document(body))


def nested_tables(depth: int) -> bytes:
    inner = para("17. We commit to the innermost cell.")
    for level in range(depth):
        inner = f"<w:tbl><w:tr><w:tc>{inner}{para(f'Cell at depth {level}.')}</w:tc></w:tr></w:tbl>"
    return docx_replacing("word/document.xml", word_document(para("1. Before the table.") + inner))


CONTROL = "".join(chr(c) for c in range(1, 32) if chr(c) not in "\n\r\t") + "\x7f\x85\u200b\u202e\ufeff\ufffe\uffff"


def control_text(_: Context) -> bytes:
    """Control characters (no NUL), C1, bidi overrides, BOM and non-characters inside provisions."""
    lines = ["Global Compact for Testing", "",
             f"1. We commit{CONTROL}to act.", "",
             f"2. States{chr(0x1b)}[31m shall cooperate\u202eреверс.", "",
             "3. Last paragraph\x0c with a form feed."]
    return "\n".join(lines).encode("utf-8")


def invalid_utf8_text(_: Context) -> bytes:
    return b"1. We commit to act.\n\n2. Broken \xed\xa0\x80 surrogate and \xff\xfe bytes.\n"


def invalid_utf8_docx(_: Context) -> bytes:
    return docx_replacing("word/document.xml", word_document(para("1. We commit")).replace(b"commit", b"comm\xffit"))


def control_docx(_: Context) -> bytes:
    """XML 1.0 forbids most control characters, even as character references."""
    return docx_replacing("word/document.xml", word_document(para("1. We commit &#1;&#27; to act.")))


def pdf_without_text(_: Context) -> bytes:
    """A one-page PDF with no text operators at all (like a scan with no OCR layer)."""
    return make_pdf([[]])


def revisions_docx(_: Context) -> bytes:
    """A draft as it arrives from a negotiator: tracked insertions, deletions, a move, comments, footnotes."""
    doc = DocxBuilder()
    doc.paragraph("Global Compact for Testing", style="Title")
    doc.paragraph("1. We commit to strengthen the global evidence base.{fn:See A/RES/71/1, para. 40.}")
    doc.raw('<w:p><w:r><w:t xml:space="preserve">2. We will </w:t></w:r>'
            '<w:del w:id="1" w:author="A" w:date="2018-01-01T00:00:00Z">'
            '<w:r><w:delText>enhance</w:delText></w:r></w:del>'
            '<w:ins w:id="2" w:author="A" w:date="2018-01-01T00:00:00Z"><w:r><w:t>improve</w:t></w:r></w:ins>'
            '<w:commentRangeStart w:id="0"/><w:r><w:t xml:space="preserve"> cooperation.</w:t></w:r>'
            '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>')
    doc.raw('<w:p><w:moveFromRangeStart w:id="3" w:name="m1" w:author="A"/><w:moveFrom w:id="4" w:author="A">'
            '<w:r><w:t>3. Moved away text.</w:t></w:r></w:moveFrom><w:moveFromRangeEnd w:id="3"/></w:p>')
    doc.paragraph("4. States shall share information.")
    doc.raw('<w:p><w:moveToRangeStart w:id="5" w:name="m1" w:author="A"/><w:moveTo w:id="6" w:author="A">'
            '<w:r><w:t>5. Moved away text.</w:t></w:r></w:moveTo><w:moveToRangeEnd w:id="5"/></w:p>')
    doc.raw('<w:p><w:pPr><w:rPr><w:ins w:id="7" w:author="A" w:date="2018-01-01T00:00:00Z"/></w:rPr></w:pPr>'
            '<w:ins w:id="8" w:author="A" w:date="2018-01-01T00:00:00Z"><w:r><w:t>6. An inserted paragraph.</w:t>'
            '</w:r></w:ins></w:p>')
    data = doc.to_bytes()
    comments = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:comments {NSDECL}>'
                '<w:comment w:id="0" w:author="B" w:date="2018-01-02T00:00:00Z"><w:p><w:r><w:t>COMMENT-TEXT '
                'must not enter the provisions</w:t></w:r></w:p></w:comment></w:comments>').encode()
    return docx_replacing("word/comments.xml", comments, data)


def json_nested(_: Context) -> bytes:
    return b'{"schema": "compactdraft/draft/1", "provisions": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"


def graphml_xxe(context: Context) -> bytes:
    return (doctype("graphml", f'<!ENTITY xxe SYSTEM "{context.secret_file.as_uri()}">')
            + '<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">'
            '<node id="&xxe;"/></graph></graphml>').encode()


# --- issue 18: what dropped content, replaced inputs or cost without bound -------------------------

def nested_divs_html(depth: int = 260) -> bytes:
    """A paragraph after ``depth`` empty nested divs: libxml2's 256 limit used to drop it silently."""
    return (f"<html><body><p>1. States shall act.</p>{'<div>' * depth}{'</div>' * depth}"
            "<p>2. States may, where convenient, report.</p></body></html>").encode()


def undeclared_html(encoding: str) -> bytes:
    return "<html><body><p>1. Les États réagissent à la crise.</p></body></html>".encode(encoding)


def lying_charset_html(_: Context) -> bytes:
    return ('<html><head><meta charset="utf-8"></head><body><p>1. Les États réagissent.</p>'
            "<p>2. Deuxième paragraphe.</p></body></html>").encode("latin-1")


def huge_start_html(_: Context) -> bytes:
    return b'<ol start="999999999999" type="i"><li>States shall act.</li></ol>'


def huge_start_docx(_: Context) -> bytes:
    numbering = (f'<?xml version="1.0"?><w:numbering {NSDECL}><w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0">'
                 '<w:start w:val="2147483647"/><w:numFmt w:val="upperRoman"/><w:lvlText w:val="%1."/></w:lvl>'
                 '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>').encode()
    body = ('<w:p><w:pPr><w:numPr><w:ilvl w:val="0"/><w:numId w:val="1"/></w:numPr></w:pPr>'
            '<w:r><w:t>States shall act.</w:t></w:r></w:p>')
    return docx_replacing("word/numbering.xml", numbering, docx_replacing("word/document.xml", word_document(body)))


def content_types_entities(_: Context) -> bytes:
    """Billion laughs in [Content_Types].xml, which only the writers read."""
    members = members_of(compact_docx().to_bytes())
    types = members["[Content_Types].xml"].decode()
    start = types.index("<Types")
    members["[Content_Types].xml"] = (doctype("Types", LAUGHS) + types[start:]).encode()
    return zip_of(members)


def lone_surrogate_json(_: Context) -> bytes:
    """A real draft's JSON whose first text holds an escaped lone surrogate and a control character."""
    from compactdraft.parse import parse_bytes
    from compactdraft.render import render

    draft = parse_bytes(b"1. States shall act.\n2. States shall report.\n", "d.txt")
    text = str(render("draft", draft, "json"))
    hostile = text.replace("States shall act.", "States \\ud800 shall\\u0001 act.", 1)
    assert hostile != text, "the generator must really plant the surrogate"
    return hostile.encode()


def separators_text(_: Context) -> bytes:
    return "1. States shall\x0bact\x0cand\x85report\u2028in\u2029time.\n2. Second.\n".encode()


def non_iso_akn_date(_: Context) -> bytes:
    meta = (b'<meta><identification><FRBRExpression><FRBRdate date="5 March 2025"/></FRBRExpression>'
            b'</identification></meta>')
    return akn("States shall act.").replace(b"<meta/>", meta, 1)


def _xxe_cases() -> list[Case]:
    makers = {
        "document": ("document.xml", ".docx", lambda target: docx_replacing("word/document.xml", xxe_document(target))),
        "numbering": ("numbering.xml", ".docx", lambda target: docx_replacing("word/numbering.xml",
                                                                              xxe_numbering(target))),
        "akn": ("an Akoma Ntoso file", ".xml", lambda target: akn(
            "We commit &xxe;.", doctype("akomaNtoso", f'<!ENTITY xxe SYSTEM "{target}">'))),
    }
    cases = []
    for part, (where, extension, make) in makers.items():
        for kind in ("file", "url"):
            def build(context: Context, make=make, kind=kind) -> bytes:
                return make(context.secret_file.as_uri() if kind == "file" else context.url)
            target = "a local file" if kind == "file" else "a URL"
            cases.append(Case(f"xxe-{kind}-{part}", f"xxe-{kind}-{part}{extension}", build, "refuse",
                              "declares entities in a DTD", what=f"external entity to {target} in {where}"))
    # the DTD hidden behind 8 KB of comment so that a check of the file's head alone would miss it
    cases.append(Case("xxe-late-doctype", "xxe-late.docx",
                      lambda c: docx_replacing("word/document.xml", xxe_document(c.secret_file.as_uri(), 8192)),
                      "refuse", "declares entities in a DTD",
                      what="external entity declared after 8 KB of comment (past a head-only check)"))
    # an HTML DTD behind 9 KB of comment: the HTML parser reads it as text and expands nothing
    cases.append(Case("xxe-late-html", "xxe-late.html", lambda c: (
        f"<!--{'x' * 9000}-->" + doctype("html", f'<!ENTITY xxe SYSTEM "{c.secret_file.as_uri()}">')
        + "<html><body><p>1. We commit &xxe; to act.</p></body></html>").encode(), "accept",
        what="HTML declaring an external entity after 9 KB of comment"))
    return cases


CASES: list[Case] = _xxe_cases() + [
    Case("billion-laughs-docx", "laughs.docx", billion_laughs_docx, "refuse", "declares entities in a DTD",
         what="billion laughs (10^9 'lol') in document.xml"),
    Case("billion-laughs-akn", "laughs.xml", billion_laughs_akn, "refuse", "declares entities in a DTD",
         what="billion laughs in an Akoma Ntoso file"),
    Case("billion-laughs-html", "laughs.html", billion_laughs_html, "refuse", "declares entities in a DTD",
         what="billion laughs in an HTML file"),
    Case("zip-bomb", "bomb.docx", zip_bomb, "refuse", "zip bomb",
         what="document.xml declaring and inflating to 1 GiB of zeros (1 MB file)"),
    Case("lying-zip-bomb", "lying-bomb.docx", lying_zip_bomb, "refuse", "corrupt or truncated package member",
         what="document.xml declaring 40 KB in the zip directory but inflating to 64 MB"),
    Case("zip-traversal", "traversal.docx", traversal_docx, "accept",
         what="zip members named ../../../../tmp/x, /tmp/x and word/../../x beside a valid document"),
    Case("truncated-zip", "truncated.docx", truncated_docx, "refuse", "corrupt or truncated",
         what="a .docx cut in half (no central directory)"),
    Case("corrupt-zip", "corrupt.docx", corrupt_docx, "refuse", "corrupt",
         what="a .docx whose document.xml compressed bytes are scrambled"),
    Case("no-document-xml", "nodoc.docx", lambda _: zip_of({"[Content_Types].xml": b"<Types/>", "x.xml": b"<x/>"}),
         "refuse", "without word/document.xml", what="a zip package with no word/document.xml"),
    Case("encrypted-docx", "encrypted.docx", lambda _: ole(["Root Entry", "EncryptionInfo", "EncryptedPackage"]),
         "refuse", "password-protected", what="a password-protected .docx (OLE compound file)"),
    Case("doc-renamed", "legacy.docx", lambda _: ole(["Root Entry", "WordDocument", "1Table"]), "refuse",
         "legacy Word 97-2003", what="a Word 97-2003 .doc renamed .docx"),
    Case("odt-renamed", "odt.docx", odt, "refuse", "OpenDocument text", what="an .odt renamed .docx"),
    Case("huge-paragraph-txt", "huge.txt", lambda _: huge_paragraph_text(50).encode(), "accept", big=True,
         what="a 50 MB single paragraph (.txt)"),
    Case("huge-paragraph-docx", "huge.docx", huge_paragraph_docx, "refuse", "safety limits", big=True,
         what="a 50 MB single paragraph (.docx, one w:t)"),
    Case("many-paragraphs-txt", "many.txt", lambda _: many_paragraphs_text().encode(), "accept", big=True,
         what="100,000 tiny numbered paragraphs (.txt)"),
    Case("many-paragraphs-docx", "many.docx", many_paragraphs_docx, "accept", big=True,
         what="100,000 tiny numbered paragraphs (.docx)"),
    Case("nested-tables-40", "nested40.docx", lambda _: nested_tables(40), "accept",
         what="tables nested 40 deep"),
    Case("nested-tables-500", "nested500.docx", lambda _: nested_tables(500), "refuse", "safety limits",
         what="tables nested 500 deep (XML depth > 1500)"),
    Case("control-chars-txt", "control.txt", control_text, "accept",
         what="C0/C1 control characters, ESC sequences, bidi override, BOM, U+FFFE/U+FFFF in a .txt"),
    Case("control-chars-docx", "control.docx", control_docx, "refuse", "malformed XML",
         what="control characters as character references in document.xml (not XML 1.0)"),
    Case("invalid-utf8-txt", "badutf8.txt", invalid_utf8_text, "refuse", "not valid UTF-8",
         what="invalid UTF-8 (surrogate, 0xFF) in a .txt"),
    Case("invalid-utf8-docx", "badutf8.docx", invalid_utf8_docx, "refuse", "malformed XML",
         what="invalid UTF-8 inside document.xml"),
    Case("empty-txt", "empty.txt", lambda _: b"", "refuse", "empty", what="an empty .txt"),
    Case("empty-docx", "empty.docx", lambda _: b"", "refuse", "empty", what="an empty (0 byte) .docx"),
    Case("empty-pdf", "empty.pdf", lambda _: b"", "refuse", "empty", what="an empty .pdf"),
    Case("empty-xml", "empty.xml", lambda _: b"", "refuse", "empty", what="an empty .xml"),
    Case("empty-html", "empty.html", lambda _: b"  \n", "refuse", "empty", what="a blank .html"),
    Case("pdf-no-text", "scan.pdf", pdf_without_text, "refuse", "no text layer",
         what="a PDF page with graphics only (a scan without OCR)"),
    Case("tracked-changes", "revisions.docx", revisions_docx, "accept",
         what="a .docx already holding tracked insertions/deletions, a move, comments and a footnote"),
    Case("json-nested", "nested.json", json_nested, "refuse", "nested",
         what="a draft .json nested 100,000 arrays deep"),
    Case("graphml-xxe", "graph.graphml", graphml_xxe, "refuse", "declares entities in a DTD",
         what="a saved graph (.graphml) with an external entity"),
    Case("nested-divs-260", "divs.html", lambda _: nested_divs_html(260), "accept",
         what="a paragraph after 260 nested empty divs (once dropped without a word)"),
    Case("nested-divs-5000", "deepdivs.html", lambda _: nested_divs_html(5000), "refuse", "nested too deeply",
         what="5,000 nested divs: refused rather than read in part"),
    Case("html-no-charset", "nocharset.html", lambda _: undeclared_html("utf-8"), "accept",
         what="UTF-8 HTML without a charset (once read as Latin-1)"),
    Case("html-lying-charset", "lying.html", lying_charset_html, "accept",
         what="Latin-1 bytes declared utf-8: read as windows-1252 with a warning"),
    Case("huge-start-html", "start.html", huge_start_html, "accept",
         what="<ol start=10^12 type=i> (2.7 GB of roman numerals once)"),
    Case("huge-start-docx", "start.docx", huge_start_docx, "accept",
         what="Word numbering w:start 2^31-1 in upper roman"),
    Case("content-types-laughs", "types.docx", content_types_entities, "refuse", "declares entities in a DTD",
         what="billion laughs in [Content_Types].xml"),
    Case("json-lone-surrogate", "surrogate.json", lone_surrogate_json, "accept",
         what="a JSON draft with a lone surrogate and a control character"),
    Case("txt-line-separators", "separators.txt", separators_text, "accept",
         what="VT, FF, NEL, U+2028/9 inside a .txt line"),
    Case("akn-non-iso-date", "date.xml", non_iso_akn_date, "accept",
         what="an Akoma Ntoso FRBRdate '5 March 2025': a warning, not a --date error"),
]

BY_NAME = {case.name: case for case in CASES}
assert len(BY_NAME) == len(CASES), "case names must be unique"


# --- every command over one input -------------------------------------------------------------------

def draft_commands(hostile: str, good: str, out: str) -> dict[str, list[str]]:
    """Every command of the CLI with ``hostile`` as an input beside a good draft; outputs under ``out``."""
    return {
        "parse": ["parse", hostile, "-o", f"{out}/parse.json"],
        "parse-tree": ["parse", hostile],
        "align": ["align", good, hostile, "-o", f"{out}/align.html"],
        "align-text": ["align", good, hostile],
        "redline-docx": ["redline", good, hostile, "-o", f"{out}/redline.docx"],
        "redline-html": ["redline", good, hostile, "-o", f"{out}/redline.html", "--side-by-side"],
        "redline-json": ["redline", good, hostile, "-o", f"{out}/redline.json"],
        "redline-md": ["redline", good, hostile, "-o", f"{out}/redline.md"],
        "redline-terminal": ["redline", hostile, good],
        "stats": ["stats", good, hostile, "--format", "json"],
        "history": ["history", good, hostile, "-o", f"{out}/history.json"],
        "graph-build": ["graph", "build", good, hostile, "-o", f"{out}/graph.graphml"],
        "graph-draw": ["graph", "draw", good, hostile, "-o", f"{out}/graph.svg"],
        "trace": ["trace", "good:para.17", good, hostile],
        "coverage": ["coverage", good, "--source", f"src={hostile}"],
        "build": ["build", f"{out}/series", "-o", f"{out}/build"],
    }


BIG_COMMANDS = ("parse", "redline-docx")  # each command takes 10-70 s on a 50 MB or 100,000-paragraph input
GRAPH_COMMANDS = ("graph-draw", "trace", "coverage")  # the commands that read a saved graph


def graph_commands(hostile: str, out: str) -> dict[str, list[str]]:
    return {
        "graph-draw": ["graph", "draw", hostile, "-o", f"{out}/graph.svg"],
        "trace": ["trace", "para.17", hostile],
        "coverage": ["coverage", hostile],
    }


def write_series(folder: Path, good: Path, hostile: Path) -> None:
    """A series folder whose second draft is the hostile file (for ``build``)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "series.toml").write_text(
        f'[[draft]]\nid = "good"\nfile = "{good.as_posix()}"\n\n[[draft]]\nid = "hostile"\n'
        f'file = "{hostile.as_posix()}"\n', encoding="utf-8")


def run_in_process(argv: list[str]) -> dict[str, object]:
    """Run one command through compactdraft.cli.main, capturing file descriptors 1 and 2 (so that
    anything a C library prints is caught too)."""
    import os
    import sys
    import tempfile
    import time

    from compactdraft.cli import main

    started = time.perf_counter()
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        sys.stdout.flush(), sys.stderr.flush()
        saved = os.dup(1), os.dup(2)
        saved_streams = sys.stdout, sys.stderr
        os.dup2(out.fileno(), 1), os.dup2(err.fileno(), 2)
        # Python-level streams too (pytest replaces sys.stdout/err with objects that are not fds 1 and 2)
        sys.stdout = io.TextIOWrapper(open(1, "wb", closefd=False), encoding="utf-8", write_through=True)
        sys.stderr = io.TextIOWrapper(open(2, "wb", closefd=False), encoding="utf-8", write_through=True)
        code = 0
        try:
            main(argv)
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        finally:
            sys.stdout.flush(), sys.stderr.flush()
            sys.stdout, sys.stderr = saved_streams
            os.dup2(saved[0], 1), os.dup2(saved[1], 2)
            os.close(saved[0]), os.close(saved[1])
        out.seek(0), err.seek(0)
        stdout, stderr = out.read(), err.read()
    return {"argv": argv, "code": code, "stderr": stderr.decode("utf-8", "replace"),
            "secret_in_stdout": SECRET.encode() in stdout, "stdout_bytes": len(stdout),
            "seconds": round(time.perf_counter() - started, 3)}


if __name__ == "__main__":
    # python tests/support/hostile.py COMMANDS.json: run each argv in this one process, print results as JSON
    import json
    import sys

    with open(sys.argv[1], encoding="utf-8") as handle:
        plan: dict[str, list[str]] = json.load(handle)
    print(json.dumps({name: run_in_process(argv) for name, argv in plan.items()}))
