from __future__ import annotations

import click

from ..parse import parse_file
from ..render import render
from ..safeio import write_output
from .options import format_option, input_argument, output_option, profile_option


@click.command()
@input_argument("file")
@format_option(["tree", "json", "text", "akn"], default="tree")
@profile_option
@click.option("--language", default="eng", show_default=True, metavar="CODE",
              help="Akoma Ntoso output: the expression's language (ISO 639-2: eng, fra, spa, rus, ara, zho).")
@click.option("--id", "draft_id", default=None, help="Id to give the draft (default: from the file name).")
@output_option
def parse(file: str, fmt: str | None, profile: str | None, language: str, draft_id: str | None,
          output: str | None) -> None:
    """Parse FILE (.docx, .txt, .md, .html, .pdf, Akoma Ntoso .xml; - for stdin) into provisions.

    \b
    Example:
      compactdraft parse drafts/zero-draft.docx             # tree: id, label, kind, opening words
      compactdraft parse drafts/final.docx --format json -o final.json
      compactdraft parse drafts/final.docx -o final.akn      # Akoma Ntoso 3.0, UN profile (AKN4UN)
    """
    draft = parse_file(file, draft_id=draft_id, profile=profile)
    write_output(output, render("draft", draft, fmt, output, default="tree", language=language), [file])
