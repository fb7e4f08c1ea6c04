"""The controlled vocabularies of the registry, loaded once from ``data/taxonomy.json``.

The JSON file is the single copy of every code list (from the 2025 quickscan questionnaire and
the 2018 study). Codes are stored in the database; labels are shown in the active language
(Dutch unless English is active), so nothing here is retyped from the source.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.utils.functional import lazy
from django.utils.translation import get_language

TAXONOMY_PATH = Path(__file__).resolve().parent / "data" / "taxonomy.json"


@dataclass(frozen=True)
class Term:
    code: str
    nl: str
    en: str

    @property
    def label(self) -> str:
        return self.en if (get_language() or "nl").startswith("en") else self.nl


@dataclass(frozen=True)
class Vocabulary:
    name: str
    source: str
    multiple: bool
    terms: tuple[Term, ...]
    note: str = ""

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(term.code for term in self.terms)

    def __contains__(self, code: object) -> bool:
        return code in self.codes

    def term(self, code: str) -> Term | None:
        return self._by_code().get(code)

    def label(self, code: str) -> str:
        term = self.term(code)
        return term.label if term else code

    def labels(self, codes) -> list[str]:
        return [self.label(code) for code in codes or ()]

    def choices(self) -> list[tuple[str, str]]:
        """Choices whose labels follow the active language at render time."""
        return [(term.code, _lazy_label(self.name, term.code)) for term in self.terms]

    def position(self, code: str) -> int:
        """Index of a code in the source order (-1 if unknown); used for ordinal scales."""
        try:
            return self.codes.index(code)
        except ValueError:
            return -1

    @cache  # noqa: B019 - vocabularies live for the whole process
    def _by_code(self) -> dict[str, Term]:
        return {term.code: term for term in self.terms}


@cache
def load() -> dict[str, Vocabulary]:
    raw = json.loads(TAXONOMY_PATH.read_text(encoding="utf-8"))
    return {
        name: Vocabulary(
            name=name,
            source=spec.get("source", ""),
            multiple=bool(spec.get("multiple", False)),
            note=spec.get("note", ""),
            terms=tuple(Term(v["code"], v["nl"], v["en"]) for v in spec["values"]),
        )
        for name, spec in raw.items()
    }


def vocabulary(name: str) -> Vocabulary:
    try:
        return load()[name]
    except KeyError:
        raise KeyError(f"Unknown vocabulary {name!r} in taxonomy.json") from None


def label(vocabulary_name: str, code: str) -> str:
    return vocabulary(vocabulary_name).label(code)


_lazy_label = lazy(label, str)


def choices(vocabulary_name: str) -> list[tuple[str, str]]:
    return vocabulary(vocabulary_name).choices()
