"""The pairs the redline oracles run on: every compare pair of the WmlComparer peer suite and every
round of the sample series, by case name."""
from __future__ import annotations

import csv
from pathlib import Path

from compactdraft.parse.series import load_manifest


def oracle_pairs(peer: Path, drafts: Path) -> dict[str, tuple[Path, Path]]:
    pairs: dict[str, tuple[Path, Path]] = {}
    table = peer / "cases.tsv"
    if table.exists():
        with open(table, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                if row["suite"] == "compare":
                    pairs[row["case"]] = (peer / row["left"], peer / row["right"])
    files = [entry.path for entry in load_manifest(drafts / "series.toml").drafts]
    for old, new in zip(files, files[1:], strict=False):
        pairs[f"{old.stem}->{new.stem}"] = (old, new)
    return pairs
