"""The search contract shared by both engines, the HTML page and the JSON API.

``parse_params`` is the one place where request parameters are validated; engines receive a
``SearchQuery`` and return a ``SearchResult``. ``assemble_facets`` turns raw counts into ordered
buckets the same way for every engine, so both engines give identical answers.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from practices import taxonomy

from . import facets as facet_defs
from .facets import FACETS, FACETS_BY_NAME, NONE

PAGE_SIZE = 10
MAX_QUERY_LENGTH = 200
MAX_PAGE = 1000
MAX_VALUES_PER_FACET = 50
MAX_CODE_LENGTH = 80
SORTS = {
    "relevance": gettext_lazy("Relevantie"),
    "updated": gettext_lazy("Laatst bijgewerkt"),
    "name": gettext_lazy("Naam (A-Z)"),
}
RESERVED = {"q", "sort", "page"}
IGNORED = {"format", "partial"}  # harmless extras used by the page (progressive enhancement)


class SearchParamError(ValueError):
    """A bad request parameter: ``param`` names it, ``message`` says what is wrong (Dutch)."""

    def __init__(self, param: str, message: str):
        super().__init__(f"{param}: {message}")
        self.param = param
        self.message = message

    def as_dict(self) -> dict:
        return {"error": {"parameter": self.param, "message": self.message}}


@dataclass(frozen=True)
class SearchQuery:
    q: str = ""
    filters: dict[str, frozenset[str]] = field(default_factory=dict)
    sort: str = "relevance"
    page: int = 1
    page_size: int = PAGE_SIZE

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size


@dataclass
class Hit:
    id: int
    title: str
    url: str
    region: str
    summary: str
    highlight: str = ""

    def as_dict(self) -> dict:
        return {
            "id": self.id,
            "title": self.title,
            "url": self.url,
            "region": self.region,
            "summary": self.summary,
            "highlight": self.highlight,
        }


@dataclass
class FacetBucket:
    code: str
    label: str
    count: int
    selected: bool

    def as_dict(self) -> dict:
        return {"code": self.code, "label": self.label, "count": self.count, "selected": self.selected}


@dataclass
class SearchResult:
    query: SearchQuery
    total: int
    hits: list[Hit]
    facets: dict[str, list[FacetBucket]]
    engine: str
    took_ms: float = 0.0
    notice: str = ""
    # The query as corrected for typos when the query as typed found nothing ("Bedoelde u ...?");
    # the hits are those of the corrected query. Empty when nothing was corrected.
    corrected_query: str = ""

    @property
    def page(self) -> int:
        return self.query.page

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.query.page_size))

    def as_dict(self) -> dict:
        return {
            "total": self.total,
            "page": self.page,
            "pages": self.pages,
            "results": [hit.as_dict() for hit in self.hits],
            "facets": {name: [b.as_dict() for b in buckets] for name, buckets in self.facets.items()},
            "engine": self.engine,
            "took_ms": round(self.took_ms, 1),
            "notice": self.notice,
            "corrected_query": self.corrected_query,
        }


def _single(params, name: str) -> str | None:
    values = params.getlist(name)
    if len(values) > 1:
        raise SearchParamError(name, _("Deze parameter mag maar één keer voorkomen."))
    return values[0] if values else None


def parse_params(params, *, known_codes=None) -> SearchQuery:
    """Validate a QueryDict (``request.GET``) into a SearchQuery or raise SearchParamError.

    ``known_codes(facet_name, codes) -> set`` returns which codes of a facet outside the taxonomy
    exist (defaults to a lookup in the search documents)."""
    for name in params:
        values = params.getlist(name)
        if "\x00" in name or any("\x00" in value for value in values):
            raise SearchParamError(name.replace("\x00", "")[:60], _("De parameter bevat ongeldige tekens."))
    q = (_single(params, "q") or "").strip()
    if len(q) > MAX_QUERY_LENGTH:
        raise SearchParamError(
            "q", _("De zoekvraag is te lang (maximaal %(max)s tekens).") % {"max": MAX_QUERY_LENGTH}
        )
    if "\x00" in q:
        raise SearchParamError("q", _("De zoekvraag bevat ongeldige tekens."))

    sort = _single(params, "sort") or "relevance"
    if sort not in SORTS:
        raise SearchParamError(
            "sort",
            _("Onbekende sortering '%(sort)s'; kies uit %(options)s.")
            % {"sort": sort[:40], "options": ", ".join(SORTS)},
        )

    raw_page = _single(params, "page") or "1"
    if not re.fullmatch(r"[0-9]{1,6}", raw_page) or not 1 <= int(raw_page) <= MAX_PAGE:
        raise SearchParamError(
            "page",
            _("Het paginanummer moet een geheel getal van 1 tot en met %(max)s zijn.") % {"max": MAX_PAGE},
        )

    filters: dict[str, frozenset[str]] = {}
    for name in params:
        if name in RESERVED or name in IGNORED:
            continue
        if name not in FACETS_BY_NAME:
            raise SearchParamError(name[:60], _("Onbekend filter '%(name)s'.") % {"name": name[:60]})
        codes = frozenset(code.strip() for code in params.getlist(name) if code.strip())
        if len(codes) > MAX_VALUES_PER_FACET:
            raise SearchParamError(name, _("Te veel waarden voor dit filter."))
        if any(len(code) > MAX_CODE_LENGTH for code in codes):
            raise SearchParamError(name, _("Onbekende waarde(n) voor filter '%(name)s'.") % {"name": name})
        if codes:
            filters[name] = codes

    for name, codes in filters.items():
        facet = FACETS_BY_NAME[name]
        candidates = codes - {NONE}
        if facet.vocabulary:
            unknown = {code for code in candidates if code not in taxonomy.vocabulary(facet.vocabulary)}
        else:
            lookup = known_codes or _known_document_codes
            unknown = candidates - set(lookup(name, candidates))
        if unknown:
            raise SearchParamError(
                name,
                _("Onbekende waarde(n) voor filter '%(name)s': %(codes)s.")
                % {"name": name, "codes": ", ".join(sorted(code[:40] for code in unknown)[:5])},
            )
    return SearchQuery(q=q, filters=filters, sort=sort, page=int(raw_page))


def _known_document_codes(name: str, codes) -> set[str]:
    from .models import FacetValue

    return set(
        FacetValue.objects.filter(facet=name, code__in=codes).values_list("code", flat=True).distinct()
    )


def assemble_facets(query: SearchQuery, counts: dict[str, dict[str, int]], labels: dict[tuple, str]):
    """Ordered buckets for every facet from raw ``counts[name][code]``; selected codes are always
    present (count 0 if nothing matches), so a chosen filter never disappears from the page.
    ``labels[(name, code)]`` holds labels of facets outside the taxonomy."""
    result: dict[str, list[FacetBucket]] = {}
    for facet in FACETS:
        selected = query.filters.get(facet.name, frozenset())
        facet_counts = dict(counts.get(facet.name, {}))
        for code in selected:
            facet_counts.setdefault(code, 0)
        buckets = [
            FacetBucket(
                code=code,
                label=facet.label_for(code, labels.get((facet.name, code), "")),
                count=count,
                selected=code in selected,
            )
            for code, count in facet_counts.items()
            if count > 0 or code in selected
        ]
        buckets.sort(key=lambda b: facet.order_key(b.code, b.label))
        result[facet.name] = buckets
    return result


def localised_url(url: str) -> str:
    """Stored URLs are those of the default language; under /en/ pages link to /en/... too."""
    language = get_language() or settings.LANGUAGE_CODE
    if not url.startswith("/") or language == settings.LANGUAGE_CODE or url.startswith(f"/{language}/"):
        return url
    return f"/{language}{url}"


def facet_label(name: str) -> str:
    return str(facet_defs.get(name).label)
