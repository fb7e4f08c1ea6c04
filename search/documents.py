"""From an ApproachPage to its search document: ``build_document`` is the single place that
decides what search knows about a profile. Both engines index its result: the database engine
stores it as ``SearchDocument`` + ``FacetValue`` rows, the Elasticsearch engine as an ES document.

Only what anonymous visitors may see enters a document: live pages without view restrictions,
public fields only (never ``ApproachContact``).

The text is everything a reader of the profile sees, read from the model: every text, rich-text and
StreamField field that ``ApproachPage`` declares (``public_text_fields``; a new question's free text
is searchable without touching this module) except ``NOT_SEARCHED``, plus partner organisations
and their roles, interventions, tags and the places the profile covers (with their everyday names,
``search.places``). Ranking weights: the title highest, then the *lead* (summary and the names of
the municipalities the profile names itself, so a municipality's own profile comes before the
regional ones covering it), then the text, then the parts of its compound words
(``search.compounds``), which only count once where the whole word counts twice."""

from __future__ import annotations

import datetime
import logging
from collections import Counter
from dataclasses import dataclass, field
from html import unescape as unescape_entities

from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.html import strip_tags
from wagtail.fields import StreamField
from wagtail.search.backends import get_search_backend
from wagtail.search.models import IndexEntry

from practices import similarity
from practices.figures import NO_SIZE_CLASS, ReferenceLookup
from practices.models import ApproachLineage, ApproachPage, published_among
from regions.models import Municipality

from . import places
from .compounds import parts_text
from .facets import FACET_NAMES, NONE
from .models import FacetValue, IndexVersion, SearchDocument, SearchTerm
from .spelling import document_terms
from .text import fold, stem_text

logger = logging.getLogger(__name__)

WIDE_LEVELS = {"regional", "provincial"}

# Public text fields of ApproachPage that search leaves out, with the reason.
NOT_SEARCHED = {
    # A bibliography, not a description: every demo profile cites the same Utrecht University
    # thesis, so a search for the place "Utrecht" would find them all.
    "sources": "bibliography",
}


def public_text_fields() -> list:
    """The free-text fields a reader sees on a profile: every TextField (RichTextField is one)
    and StreamField declared by ApproachPage itself, in declaration order, minus NOT_SEARCHED.
    Contact persons are a separate model (ApproachContact) and never read here."""
    return [
        field
        for field in ApproachPage._meta.concrete_fields
        if field.model is ApproachPage
        and isinstance(field, models.TextField | StreamField)
        and field.name not in NOT_SEARCHED
    ]


def field_text(page, field) -> str:
    """Plain text of one field (Wagtail's own searchable content for rich text and streams)."""
    value = getattr(page, field.name)
    if not value:
        return ""
    searchable = getattr(field, "get_searchable_content", None)
    parts = searchable(value) if searchable else [value]
    return "\n".join(_plain(str(part)) for part in parts if part)


@dataclass
class DocumentData:
    page_id: int
    title: str
    url_path: str
    region: str
    summary: str
    text: str
    updated_at: datetime.datetime | None
    lead: str = ""  # ranks just below the title: the summary and the places the profile names
    parts: str = ""  # the parts of the compound words of title and text
    facets: dict[str, list[tuple[str, str]]] = field(default_factory=dict)  # name -> [(code, label)]
    features: dict = field(default_factory=dict)

    @property
    def sort_title(self) -> str:
        return fold(self.title)[:255]

    def facet_codes(self, name: str) -> list[str]:
        return [code for code, _label in self.facets.get(name, [])]


def public_pages():
    return ApproachPage.objects.published()


