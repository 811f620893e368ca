"""Accept or reject every tracked change of .docx files in LibreOffice itself, and report the text.

Run with the Python that has LibreOffice's UNO bridge (Debian: /usr/bin/python3 with python3-uno),
not the project's venv:

    /usr/bin/python3 tests/support/lo_accept_reject.py OUT.json A.docx B.docx accept:C.docx ...

One headless soffice serves every file (start-ups are slow). For each file it loads the document
twice (hidden), runs the dispatcher command .uno:AcceptAllTrackedChanges on one copy and
.uno:RejectAllTrackedChanges on the other, and records per copy: the paragraphs (list label as
LibreOffice prints it from Word numbering, and text), the number of tracked changes LibreOffice
found on load, and whether saving as plain text worked (the text itself is stored too), and "styled":
every paragraph's container (body, cell, textbox, footnote, endnote), text and run formatting. A file
LibreOffice cannot load is reported with an "error" instead of stopping the run.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import uno  # type: ignore[import-not-found]  # LibreOffice's bridge, present only in Debian's python3
from com.sun.star.beans import PropertyValue  # type: ignore[import-not-found]
from com.sun.star.connection import NoConnectException  # type: ignore[import-not-found]


def prop(name: str, value: object) -> PropertyValue:
    item = PropertyValue()
    item.Name = name
    item.Value = value
    return item


def start_office(profile: Path, pipe: str) -> subprocess.Popen:
    soffice = shutil.which("soffice") or "soffice"
    return subprocess.Popen(
        [soffice, "--headless", "--invisible", "--nologo", "--norestore", "--nodefault", "--nolockcheck",
         f"-env:UserInstallation={profile.as_uri()}", f"--accept=pipe,name={pipe};urp;"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def connect(pipe: str, process: subprocess.Popen, timeout: float = 90.0):
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    deadline = time.monotonic() + timeout
    while True:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except NoConnectException:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("soffice did not start") from None
            time.sleep(0.2)


def own_text(paragraph) -> str:
    """A paragraph's text without footnote/endnote anchors (their numbers are no text of the paragraph)."""
    portions = paragraph.createEnumeration()
    parts = []
    while portions.hasMoreElements():
        portion = portions.nextElement()
        if portion.getPropertyValue("TextPortionType") != "Footnote":
            parts.append(portion.getString())
    return "".join(parts)


def paragraphs(document) -> list[list[str]]:
    """[list label, text] of every body paragraph (table cells included, in order)."""
    result: list[list[str]] = []

    def walk(text) -> None:
        enum = text.createEnumeration()
        while enum.hasMoreElements():
            element = enum.nextElement()
            if element.supportsService("com.sun.star.text.Paragraph"):
                label = element.getPropertyValue("ListLabelString") or ""
                result.append([label, own_text(element)])
            elif element.supportsService("com.sun.star.text.TextTable"):
                for name in element.getCellNames():
                    walk(element.getCellByName(name))

    walk(document.getText())
    return result


def _format(portion) -> list:
    """[bold, italic, underline, vertAlign] of a text portion, in ooxml_views' terms."""
    bold = portion.getPropertyValue("CharWeight") > 100
    italic = portion.getPropertyValue("CharPosture").value != "NONE"
    underline = portion.getPropertyValue("CharUnderline") != 0
    escapement = portion.getPropertyValue("CharEscapement")
    vert = "superscript" if escapement > 0 else "subscript" if escapement < 0 else "baseline"
    return [bool(bold), bool(italic), bool(underline), vert]


def _styled(paragraph, container: str) -> dict:
    """One paragraph's container, text and formatting segments [text, bold, italic, underline, vertAlign]
    (adjacent portions of equal formatting merged; note anchors left out as in own_text)."""
    segments: list[list] = []
    portions = paragraph.createEnumeration()
    while portions.hasMoreElements():
        portion = portions.nextElement()
        if portion.getPropertyValue("TextPortionType") != "Text":
            continue
        text, fmt = portion.getString(), _format(portion)
        if segments and segments[-1][1:] == fmt:
            segments[-1][0] += text
        else:
            segments.append([text, *fmt])
    return {"container": container, "text": own_text(paragraph), "formatting": segments}


