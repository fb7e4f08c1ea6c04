"""Typo tolerance for the database engine: when a query finds nothing, each word of five letters
or more that no document holds is replaced by the indexed word one edit away (insertion,
deletion, substitution or transposition of neighbours: 'Tilbrug' -> 'tilburg') that most documents
hold. The engine then searches the corrected query and the page says "Bedoelde u ...?".

The vocabulary is ``SearchTerm`` (the words of the search documents), loaded once per index
version and matched with RapidFuzz's optimal-string-alignment distance."""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass

from rapidfuzz import process
from rapidfuzz.distance import OSA

from .models import IndexVersion, SearchTerm
from .text import TOKEN, fold, tokens

MIN_LENGTH = 5  # shorter words are matched exactly only
MAX_EDITS = 1
MIN_TERM_LENGTH = MIN_LENGTH - MAX_EDITS
MAX_TERM_LENGTH = 60

_lock = threading.Lock()
_current: Vocabulary | None = None


@dataclass
class Vocabulary:
    version: tuple
    terms: list[str]
    documents: dict[str, int]

    def correct_word(self, word: str) -> str | None:
        """The indexed word one edit from ``word`` held by most documents (None if none)."""
        if word in self.documents:
            return None
        candidates = process.extract(
            word, self.terms, scorer=OSA.distance, score_cutoff=MAX_EDITS, limit=None
        )
        if not candidates:
            return None
        return max(candidates, key=lambda c: (self.documents[c[0]], -c[1], c[0]))[0]


def vocabulary() -> Vocabulary:
    global _current
    version = IndexVersion.current()
    current = _current
    if current is not None and current.version == version:
        return current
    documents = dict(SearchTerm.objects.values_list("term", "documents"))
    current = Vocabulary(version=version, terms=list(documents), documents=documents)
    with _lock:
        _current = current
    return current


def document_terms(text: str) -> set[str]:
    """The words of a document that enter the vocabulary."""
    return {
        word for word in tokens(text) if MIN_TERM_LENGTH <= len(word) <= MAX_TERM_LENGTH and word.isalpha()
    }


def corrected(q: str) -> str | None:
    """``q`` with its unknown long words corrected, keeping the other words as typed; None when
    nothing was corrected."""
    words = TOKEN.findall(q)
    if not any(len(word) >= MIN_LENGTH for word in words):
        return None
    known = vocabulary()
    changed = False
    result = q
    for word in dict.fromkeys(words):
        if len(word) < MIN_LENGTH or not word.isalpha():
            continue
        correction = known.correct_word(fold(word))
        if correction:
            changed = True
            replacement = correction.capitalize() if word[:1].isupper() else correction
            result = re.sub(rf"\b{re.escape(word)}\b", replacement, result)
    return result if changed else None
