"""Text helpers shared by the engines: Dutch stemming for SQLite and highlighted snippets.

PostgreSQL stems through its ``dutch`` text-search configuration and Elasticsearch through its
``dutch`` analyzer. SQLite's FTS5 (used by Wagtail's database backend on SQLite) cannot stem, so
the document also stores its text as Snowball Dutch stems and queries are stemmed the same way
(``snowballstemmer``, the same algorithm as PostgreSQL's and Elasticsearch's Dutch stemmers).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

import snowballstemmer
from django.utils.html import escape

TOKEN = re.compile(r"\w+", re.UNICODE)
_stemmer = snowballstemmer.stemmer("dutch")


def fold(text: str) -> str:
    """Lower case without diacritics ('Coördinatie' -> 'coordinatie')."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


@lru_cache(maxsize=8)
def tokens(text: str) -> tuple[str, ...]:
    """Folded words. Cached for the last few texts: building a document tokenises its text for
    stems, compound parts and the word list, and folding is most of the cost of each."""
    return tuple(TOKEN.findall(fold(text or "")))


def raw_tokens(text: str) -> list[str]:
    """Words in lower case with their diacritics (for PostgreSQL, whose vectors keep them)."""
    return TOKEN.findall((text or "").casefold())


@lru_cache(maxsize=50_000)
def stem(token: str) -> str:
    return _stemmer.stemWord(token)


def stem_text(text: str) -> str:
    return " ".join(stem(token) for token in tokens(text))


SNIPPET_LENGTH = 220


def highlight(query: str, *texts: str, length: int = SNIPPET_LENGTH) -> str:
    """An HTML-escaped snippet of the first text containing a query word (matched on stems, so
    'loketten' marks 'loket'), with the matches in ``<mark>``; '' when nothing matches."""
    wanted = {stem(token) for token in tokens(query)}
    if not wanted:
        return ""
    for text in texts:
        if not text:
            continue
        matches = [m for m in TOKEN.finditer(text) if stem(fold(m.group())) in wanted]
        if not matches:
            continue
        first = matches[0].start()
        start = max(0, first - length // 3)
        if start:
            space = text.find(" ", start)
            start = space + 1 if 0 <= space < first else start
        end = min(len(text), start + length)
        if end < len(text):
            space = text.rfind(" ", start, end)
            end = space if space > matches[0].end() else end
        parts, cursor = [], start
        for m in matches:
            if m.start() < start or m.end() > end:
                continue
            parts.append(escape(text[cursor : m.start()]))
            parts.append(f"<mark>{escape(m.group())}</mark>")
            cursor = m.end()
        parts.append(escape(text[cursor:end]))
        return ("…" if start else "") + "".join(parts).strip() + ("…" if end < len(text) else "")
    return ""
