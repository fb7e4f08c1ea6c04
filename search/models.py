"""The search page and the search documents.

The page tree is not the index: ``SearchDocument`` is a denormalised copy of what search needs from
one live, public ApproachPage (text for matching, sort fields, facet codes in ``FacetValue``), built by
``search.documents.build_document``. Only data anonymous visitors may see enters it (never contact
persons). The database engine matches text through Wagtail's database search index of these rows
and filters and counts facets on bit sets loaded from ``FacetValue`` (``search.facet_index``); the
Elasticsearch engine indexes the same data.
"""

from __future__ import annotations

import contextlib
import uuid
from contextvars import ContextVar

from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.models import Page
from wagtail.search import index

from .text import raw_tokens, stem_text


class PracticeSearchPage(Page):
    """'Zoeken': faceted search over the approach profiles (state in the query string)."""

    intro = models.TextField(_("inleiding"), blank=True)

    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count = 1
    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("zoekpagina")

    def serve(self, request, *args, **kwargs):
        from .views import serve_search_page

        return serve_search_page(self, request)


class SearchDocument(index.Indexed, models.Model):
    page = models.OneToOneField(
        "practices.ApproachPage",
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
    )
    page_title = models.CharField(max_length=255)
    url_path = models.CharField(max_length=500, help_text="Relative URL of the live page")
    region = models.CharField(max_length=255, blank=True)
    summary = models.TextField(blank=True)
    # Plain text for matching: every public text field, partners, interventions, tags, places
    # (search.documents.build_document).
    text = models.TextField(blank=True)
    # What ranks with the title: the summary and the names of the municipalities the profile names.
    lead = models.TextField(blank=True)
    # The text again, then the parts of its compound words ('jeugdhulp' adds 'jeugd hulp'); as
    # Dutch Snowball stems on SQLite, whose FTS5 cannot stem (search.documents._stemmed).
    stemmed = models.TextField(blank=True)
    sort_title = models.CharField(max_length=255, db_index=True)
    updated_at = models.DateTimeField(null=True, db_index=True)
    # Plain features for comparable approaches (practices.similarity.features_as_data()).
    features = models.JSONField(default=dict)
    indexed_at = models.DateTimeField(auto_now=True, db_index=True)

    search_fields = [
        index.SearchField("title", boost=3),
        index.SearchField("text"),
        index.SearchField("stemmed"),
        index.FilterField("page_id"),
    ]

    class Meta:
        verbose_name = _("zoekdocument")
        verbose_name_plural = _("zoekdocumenten")

    def __str__(self):
        return self.page_title

    @property
    def title(self) -> str:
        """What Wagtail's database backend indexes as the (boosted) title: the title and the lead
        (summary, own places), then their stems (SQLite matches stemmed queries; PostgreSQL stems
        itself). The page title itself still weighs most: it is written twice, and the lead adds
        each of its words once, so a summary that repeats a word cannot outrank a title that has
        it (``test_a_title_match_outranks_a_body_repetition``)."""
        lead = " ".join(dict.fromkeys(raw_tokens(self.lead)))
        heading = f"{self.page_title}\n{self.page_title}\n{lead}"
        return f"{heading} {stem_text(heading)}"


class FacetValue(models.Model):
    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="facet_values")
    facet = models.CharField(max_length=40)
    code = models.CharField(max_length=80)
    label = models.CharField(max_length=255, blank=True, help_text="For facets outside taxonomy.json")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["document", "facet", "code"], name="search_facetvalue_unique")
        ]
        # With the label: a publish re-reads the smallest stored label of each labelled value it
        # touched (facet_index._relabel) from the index alone, not from thousands of rows.
        indexes = [models.Index(fields=["facet", "code", "label"], name="search_facet_code_label_idx")]

    def __str__(self):
        return f"{self.facet}={self.code}"