def covered_municipalities(page: ApproachPage, region, region_municipalities=None) -> list[Municipality]:
    """Municipalities the approach covers: the ones it names, plus the whole region for regional
    and provincial approaches."""
    covered = {m.pk: m for m in _related(page, "municipalities")}
    wide = page.level in WIDE_LEVELS or not covered
    if wide and region is not None and getattr(region, "youth_care_region_id", None):
        if region_municipalities is None:
            region_municipalities = list(region.municipalities)
        for municipality in region_municipalities:
            covered.setdefault(municipality.pk, municipality)
    return sorted(covered.values(), key=lambda m: m.sort_name or m.name)


PREFETCHED = "_search_{}"


def _related(page: ApproachPage, name: str) -> list:
    """Rows of a relation: prefetched into a plain list by rebuilds (``iter_documents``), queried
    otherwise. Going through modelcluster's managers for prefetched rows built a queryset per page
    and relation, a third of the time spent building 10,000 documents."""
    prefetched = getattr(page, PREFETCHED.format(name), None)
    return prefetched if prefetched is not None else list(getattr(page, name).all())


def _plain(html: str) -> str:
    return unescape_entities(strip_tags(html or "")).strip()


def _region_of(page: ApproachPage, cache: dict | None):
    """The parent region page and its municipalities (memoised in ``cache`` during rebuilds)."""
    key = page.path[: -page.steplen]
    if cache is not None and key in cache:
        return cache[key]
    parent = page.get_parent()
    region = parent.specific if parent else None
    municipalities = list(region.municipalities) if getattr(region, "youth_care_region_id", None) else []
    if cache is not None:
        cache[key] = (region, municipalities)
    return region, municipalities


def _published_sources(page: ApproachPage, cache: dict | None) -> list[ApproachPage]:
    """Lineage sources an anonymous visitor may see (a restricted source's title stays out)."""
    sources = [link.source for link in _related(page, "lineage") if link.source]
    if cache is not None and "published_ids" in cache:  # rebuilds know every published id
        return [source for source in sources if source.pk in cache["published_ids"]]
    return published_among(sources)


def build_document(page: ApproachPage, cache: dict | None = None) -> DocumentData:
    page = page.specific if not isinstance(page, ApproachPage) else page
    region, region_municipalities = _region_of(page, cache)
    region_title = region.title if region else ""
    municipalities = covered_municipalities(page, region, region_municipalities)
    partners = _related(page, "partners")
    interventions = _related(page, "interventions")
    tags = _related(page, "tags")
    sources = _published_sources(page, cache)
    named = {m.pk for m in _related(page, "municipalities")}
    size_class = _reference(cache).size_class_for(named, getattr(region, "youth_care_region_id", None))
    size_class = "" if size_class == NO_SIZE_CLASS else size_class

    def coded(values) -> list[tuple[str, str]]:
        return [(code, "") for code in dict.fromkeys(v for v in values if v)]

    facets: dict[str, list[tuple[str, str]]] = {
        "province": list(dict.fromkeys((m.province.code, m.province.name) for m in municipalities)),
        "region": [(region.slug, region_title)] if region else [],
        # one per profile, the rule of the national picture and open data (figures.ReferenceLookup)
        "size_class": coded([size_class]),
        "level": coded([page.level]),
        "stage": coded([page.stage]),
        "funding_source": coded(page.funding_sources or []),
        "evaluation_status": coded([page.evaluation_status]),
        "offer": coded(page.offers or []),
        "partner_type": coded(p.partner_type for p in partners),
        "discipline": coded(p.discipline for p in partners),
        "front_door": coded([page.front_door]),
        "intervention": [(str(i.pk), i.name) for i in interventions],
        "tag": [(t.slug, t.name) for t in tags],
        "support_need": coded(page.support_needs or []),
        "cooperation_bottleneck": coded(page.cooperation_bottlenecks or []),
        "execution_bottleneck": coded(page.execution_bottlenecks or []),
        "adopted_from": list(dict.fromkeys((str(s.pk), s.title) for s in sources)),
    }
    for name in FACET_NAMES:
        if not facets[name]:
            facets[name] = [(NONE, "")]

    own_places = [m for m in municipalities if m.pk in named]
    youth_care_region = getattr(region, "youth_care_region", None) if region else None
    text = "\n".join(
        part
        for part in [
            page.title,
            *(field_text(page, field) for field in public_text_fields()),
            " ".join(f"{p.organisation} {p.role}".strip() for p in partners),
            " ".join(i.name for i in interventions),
            " ".join(t.name for t in tags),
            " ".join(link.note for link in _related(page, "lineage") if link.note and link.source in sources),
            region_title,
            youth_care_region.name if youth_care_region and youth_care_region.name != region_title else "",
            " ".join(dict.fromkeys(m.province.name for m in municipalities)),
            " ".join(name for m in municipalities for name in places.names_of(m.name)),
        ]
        if part
    )
    lead = "\n".join(
        part
        for part in [page.summary, " ".join(name for m in own_places for name in places.names_of(m.name))]
        if part
    )
    return DocumentData(
        page_id=page.pk,
        title=page.title,
        url_path=page.get_url() or page.url_path,
        region=region_title,
        summary=page.summary,
        text=text,
        lead=lead,
        parts=parts_text(text),
        updated_at=page.last_published_at,
        facets=facets,
        features=similarity.features_from_page(page, size_class=size_class, partners=partners),
    )


