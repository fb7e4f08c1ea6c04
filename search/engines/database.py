"""The database engine (default): Wagtail's database search backend for text, the in-memory
facet index (``search.facet_index``) for filters, ordering and facet counts.

Text: PostgreSQL matches with its ``dutch`` configuration (stemming, stop words); SQLite's FTS5
cannot stem, so on SQLite the query is stemmed with Snowball Dutch and matched against the
document's stemmed copy (``SearchDocument.stemmed``). Every query word must match (AND); a
compound in the query matches itself or all of its parts (``search.compounds``), and documents
carry the parts of their own compounds, so 'hulp' finds 'jeugdhulp' and the other way round.
Facet counts are disjunctive: a selected facet is counted over all filters except its own. A
search costs at most three queries (index version, text match, the page of hits), whatever the
number of profiles, hits or facet values.
"""

from __future__ import annotations

import itertools
import threading
import time
from array import array
from collections import OrderedDict

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from wagtail.search.backends import get_search_backend
from wagtail.search.backends.database.postgres.weights import get_sql_weights
from wagtail.search.models import IndexEntry
from wagtail.search.query import PlainText

from .. import facet_index, spelling
from ..compounds import query_terms, split
from ..contract import Hit, SearchQuery, SearchResult, assemble_facets
from ..facets import FACET_NAMES
from ..models import SearchDocument
from ..text import fold, highlight, raw_tokens, stem

# Text matches kept per worker (``DatabaseEngine.kept_matches``): the most recent queries, each an
# array of ids (8 bytes each; "scheiding" at 10,000 profiles is 53 KB) and its bit set.
KEPT_MATCHES = 64
_kept_lock = threading.Lock()
_kept: dict = {"version": None, "matches": OrderedDict()}


