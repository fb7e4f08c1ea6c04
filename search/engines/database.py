"""The database engine (default): Wagtail's database search backend for text, ORM aggregation
over ``FacetValue`` for the facet counts.

Text: PostgreSQL matches with its ``dutch`` configuration (stemming, stop words); SQLite's FTS5
cannot stem, so on SQLite the query is stemmed with Snowball Dutch and matched against the
document's stemmed copy (``SearchDocument.stemmed``). Facet counts: one grouped query for all
facets without a selection (they share the fully filtered set) plus one per selected facet
(disjunctive: all filters except its own). The number of queries never depends on the number
of hits or facet values.
"""

from __future__ import annotations

import time

from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Count, Max
from wagtail.search.backends import get_search_backend
from wagtail.search.query import PlainText

from ..contract import Hit, SearchQuery, SearchResult, assemble_facets
from ..facets import FACET_NAMES
from ..models import FacetValue, SearchDocument
from ..text import highlight, stem_text


class DatabaseEngine:
    name = "database"

    def __init__(self, backend: str = "default"):
        self.backend_name = backend

    # --- text ---

    def match_ids(self, q: str) -> list[int] | None:
        """Ids of the documents matching ``q``, best first; None when there is no text query."""
        if not q.strip():
            return None
        text = stem_text(q) if connection.vendor == "sqlite" else q
        if not text.strip():
            return []
        if connection.vendor == "sqlite":
            return self._sqlite_match_ids(text)
        backend = get_search_backend(self.backend_name)
        results = backend.search(PlainText(text, operator="and"), SearchDocument.objects.only("pk"))
        return [document.pk for document in results]

    @staticmethod
    def _sqlite_match_ids(stemmed: str) -> list[int]:
        """One FTS5 pass in bm25 order (title weighted 3x), the same terms and AND semantics as
        Wagtail's SQLite backend. Its own query re-runs MATCH per candidate row to rank it,
        which took seconds to minutes at 10,000 profiles (see BENCHMARKS.md)."""
        terms = ['"' + term.replace('"', '""') + '"' for term in stemmed.split() if term]
        if not terms:
            return []
        content_type = ContentType.objects.get_for_model(SearchDocument)
        sql = (
            "SELECT e.object_id FROM wagtailsearch_indexentry_fts AS f "
            "JOIN wagtailsearch_indexentry AS e ON f.rowid = e.id "
            "WHERE wagtailsearch_indexentry_fts MATCH %s AND e.content_type_id = %s "
            # columns of the FTS table: autocomplete, body, title
            "ORDER BY bm25(wagtailsearch_indexentry_fts, 0.0, 1.0, 3.0)"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [" AND ".join(terms), content_type.pk])
            return [int(object_id) for (object_id,) in cursor.fetchall()]

    # --- filters ---

    @staticmethod
    def filtered(base, filters: dict, exclude: str | None = None):
        for name, codes in filters.items():
            if name == exclude:
                continue
            base = base.filter(
                pk__in=FacetValue.objects.filter(facet=name, code__in=codes).values("document_id")
            )
        return base

    def search(self, query: SearchQuery) -> SearchResult:
        started = time.perf_counter()
        matched = self.match_ids(query.q)
        base = SearchDocument.objects.all()
        if matched is not None:
            base = base.filter(pk__in=matched)
        documents = self.filtered(base, query.filters)

        total, hits = self._hits(query, documents, matched)
        counts, labels = self._facet_counts(query, base, documents)
        return SearchResult(
            query=query,
            total=total,
            hits=hits,
            facets=assemble_facets(query, counts, labels),
            engine=self.name,
            took_ms=(time.perf_counter() - started) * 1000,
        )

    def _hits(self, query: SearchQuery, documents, matched):
        start, stop = query.offset, query.offset + query.page_size
        fields = ("pk", "page_title", "url_path", "region", "summary", "text")
        if query.sort == "relevance" and matched is not None:
            rank = {pk: i for i, pk in enumerate(matched)}
            ids = sorted(documents.values_list("pk", flat=True), key=lambda pk: rank.get(pk, len(rank)))
            total = len(ids)
            page_ids = ids[start:stop]
            rows = {row["pk"]: row for row in SearchDocument.objects.filter(pk__in=page_ids).values(*fields)}
            page_rows = [rows[pk] for pk in page_ids if pk in rows]
        else:
            order = ("-updated_at", "sort_title", "pk") if query.sort == "updated" else ("sort_title", "pk")
            total = documents.count()
            page_rows = list(documents.order_by(*order).values(*fields)[start:stop])
        hits = [
            Hit(
                id=row["pk"],
                title=row["page_title"],
                url=row["url_path"],
                region=row["region"],
                summary=row["summary"],
                highlight=highlight(query.q, row["summary"], *row["text"].split("\n")) if query.q else "",
            )
            for row in page_rows
        ]
        return total, hits

    def _facet_counts(self, query: SearchQuery, base, documents):
        counts: dict[str, dict[str, int]] = {name: {} for name in FACET_NAMES}
        labels: dict[tuple, str] = {}

        def collect(rows):
            for row in rows:
                counts[row["facet"]][row["code"]] = row["count"]
                if row["label"]:
                    labels[(row["facet"], row["code"])] = row["label"]

        # (document, facet, code) is unique, so counting rows counts documents (no DISTINCT needed).
        unselected = [name for name in FACET_NAMES if name not in query.filters]
        rows = FacetValue.objects.filter(facet__in=unselected)
        if query.q or query.filters:
            rows = rows.filter(document__in=documents.values("pk"))
        collect(rows.values("facet", "code").annotate(count=Count("pk"), label=Max("label")).order_by())
        for name in query.filters:
            own = self.filtered(base, query.filters, exclude=name)
            collect(
                FacetValue.objects.filter(facet=name, document__in=own.values("pk"))
                .values("facet", "code")
                .annotate(count=Count("pk"), label=Max("label"))
                .order_by()
            )
        return counts, labels
