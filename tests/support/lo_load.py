"""Load .docx files through LibreOffice's UNO API again and again, and say how often each load worked.

Run with Debian's python3 (python3-uno), not the project's venv:

    /usr/bin/python3 tests/support/lo_load.py OUT.json TIMES A.docx B.docx ...

One headless soffice; each file is loaded TIMES times (hidden, the Word 2007 filter, as
lo_accept_reject.py does) and closed. OUT.json maps each file to {"loaded": n, "errors": [...]}.
A load that returns None or raises counts as a failure; so does a document with no text.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lo_accept_reject import connect, prop, start_office  # noqa: E402


def load_once(desktop, path: Path) -> str | None:
    """None when the document loaded and has text, else what went wrong."""
    try:
        document = desktop.loadComponentFromURL(path.resolve().as_uri(), "_blank", 0,
                                                (prop("Hidden", os.environ.get("LO_HIDDEN", "1") == "1"),
                                                 prop("FilterName", "MS Word 2007 XML")))
        if document is None:
            return "loadComponentFromURL returned None"
        text = document.getText().getString()
        document.close(True)
        return None if text.strip() else "loaded with no text"
    except Exception as exc:  # noqa: BLE001 - any UNO failure is the finding
        return f"{type(exc).__name__}: {exc}"


class Office:
    """A headless soffice, started again after a load crashed it."""

    def __init__(self, work: Path) -> None:
        self.work, self.runs, self.process, self.desktop = work, 0, None, None

    def start(self) -> None:
        self.runs += 1
        pipe = f"cd_load_{self.work.name}_{self.runs}"
        self.process = start_office(self.work / f"profile{self.runs}", pipe)
        context = connect(pipe, self.process)
        self.desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)

    def load(self, path: Path) -> str | None:
        if self.process is None or self.process.poll() is not None:
            self.start()
        error = load_once(self.desktop, path)
        if error and self.process.poll() is None and "Disposed" in error:
            self.process.wait(timeout=30)
        if error and self.process.poll() is not None:
            error = f"soffice crashed (exit {self.process.returncode}): {error}"
            self.process = None
        return error

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            try:
                self.desktop.terminate()
            except Exception:  # noqa: BLE001 - soffice may already be gone
                pass
            self.process.wait(timeout=60)


def main(argv: list[str]) -> int:
    out, times, files = Path(argv[0]), int(argv[1]), [Path(a) for a in argv[2:]]
    with tempfile.TemporaryDirectory() as work:
        office = Office(Path(work))
        report = {}
        try:
            for path in files:
                errors = [error for error in (office.load(path) for _ in range(times)) if error]
                report[str(path)] = {"loaded": times - len(errors), "errors": errors}
        finally:
            office.stop()
    out.write_text(json.dumps(report, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