class DatabaseEngine:
    name = "database"

    def __init__(self, backend: str = "default"):
        self.backend_name = backend

    # --- text ---

    def match_ids(self, q: str) -> list[int] | None:
        """Ids of the documents matching ``q``, best first; None when there is no text query."""
        if not q.strip():
            return None
        if connection.vendor == "sqlite":
            return self._sqlite_match_ids(q)
        if connection.vendor == "postgresql":
            return self._postgres_match_ids(q)
        backend = get_search_backend(self.backend_name)
        results = backend.search(PlainText(q, operator="and"), SearchDocument.objects.only("pk"))
        return [document.pk for document in results]

    @staticmethod
    def fts5_query(q: str) -> str:
        """The FTS5 MATCH expression of ``q``: stemmed words AND-ed, a compound OR-ed with the
        AND of its parts: 'jeugdhulp loket' -> '("jeugdhulp" OR ("jeugd" AND "hulp")) AND "loket"'."""

        def quoted(word: str) -> str:
            return '"' + stem(word).replace('"', '""') + '"'

        groups = []
        for word, parts in query_terms(q):
            if parts:
                groups.append(f"({quoted(word)} OR ({' AND '.join(quoted(part) for part in parts)}))")
            else:
                groups.append(quoted(word))
        return " AND ".join(groups)

    @staticmethod
    def tsquery(q: str) -> str:
        """The ``to_tsquery`` text of ``q``: like ``fts5_query``, PostgreSQL stems the lexemes and
        drops stop words; words keep their accents, as in the documents' vectors."""
        groups = []
        for word in dict.fromkeys(raw_tokens(q)):
            parts = split(fold(word))
            if parts:
                groups.append("('" + word + "' | (" + " & ".join("'" + part + "'" for part in parts) + "))")
            else:
                groups.append("'" + word + "'")
        return " & ".join(groups)

    def _sqlite_match_ids(self, q: str) -> list[int]:
        """One FTS5 pass in bm25 order (title weighted 10x: with 3x a summary that repeated a word
        outranked a title that has it), AND semantics as Wagtail's SQLite
        backend. Its own query re-runs MATCH per candidate row to rank it, which took seconds to
        minutes at 10,000 profiles (see BENCHMARKS.md)."""
        expression = self.fts5_query(q)
        if not expression:
            return []
        content_type = ContentType.objects.get_for_model(SearchDocument)
        sql = (
            "SELECT e.object_id FROM wagtailsearch_indexentry_fts AS f "
            "JOIN wagtailsearch_indexentry AS e ON f.rowid = e.id "
            "WHERE wagtailsearch_indexentry_fts MATCH %s AND e.content_type_id = %s "
            # columns of the FTS table: autocomplete, body, title
            "ORDER BY bm25(wagtailsearch_indexentry_fts, 0.0, 1.0, 10.0)"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [expression, content_type.pk])
            return [int(object_id) for (object_id,) in cursor.fetchall()]

    def _postgres_match_ids(self, q: str) -> list[int]:
        """The ids only, in the backend's rank order (title rank times its length norm plus body
        rank, with the backend's weights). Through the backend every match also fetched its whole
        tsvector and became a model instance, and matching the concatenated vectors scanned every
        row: at 10,000 profiles 260 ms for "scheiding" (6,589 hits; now 35 ms) and 50 ms for
        "zoetermeer" (138 hits; now 2 ms)."""
        text = self.tsquery(q)
        if not text:
            return []
        content_type = ContentType.objects.get_for_model(SearchDocument)
        config = get_search_backend(self.backend_name).config or "simple"
        weights = get_sql_weights()
        sql = (
            f"SELECT e.object_id FROM {IndexEntry._meta.db_table} AS e, "  # noqa: S608
            "to_tsquery(%(config)s::regconfig, %(text)s) AS q "
            # Each side alone can use its GIN index. A document's body text starts with its title
            # (search.documents), so this equals the backend's "(title || body) @@ q".
            "WHERE e.content_type_id = %(ct)s AND (e.title @@ q OR e.body @@ q) "
            "ORDER BY ts_rank(%(weights)s::float4[], e.title, q) * e.title_norm "
            "+ ts_rank(%(weights)s::float4[], e.body, q) DESC, CAST(e.object_id AS integer) DESC"
        )
        params = {"config": config, "text": text, "ct": content_type.pk, "weights": weights}
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return [int(object_id) for (object_id,) in cursor.fetchall()]

    def kept_matches(self, q: str, index) -> tuple[array | None, int | None]:
        """``match_ids(q)`` and its bit set in ``index``, kept per worker for the index's version:
        refining a query with filters (each click searches again with the same words) needs no
        second text match, the costly part of a broad query ("scheiding" matches two thirds of
        the profiles). A new version (any publish) starts afresh, so no match is ever stale."""
        key = (connection.vendor, self.backend_name, q)
        with _kept_lock:
            if _kept["version"] != (index.version, id(index)):
                _kept.update(version=(index.version, id(index)), matches=OrderedDict())
            found = _kept["matches"].get(key)
            if found is not None:
                _kept["matches"].move_to_end(key)
                return found
        ids = self.match_ids(q)
        found = (None, None) if ids is None else (array("q", ids), index.of_ids(ids))
        with _kept_lock:
            if _kept["version"] == (index.version, id(index)):
                _kept["matches"][key] = found
                while len(_kept["matches"]) > KEPT_MATCHES:
                    _kept["matches"].popitem(last=False)
        return found

    # --- filters, hits and counts: bit sets of the facet index ---

    def search(self, query: SearchQuery) -> SearchResult:
        started = time.perf_counter()
        index = facet_index.current()
        matched, base = self.kept_matches(query.q, index)
        corrected = ""
        if matched is not None and not matched:  # nothing as typed: try it with its typos corrected
            suggestion = spelling.corrected(query.q)
            if suggestion:
                matched_corrected, base_corrected = self.kept_matches(suggestion, index)
                if matched_corrected:
                    matched, base, corrected = matched_corrected, base_corrected, suggestion
        base = index.everything if matched is None else base
        documents = index.filtered(base, query.filters)

        total = documents.bit_count()
        hits = self._hits(query, index, documents, matched, corrected or query.q)
        counts = {name: index.counts(name, documents) for name in FACET_NAMES if name not in query.filters}
        for name in query.filters:  # disjunctive: every filter except the facet's own
            counts[name] = index.counts(name, index.filtered(base, query.filters, exclude=name))
        return SearchResult(
            query=query,
            total=total,
            hits=hits,
            facets=assemble_facets(query, counts, index.labels),
            engine=self.name,
            took_ms=(time.perf_counter() - started) * 1000,
            corrected_query=corrected,
        )

    @staticmethod
    def _hits(query: SearchQuery, index, documents: int, matched, q: str) -> list[Hit]:
        start, stop = query.offset, query.offset + query.page_size
        if query.sort == "relevance" and matched is not None:
            ranked = (pk for pk in matched if index.contains(documents, pk))
            page_ids = list(itertools.islice(ranked, start, stop))
        else:
            order = "updated" if query.sort == "updated" else "title"
            page_ids = index.ordered_ids(documents, order, start, stop)
        fields = ("pk", "page_title", "url_path", "region", "summary", "text")
        rows = {row["pk"]: row for row in SearchDocument.objects.filter(pk__in=page_ids).values(*fields)}
        return [
            Hit(
                id=row["pk"],
                title=row["page_title"],
                url=row["url_path"],
                region=row["region"],
                summary=row["summary"],
                highlight=highlight(q, row["summary"], *row["text"].split("\n")) if q else "",
            )
            for row in (rows[pk] for pk in page_ids if pk in rows)
        ]
