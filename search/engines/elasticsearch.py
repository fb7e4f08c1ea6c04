"""The Elasticsearch engine: ``elasticsearch.dsl`` (the DSL the elasticsearch-dsl package now
re-exports from the client).

* ``PracticeDocument``: text fields with a Dutch analyzer (standard tokenizer, lower case, ASCII
  folding, Dutch stop words and Snowball stemmer), one keyword field per facet, sort fields.
  ``lead`` (summary and the places the profile names) ranks below the title, ``parts`` (the parts
  of the compound words, computed by ``search.compounds`` as for the database engine) lowest.
* The text query (``text_query``): every word must match, a compound either itself or all of its
  parts; a second, lower-weighted clause accepts one edit in words of five letters or more
  (``fuzziness`` ``AUTO:5,100``), so exact matches rank first. When no hit of the page matched
  exactly (the ``exact`` named query), the result offers the corrected query (``search.spelling``).
* ``PracticeFacetedSearch``: elasticsearch.dsl's ``FacetedSearch``: the facet filters go into a
  ``post_filter`` and every facet's aggregation is wrapped in a filter of all *other* facets,
  which is disjunctive faceting.
* The index lives behind an alias (``settings.ELASTICSEARCH_INDEX``); ``rebuild`` creates a new
  concrete index, bulk-loads it, swaps the alias atomically and deletes the old index.

Everything that builds a request body is a plain function, so tests check the exact JSON without a
cluster; only ``ElasticsearchEngine.search`` and the write functions talk to one.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from elasticsearch import Elasticsearch
from elasticsearch.dsl import (
    Date,
    Document,
    FacetedSearch,
    Index,
    Integer,
    Keyword,
    TermsFacet,
    Text,
    analyzer,
    token_filter,
)
from elasticsearch.dsl.query import Bool, MultiMatch
from elasticsearch.helpers import bulk

from .. import spelling
from ..compounds import query_terms
from ..contract import Hit, SearchQuery, SearchResult, assemble_facets
from ..facets import FACET_NAMES
from ..models import FacetValue

logger = logging.getLogger(__name__)

# A search must answer well within the worker timeout, fallback included; the sync after a publish
# (one document, refresh=wait_for) runs in the editor's request with the immediate task backend;
# a rebuild may take longer. Overridable: ELASTICSEARCH_SEARCH_TIMEOUT / _SYNC_TIMEOUT / _WRITE_TIMEOUT.
SEARCH_TIMEOUT_SECONDS = 0.5
SYNC_TIMEOUT_SECONDS = 2.0
WRITE_TIMEOUT_SECONDS = 10.0


def search_timeout() -> float:
    return float(getattr(settings, "ELASTICSEARCH_SEARCH_TIMEOUT", SEARCH_TIMEOUT_SECONDS))


def sync_timeout() -> float:
    return float(getattr(settings, "ELASTICSEARCH_SYNC_TIMEOUT", SYNC_TIMEOUT_SECONDS))


def write_timeout() -> float:
    return float(getattr(settings, "ELASTICSEARCH_WRITE_TIMEOUT", WRITE_TIMEOUT_SECONDS))


FACET_SIZE = 500
TEXT_FIELDS = ["title^3", "lead^2", "text", "parts^0.5"]
FUZZINESS = "AUTO:5,100"  # words of 5+ letters tolerate one edit (shorter ones none)
FUZZY_BOOST = 0.2

dutch = analyzer(
    "kn_dutch",
    tokenizer="standard",
    filter=[
        "lowercase",
        "asciifolding",
        token_filter("kn_dutch_stop", type="stop", stopwords="_dutch_"),
        token_filter("kn_dutch_stemmer", type="stemmer", language="dutch"),
    ],
)


class PracticeDocument(Document):
    page_id = Integer()
    title = Text(analyzer=dutch, fields={"raw": Keyword()})
    summary = Text(analyzer=dutch)
    lead = Text(analyzer=dutch)
    text = Text(analyzer=dutch)
    parts = Text(analyzer=dutch)
    region_name = Keyword()
    url = Keyword(index=False)
    sort_title = Keyword()
    updated_at = Date()
    # one keyword field per facet, declared below

    class Index:
        name = "kennisnetwerk-practices"


for _facet_name in FACET_NAMES:
    PracticeDocument._doc_type.mapping.field(_facet_name, Keyword())


def alias_name() -> str:
    return settings.ELASTICSEARCH_INDEX


def build_index(name: str) -> Index:
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0)
    index.document(PracticeDocument)
    return index


def to_source(data) -> dict:
    """A ``search.documents.DocumentData`` as the JSON stored in Elasticsearch."""
    source = {
        "page_id": data.page_id,
        "title": data.title,
        "summary": data.summary,
        "lead": data.lead,
        "text": data.text,
        "parts": data.parts,
        "region_name": data.region,
        "url": data.url_path,
        "sort_title": data.sort_title,
        "updated_at": data.updated_at.isoformat() if data.updated_at else None,
    }
    for name in FACET_NAMES:
        source[name] = data.facet_codes(name)
    return source


SORTS = {
    "relevance": ("_score", "sort_title", "page_id"),
    "name": ("sort_title", "page_id"),
    "updated": ({"updated_at": {"order": "desc", "missing": "_last"}}, "sort_title", "page_id"),
}


def text_query(q: str):
    """All words should match (a compound: itself or all its parts); failing that, the same
    words with one edit each, scored lower. Words that are not compounds stay in one
    ``multi_match`` of the query as typed, so Elasticsearch tokenises them its own way."""
    clauses = []
    rest = q
    for word, parts in query_terms(q):
        if not parts:
            continue
        rest = re.sub(rf"\b{re.escape(word)}\b", " ", rest, flags=re.IGNORECASE)
        clauses.append(
            Bool(
                should=[
                    MultiMatch(query=word, fields=TEXT_FIELDS),
                    MultiMatch(query=" ".join(parts), fields=TEXT_FIELDS, operator="and"),
                ]
            )
        )
    if rest.strip():
        clauses.insert(0, MultiMatch(query=" ".join(rest.split()), fields=TEXT_FIELDS, operator="and"))
    exact = Bool(must=clauses, _name="exact")
    fuzzy = MultiMatch(
        query=q, fields=TEXT_FIELDS, operator="and", fuzziness=FUZZINESS, boost=FUZZY_BOOST, _name="fuzzy"
    )
    return Bool(should=[exact, fuzzy], minimum_should_match=1)


class PracticeFacetedSearch(FacetedSearch):
    doc_types = [PracticeDocument]
    fields = TEXT_FIELDS
    facets = {name: TermsFacet(field=name, size=FACET_SIZE, min_doc_count=1) for name in FACET_NAMES}

    def __init__(self, query: SearchQuery, index: str, using=None):
        self.index = index
        self.using = using if using is not None else "default"
        super().__init__(
            query=query.q or None,
            filters={name: sorted(codes) for name, codes in query.filters.items()},
            sort=SORTS[query.sort],
        )
        self._s = self._s[query.offset : query.offset + query.page_size].extra(track_total_hits=True)

    def query(self, search, query):
        if not query or not query_terms(query):
            return search
        return search.query(text_query(query))

    def highlight(self, search):
        return search.highlight_options(
            encoder="html",
            pre_tags=["<mark>"],
            post_tags=["</mark>"],
            number_of_fragments=1,
            fragment_size=220,
        ).highlight("summary", "text")


def request_body(query: SearchQuery, index: str = "kennisnetwerk-practices") -> dict:
    """The exact JSON body the engine sends for ``query`` (used by tests and for debugging)."""
    return PracticeFacetedSearch(query, index=index)._s.to_dict()


def client(url: str | None = None, timeout: float | None = None) -> Elasticsearch:
    """One node connection with a bounded wait: the timeout (default: the write timeout) covers
    connect and read (urllib3's total), no retries (the breaker and the database fallback handle
    failures)."""
    return Elasticsearch(
        url or settings.ELASTICSEARCH_URL,
        request_timeout=write_timeout() if timeout is None else timeout,
        max_retries=0,
        retry_on_timeout=False,
    )


class ElasticsearchEngine:
    name = "elasticsearch"

    def __init__(self, url: str | None = None, index: str | None = None, timeout: float | None = None):
        self.url = url or settings.ELASTICSEARCH_URL
        self.index = index or alias_name()
        self.timeout = timeout  # of every request but searches (None: the write timeout)
        self._client = None

    @property
    def es(self) -> Elasticsearch:
        if self._client is None:
            self._client = client(self.url, self.timeout)
        return self._client

    def search(self, query: SearchQuery) -> SearchResult:
        started = time.perf_counter()
        faceted = PracticeFacetedSearch(
            query, index=self.index, using=self.es.options(request_timeout=search_timeout())
        )
        response = faceted.execute()
        counts: dict[str, dict[str, int]] = {}
        for name in FACET_NAMES:
            counts[name] = {key: count for key, count, _selected in getattr(response.facets, name)}
        hits = []
        exact = False
        for hit in response.hits:
            exact = exact or "exact" in (getattr(hit.meta, "matched_queries", None) or [])
            highlight = getattr(hit.meta, "highlight", None)
            fragments = []
            if highlight is not None:
                for field in ("summary", "text"):
                    fragments.extend(getattr(highlight, field, []) or [])
            hits.append(
                Hit(
                    id=int(hit.page_id),
                    title=hit.title,
                    url=hit.url,
                    region=getattr(hit, "region_name", "") or "",
                    summary=hit.summary or "",
                    highlight=fragments[0] if fragments else "",
                )
            )
        corrected = ""
        if query.q and hits and not exact:  # only fuzzy matches: say what they matched
            corrected = spelling.corrected(query.q) or ""
        return SearchResult(
            query=query,
            total=response.hits.total.value,
            hits=hits,
            facets=assemble_facets(query, counts, stored_labels(counts)),
            engine=self.name,
            took_ms=(time.perf_counter() - started) * 1000,
            corrected_query=corrected,
        )

    # --- writing ---

    def upsert(self, documents: Iterable) -> int:
        actions = [
            {"_op_type": "index", "_index": self.index, "_id": str(data.page_id), "_source": to_source(data)}
            for data in documents
        ]
        if not actions:
            return 0
        if not self.es.indices.exists_alias(name=self.index):
            # Writing to a missing alias would create an index with a guessed mapping.
            logger.warning("Elasticsearch alias %s missing; run manage.py rebuild_search_index", self.index)
            return 0
        success, _errors = bulk(self.es, actions, refresh="wait_for")
        return success

    def delete(self, page_id: int) -> None:
        self.es.delete(index=self.index, id=str(page_id), ignore_status=404, refresh="wait_for")

    def rebuild(self, documents: Iterable) -> str:
        """Zero-downtime rebuild: new concrete index, bulk load, atomic alias swap, drop old."""
        alias = self.index
        new_name = f"{alias}-{timezone.now():%Y%m%d%H%M%S%f}"
        build_index(new_name).create(using=self.es)
        actions = (
            {"_op_type": "index", "_index": new_name, "_id": str(data.page_id), "_source": to_source(data)}
            for data in documents
        )
        bulk(self.es, actions)
        self.es.indices.refresh(index=new_name)
        old = []
        if self.es.indices.exists_alias(name=alias):
            old = list(self.es.indices.get_alias(name=alias))
        elif self.es.indices.exists(index=alias):
            # a concrete index squatting on the alias name (e.g. created by an early upsert)
            self.es.indices.delete(index=alias)
        self.es.indices.update_aliases(
            actions=[{"remove": {"index": name, "alias": alias}} for name in old]
            + [{"add": {"index": new_name, "alias": alias}}]
        )
        for name in old:
            self.es.indices.delete(index=name, ignore_unavailable=True)
        return new_name


def stored_labels(counts: dict[str, dict[str, int]]) -> dict[tuple, str]:
    """Labels of facets outside the taxonomy, looked up in one query."""
    from ..facets import FACETS

    names = [f.name for f in FACETS if not f.vocabulary and counts.get(f.name)]
    codes = {code for name in names for code in counts[name]}
    if not names:
        return {}
    rows = FacetValue.objects.filter(facet__in=names, code__in=codes).values_list("facet", "code", "label")
    return {(facet, code): label for facet, code, label in rows if label}