def _reference(cache: dict | None) -> ReferenceLookup:
    """Municipality sizes and region pages (two queries), once per rebuild."""
    if cache is None:
        return ReferenceLookup()
    if "_reference" not in cache:
        cache["_reference"] = ReferenceLookup()
    return cache["_reference"]


# --- the database copy -------------------------------------------------------------------------


@transaction.atomic
def store_document(data: DocumentData) -> SearchDocument:
    document, _created = SearchDocument.objects.update_or_create(
        page_id=data.page_id, defaults=_document_fields(data)
    )
    FacetValue.objects.filter(document=document).delete()
    _insert_facet_values(_facet_values(data))
    SearchTerm.objects.bulk_create(
        [SearchTerm(term=term) for term in sorted(document_terms(data.text))], ignore_conflicts=True
    )
    IndexVersion.bump([data.page_id])
    return document


def remove_document(page_id: int) -> None:
    for document in SearchDocument.objects.filter(page_id=page_id):
        document.delete()  # through the model: Wagtail's index entry goes, the version is bumped


def index_page(page_id: int) -> DocumentData | None:
    """(Re)build the database document of one page; removes it when the page is not public.
    Returns the document data, or None when the page is not (or no longer) searchable."""
    page = public_pages().filter(pk=page_id).first()
    if page is None:
        remove_document(page_id)
        return None
    data = build_document(page)
    store_document(data)
    return data


def iter_documents(batch_size: int = 500):
    """DocumentData for every public profile (used by rebuilds)."""
    ids = list(public_pages().order_by("pk").values_list("pk", flat=True))
    cache: dict = {"published_ids": set(ids)}
    for start in range(0, len(ids), batch_size):
        pages = (
            public_pages()
            .filter(pk__in=ids[start : start + batch_size])
            .prefetch_related(
                Prefetch("partners", to_attr=PREFETCHED.format("partners")),
                Prefetch("interventions", to_attr=PREFETCHED.format("interventions")),
                Prefetch("tags", to_attr=PREFETCHED.format("tags")),
                Prefetch(
                    "municipalities",
                    queryset=Municipality.objects.select_related("province"),
                    to_attr=PREFETCHED.format("municipalities"),
                ),
                Prefetch(
                    "lineage",
                    queryset=ApproachLineage.objects.select_related("source"),
                    to_attr=PREFETCHED.format("lineage"),
                ),
            )
        )
        for page in pages:
            yield build_document(page, cache)


