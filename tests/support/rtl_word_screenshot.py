"""Render an Arabic Word redline with LibreOffice and save its first page as docs/img/arabic-word-redline.png.

The redline is of two real renewals of the UNDOF mandate in Arabic (S/RES/2737 and S/RES/2766 (2024),
Akoma Ntoso, ../shared/corpus/sc/), so it comes from AKN with no Word properties to keep: the right-to-left
direction is the writer's (compactdraft/word/direction.py). Run from the project root:

    .venv/bin/python tests/support/rtl_word_screenshot.py [OUTPUT.png]

LibreOffice (soffice --headless) converts the .docx to PDF and the PDF's first page becomes a PNG; the issue
asked for pdftoppm (poppler-utils), which is not installed here and LibreOffice has no PNG export filter
in headless mode here, so when pdftoppm is absent the PDF's first page is rendered with PDFium
(`pip install pypdfium2 pillow`; not a project dependency: this script only regenerates a docs image).
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from compactdraft.parse import parse_file  # noqa: E402
from compactdraft.redline import compare  # noqa: E402
from compactdraft.render import render  # noqa: E402

SC = ROOT.parent / "shared" / "corpus" / "sc"


def arabic_redline() -> bytes:
    old = parse_file(next(SC.glob("2024/Arabic/S_RES_2737-*.xml")))
    new = parse_file(next(SC.glob("2024/Arabic/S_RES_2766-*.xml")))
    return render("redline", compare(old, new), "docx")


def first_page_png(docx: Path, out: Path, workdir: Path) -> None:
    profile = f"-env:UserInstallation=file://{workdir / 'profile'}"
    subprocess.run(["soffice", profile, "--headless", "--convert-to", "pdf", "--outdir", str(workdir), str(docx)],
                   check=True, capture_output=True, timeout=180)
    pdf = workdir / (docx.stem + ".pdf")
    png = workdir / "page.png"
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                        str(workdir / "page")], check=True, timeout=120)
    else:  # PDFium (pypdfium2, with Pillow) renders the same first page
        import pypdfium2

        pypdfium2.PdfDocument(str(pdf))[0].render(scale=80 / 72).to_pil().save(png)
    out.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(png, out)


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else ROOT / "docs" / "img" / "arabic-word-redline.png"
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        docx = work / "arabic-redline.docx"
        docx.write_bytes(arabic_redline())
        first_page_png(docx, out, work)
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