class IndexVersion(models.Model):
    """One row that changes whenever the search documents do. Workers compare it with the
    version of their in-memory indexes (facet bit sets, comparable approaches) on every request:
    a primary-key read, where an aggregate over the documents cost 8-12 ms at 10,000 profiles.

    ``search.documents`` bumps it on every write and a ``post_delete`` receiver on cascaded
    deletes. The time makes versions unique even when the number repeats (a restored database, a
    rolled-back test).

    ``site_token`` changes whenever any page, view restriction or site changes
    (``search.signals``): the key of what every request reads about the site as a whole (the site
    for a host name, the home page, the menu; ``search.site_cache``). A random token, not a time,
    so a rolled-back test or a frozen clock never brings an old key back with new content."""

    number = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(default=timezone.now)
    site_token = models.UUIDField(null=True, blank=True)

    class Meta:
        verbose_name = _("indexversie")

    def __str__(self):
        return f"{self.number} ({self.changed_at:%Y-%m-%d %H:%M:%S})"

    @classmethod
    def read(cls) -> tuple[tuple, uuid.UUID | None]:
        """``(current(), site_token)`` in one primary-key read, or the row this request has read
        already (``for_this_request``)."""
        held = _request_row.get()
        if held is not None:
            return held
        row = cls.objects.filter(pk=1).values_list("number", "changed_at", "site_token").first()
        if row is None:
            return (0, None), None
        return (row[0], row[1]), row[2]

    @classmethod
    def current(cls) -> tuple:
        return cls.read()[0]

    @classmethod
    @contextlib.contextmanager
    def for_this_request(cls):
        """Read the row once for a request that writes nothing (GET, HEAD): the search engine,
        the comparable approaches, the spelling and the site cache then share that read."""
        token = _request_row.set(cls.read())
        try:
            yield _request_row.get()
        finally:
            _request_row.reset(token)

    @classmethod
    def bump(cls, document_ids=None) -> None:
        """A new version, logged with the documents it changed (``IndexChange``); ``None`` means
        every document may have changed (a rebuild), so workers reload in full."""
        now = timezone.now()
        _request_row.set(None)  # this request changed it: read it again
        with transaction.atomic():
            changes = {"number": models.F("number") + 1, "changed_at": now}
            if document_ids is None:  # a rebuild may also have changed pages without signals
                changes["site_token"] = uuid.uuid4()
            if not cls.objects.filter(pk=1).update(**changes):
                defaults = {"number": 1, "changed_at": now, "site_token": uuid.uuid4()}
                cls.objects.get_or_create(pk=1, defaults=defaults)
            # The row is locked by the update until commit, so this is our own number.
            number = cls.objects.filter(pk=1).values_list("number", flat=True).get()
            ids = sorted(set(document_ids)) if document_ids is not None else [None]
            IndexChange.objects.bulk_create(
                [IndexChange(number=number, changed_at=now, document_id=pk) for pk in ids or [None]]
            )
            if number % CHANGE_LOG_PRUNE_EVERY == 0:
                table = connection.ops.quote_name(IndexChange._meta.db_table)
                with connection.cursor() as cursor:  # plain DELETE: no per-row signals
                    cursor.execute(f"DELETE FROM {table} WHERE number <= %s", [number - CHANGE_LOG_VERSIONS])  # noqa: S608

    @classmethod
    def bump_site(cls) -> None:
        """A page, view restriction or site changed: what workers cached about the site is stale.
        Written in the editor's own transaction, so the new token and the change commit together;
        the document version is left alone (the search documents follow their own signals)."""
        _request_row.set(None)
        token = uuid.uuid4()
        if not cls.objects.filter(pk=1).update(site_token=token):
            # number 0 and a time: workers holding (0, None) still see a new version
            cls.objects.get_or_create(
                pk=1, defaults={"number": 0, "changed_at": timezone.now(), "site_token": token}
            )


# The version row as this request read it (``IndexVersion.for_this_request``); None elsewhere.
_request_row: ContextVar[tuple | None] = ContextVar("index_version_row", default=None)


# How many versions of changes the log keeps, and how often it is trimmed. A worker further behind
# than the log reaches loads everything again.
CHANGE_LOG_VERSIONS = 1000
CHANGE_LOG_PRUNE_EVERY = 50


class IndexChange(models.Model):
    """Which documents a version of the index changed (a short log, ``CHANGE_LOG_VERSIONS``
    long). A worker at version n applies only the documents of versions n+1 ... current to its
    in-memory indexes (``search.changes``); ``document_id`` None means "everything" (a rebuild).
    ``changed_at`` is the version's time, so a worker can tell that the version it holds is the
    logged one (not one from a rolled-back transaction or a restored database)."""

    number = models.BigIntegerField()
    changed_at = models.DateTimeField()
    document_id = models.IntegerField(null=True)

    class Meta:
        verbose_name = _("indexwijziging")
        indexes = [models.Index(fields=["number"], name="search_indexchange_number")]

    def __str__(self):
        return f"{self.number}: {self.document_id or '*'}"


class SearchTerm(models.Model):
    """The words of the search documents (folded, four letters or more) with the number of
    documents holding them: the vocabulary that typos are corrected against (``search.spelling``).

    A rebuild rewrites it with exact counts; a single document write only adds its new words
    (count 1), so a word may outlive the last document holding it until the next rebuild. That
    is harmless: a correction is only offered when the corrected query finds something."""

    term = models.CharField(max_length=60, primary_key=True)
    documents = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("zoekterm")
        verbose_name_plural = _("zoektermen")

    def __str__(self):
        return self.term
