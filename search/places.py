"""Place names as people type them: CBS names, the same without CBS's province suffix
('Bergen (NH.)' -> 'Bergen'), and the everyday names kept in ``data/place_aliases.csv`` ('Den
Bosch' for 's-Hertogenbosch, 'Hoofddorp' for Haarlemmermeer). The sources of the list are in
``data/SOURCES.md``; every alias must name a municipality of the CBS data (checked by a test)."""

from __future__ import annotations

import csv
import re
from functools import lru_cache
from pathlib import Path

ALIASES_FILE = Path(__file__).parent / "data" / "place_aliases.csv"
CBS_SUFFIX = re.compile(r"\s*\((?:NH|L|O|Z|ZH|Gld|U|Fr|Dr|Gr|Fl|NB|Ov)\.\)$")


@lru_cache(maxsize=1)
def aliases() -> dict[str, tuple[str, ...]]:
    """CBS municipality name -> its everyday names from the alias list."""
    found: dict[str, list[str]] = {}
    with ALIASES_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            found.setdefault(row["municipality"], []).append(row["alias"])
    return {name: tuple(names) for name, names in found.items()}


def without_suffix(name: str) -> str:
    return CBS_SUFFIX.sub("", name)


def names_of(municipality_name: str) -> list[str]:
    """Every name of a municipality: the CBS name, without its suffix, and its aliases."""
    return list(
        dict.fromkeys(
            [municipality_name, without_suffix(municipality_name), *aliases().get(municipality_name, ())]
        )
    )
