"""`make demo`: run the main job on the sample series and say where the results are."""
from __future__ import annotations

import sys
from pathlib import Path

from .errors import CompactDraftError
from .render import render
from .series import load_drafts, load_manifest


def main(folder: str = "drafts") -> int:
    try:
        series = load_manifest(folder)
        drafts = load_drafts(series)
    except CompactDraftError as exc:
        print(f"compactdraft demo: error: {exc.one_line()}", file=sys.stderr)
        return 2
    for draft in drafts:
        sys.stdout.write(render("draft", draft, "tree"))
        print()
    print(f"Parsed {len(drafts)} drafts of {series.title or Path(folder).resolve().name}: "
          + ", ".join(f"{d.id} ({len(d)} provisions)" for d in drafts))
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:2]))
