"""Dutch compound words: 'jeugdhulp' is 'jeugd' + 'hulp', 'ouderbijeenkomsten' is 'ouder' +
'bijeenkomsten', 'echtscheidingsloket' is 'echt' + 'scheiding' + 'loket'.

Both engines use this one splitter, at index time (a document's compounds add their parts to its
``parts`` text, so the query 'hulp' finds 'jeugdhulp') and at query time (a compound in the query
also matches its parts, so 'ouderbijeenkomst' finds 'bijeenkomsten voor ouders').

The word list is wordfreq's Dutch "large" list (PyPI ``wordfreq``: ~310,000 words with their
frequency in subtitles, Wikipedia, news, books and web text). It was chosen over a plain
dictionary (OpenTaal/wdutch) and ``compound-split`` because the frequencies decide between splits
and against false ones: a split is taken when the parts are, on average, more frequent than the
whole word: after Koehn & Knight (2003), with the rarer part (not the mean) compared with the
whole word's Zipf value, which keeps frequent short words from carrying a rare fragment. So
'kinderen' stays whole (eren, 3.7, is rarer than kinderen, 5.8), as do 'scheiding' (schei + ding)
and 'samenwerking', while 'jeugdhulp' (3.3) splits into 'jeugd' (4.9) and 'hulp' (5.3). Elasticsearch's
``dictionary_decompounder`` has no such rule (it emits every listed sub-word, 'kinderen' gives
'kind' and 'eren'), so the Elasticsearch engine indexes and queries the parts computed here and
both engines rank alike.
"""

from __future__ import annotations

import threading
from functools import lru_cache

from .text import tokens

MIN_PART = 4  # shorter pieces are mostly function words or fragments ('der', 'ten', 'ing')
MIN_COMPOUND = 8
MAX_WORD = 40
MIN_PART_ZIPF = 2.0  # parts must be words of some currency (Zipf 2: about once per 100 million words)
LINKS = ("", "s", "e", "en")  # linking sounds: groep-s-training, gezin-s-coach, ...
# Prepositions and adverbs that also work as verb particles ('voorwaarden', 'overleg',
# 'ondersteuning'): splitting them off gives no searchable concept.
PARTICLES = frozenset(
    {"aan", "achter", "af", "bij", "door", "mede", "met", "mis", "na", "naar", "om", "onder", "op"}
    | {"over", "tegen", "toe", "uit", "van", "voor", "weer"}
)

_lock = threading.Lock()
_zipf: dict[str, float] | None = None


def _frequencies() -> dict[str, float]:
    """Zipf values of the alphabetic words of at least ``MIN_PART_ZIPF`` (~100,000 words), loaded
    on first use. Read from wordfreq's file directly (``read_cBpack``: frequency buckets in
    centibels, most frequent first), not through its cached full dictionary: 0.2 s and ~20 MB per
    worker instead of 0.5 s and ~50 MB."""
    global _zipf
    if _zipf is None:
        with _lock:
            if _zipf is None:
                from wordfreq import available_languages, read_cBpack

                found: dict[str, float] = {}
                for centibels, words in enumerate(read_cBpack(available_languages("large")["nl"])):
                    value = 9 - centibels / 100  # frequency 10^(-cB/100) per word; Zipf = log10(f) + 9
                    if value < MIN_PART_ZIPF:
                        break
                    found.update((word, value) for word in words if word.isalpha())
                _zipf = found
    return _zipf


def zipf(word: str) -> float:
    return _frequencies().get(word, 0.0)


@lru_cache(maxsize=200_000)
def split(word: str) -> tuple[str, ...]:
    """The parts of a (folded, lower-case) compound, best split first and split again where the
    parts are compounds themselves; ``()`` when the word is not a compound."""
    if not MIN_COMPOUND <= len(word) <= MAX_WORD or not word.isalpha():
        return ()
    best: tuple[str, str] | None = None
    best_score = zipf(word)
    for cut in range(MIN_PART, len(word) - MIN_PART + 1):
        head = word[:cut]
        head_zipf = zipf(head)
        if head_zipf < MIN_PART_ZIPF or head in PARTICLES:
            continue
        rest = word[cut:]
        for link in LINKS:
            if not rest.startswith(link):
                continue
            tail = rest[len(link) :]
            if len(tail) < MIN_PART:
                continue
            tail_zipf = zipf(tail)
            if tail_zipf < MIN_PART_ZIPF:
                continue
            score = min(head_zipf, tail_zipf)
            if score > best_score:
                best, best_score = (head, tail), score
    if best is None:
        return ()
    return tuple(piece for part in best for piece in (split(part) or (part,)))


def parts_text(text: str) -> str:
    """The parts of every compound in ``text``, space-separated (each compound once)."""
    seen: dict[str, None] = {}
    for token in tokens(text):
        if token not in seen:
            seen[token] = None
    return " ".join(part for token in seen for part in split(token))


def query_terms(q: str) -> list[tuple[str, tuple[str, ...]]]:
    """The query's words, each with its compound parts: ``[("jeugdhulp", ("jeugd", "hulp"))]``.
    A word matches itself or all of its parts."""
    return [(token, split(token)) for token in dict.fromkeys(tokens(q))]