def _document_fields(data: DocumentData) -> dict:
    return {
        "page_title": data.title[:255],
        "url_path": data.url_path[:500],
        "region": data.region[:255],
        "summary": data.summary,
        "text": data.text,
        "lead": data.lead,
        "stemmed": _stemmed(data),
        "sort_title": data.sort_title,
        "updated_at": data.updated_at,
        "features": data.features,
    }


def _stemmed(data: DocumentData) -> str:
    """The second text column (see ``SearchDocument.stemmed``): the text again, then the parts
    of its compounds, so a word counts twice where it is written and once where it is only part
    of a compound. As Snowball stems where SQLite matches stems; as written on PostgreSQL, which
    stems itself with an older Snowball Dutch ('begeleiden' is 'begeleid' there and 'beleid' in
    snowballstemmer 3, 'trainingen' 'training' and 'train'): stems of stems matched wrong words."""
    if connection.vendor == "postgresql":
        return f"{data.text}\n{data.parts}"
    return f"{stem_text(data.text)}\n{stem_text(data.parts)}"


def _facet_values(data: DocumentData) -> list[tuple[int, str, str, str]]:
    """(document_id, facet, code, label) rows of one document."""
    return [
        (data.page_id, name, code[:80], label[:255])
        for name, values in data.facets.items()
        for code, label in values
    ]


def _insert_facet_values(rows: list[tuple[int, str, str, str]]) -> None:
    """Bulk insert without model instances: ~30 per document, 300,000 at 10,000 profiles, where
    building and compiling ``FacetValue`` objects took a third of a rebuild. PostgreSQL: COPY."""
    table = connection.ops.quote_name(FacetValue._meta.db_table)
    columns = "(document_id, facet, code, label)"
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} {columns} FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            cursor.executemany(f"INSERT INTO {table} {columns} VALUES (%s, %s, %s, %s)", rows)  # noqa: S608


@transaction.atomic
def rebuild_database_documents(batch_size: int = 1000) -> int:
    """Rebuild every database document from the live, public pages.

    One transaction (readers keep the previous index until it commits) that empties the three
    tables and refills them with bulk inserts, one text-index insert per batch. Saving documents
    one by one made Wagtail's backend refresh its index statistics per save (quadratic); updating
    them in place with ``bulk_update`` spent most of the time building CASE expressions."""
    backend = get_search_backend()
    content_type = ContentType.objects.get_for_model(SearchDocument)
    with connection.cursor() as cursor:
        # Plain DELETEs: through the ORM every document would send a signal and remove its own
        # text-index entry (SQLite's FTS table follows the index entries by trigger).
        for table, where in (
            (FacetValue._meta.db_table, ""),
            (SearchTerm._meta.db_table, ""),
            (IndexEntry._meta.db_table, f" WHERE content_type_id = {int(content_type.pk)}"),
            (SearchDocument._meta.db_table, ""),
        ):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}{where}")  # noqa: S608
    batch: list[DocumentData] = []
    count = 0
    terms: Counter[str] = Counter()

    def flush():
        now = timezone.now()
        documents = SearchDocument.objects.bulk_create(
            [SearchDocument(page_id=data.page_id, indexed_at=now, **_document_fields(data)) for data in batch]
        )
        _insert_facet_values([row for data in batch for row in _facet_values(data)])
        backend.add_bulk(SearchDocument, documents)
        batch.clear()

    for data in iter_documents():
        batch.append(data)
        terms.update(document_terms(data.text))
        count += 1
        if len(batch) >= batch_size:
            flush()
    if batch:
        flush()
    SearchTerm.objects.bulk_create(
        [SearchTerm(term=term, documents=n) for term, n in terms.items()], batch_size=5000
    )
    IndexVersion.bump(None)  # everything: workers reload in full
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # planner statistics after a bulk rewrite
    if connection.vendor == "postgresql":
        # Fresh planner statistics after a bulk rewrite (autovacuum would get there later).
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {SearchDocument._meta.db_table}, {FacetValue._meta.db_table}")
    return count