def styled_paragraphs(document) -> list[dict]:
    """Every paragraph with its container: body (table cells as "cell"), then text boxes, footnotes,
    endnotes, as tests/support/ooxml_views.py orders them by kind."""
    result: list[dict] = []

    def walk(text, container: str) -> None:
        enum = text.createEnumeration()
        while enum.hasMoreElements():
            element = enum.nextElement()
            if element.supportsService("com.sun.star.text.Paragraph"):
                result.append(_styled(element, container))
            elif element.supportsService("com.sun.star.text.TextTable"):
                for name in element.getCellNames():
                    walk(element.getCellByName(name), "cell")

    walk(document.getText(), "body")
    frames = document.getTextFrames()
    for index in range(frames.getCount()):
        walk(frames.getByIndex(index).getText(), "textbox")
    for kind, notes in (("footnote", document.getFootnotes()), ("endnote", document.getEndnotes())):
        for index in range(notes.getCount()):
            walk(notes.getByIndex(index), kind)
    return result


def process_file(desktop, dispatcher, path: Path, command: str, workdir: Path) -> dict:
    url = path.resolve().as_uri()
    document = desktop.loadComponentFromURL(url, "_blank", 0,
                                            (prop("Hidden", True), prop("FilterName", "MS Word 2007 XML")))
    if document is None:
        return {"error": "LibreOffice could not load the file"}
    try:
        changes = document.getRedlines().getCount()
        frame = document.getCurrentController().getFrame()
        dispatcher.executeDispatch(frame, f".uno:{command}", "", 0, ())
        remaining = document.getRedlines().getCount()
        out = workdir / f"{path.stem}-{command}.txt"
        document.storeToURL(out.as_uri(), (prop("FilterName", "Text (encoded)"), prop("FilterOptions", "UTF8,LF")))
        text = out.read_text(encoding="utf-8-sig")
        return {"changes": changes, "remaining": remaining, "paragraphs": paragraphs(document), "text": text,
                "styled": styled_paragraphs(document)}
    finally:
        document.close(True)


def main(argv: list[str]) -> int:
    # a file named "accept:PATH" is only accepted (an input whose own view is all a test needs)
    out_json = Path(argv[1])
    files = [(Path(a.removeprefix("accept:")), a.startswith("accept:")) for a in argv[2:]]
    workdir = Path(tempfile.mkdtemp(prefix="cd-lo-"))
    pipe = f"compactdraft_lo_{os.getpid()}"
    office = start_office(workdir / "profile", pipe)
    report: dict[str, dict] = {}
    try:
        context = connect(pipe, office)
        manager = context.ServiceManager
        desktop = manager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
        dispatcher = manager.createInstanceWithContext("com.sun.star.frame.DispatchHelper", context)
        for path, accept_only in files:
            entry: dict[str, dict] = {}
            commands = (("accept", "AcceptAllTrackedChanges"), ("reject", "RejectAllTrackedChanges"))
            for name, command in commands[:1] if accept_only else commands:
                try:
                    entry[name] = process_file(desktop, dispatcher, path, command, workdir)
                except Exception as exc:  # noqa: BLE001 - report it per file; the test fails on it
                    entry[name] = {"error": f"{exc.__class__.__name__}: {exc}"}
            report[str(path)] = entry
        try:
            desktop.terminate()
        except Exception:  # noqa: BLE001 - the bridge drops as soffice exits
            pass
    finally:
        try:
            office.wait(timeout=30)
        except subprocess.TimeoutExpired:
            office.kill()
        shutil.rmtree(workdir, ignore_errors=True)
    out_json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
