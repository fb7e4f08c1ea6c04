"""The search contract shared by both engines, the HTML page and the JSON API.

``parse_params`` is the one place where request parameters are validated (by
``search.forms.SearchForm``); engines receive a
``SearchQuery`` and return a ``SearchResult``. ``assemble_facets`` turns raw counts into ordered
buckets the same way for every engine, so both engines give identical answers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from . import facets as facet_defs
from .facets import FACETS
from .forms import MAX_CODE_LENGTH, MAX_PAGE, MAX_QUERY_LENGTH, MAX_VALUES_PER_FACET, SearchForm

__all__ = ["MAX_CODE_LENGTH", "MAX_PAGE", "MAX_QUERY_LENGTH", "MAX_VALUES_PER_FACET"]

PAGE_SIZE = 10
SORTS = {
    "relevance": gettext_lazy("Relevantie"),
    "updated": gettext_lazy("Laatst bijgewerkt"),
    "name": gettext_lazy("Naam (A-Z)"),
}


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
    compare: tuple[int, ...] = ()  # profiles ticked for comparison (kept in the URL; not a filter)

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


def parse_params(params, *, known_codes=None) -> SearchQuery:
    """Validate a QueryDict (``request.GET``) into a SearchQuery or raise SearchParamError, through
    ``search.forms.SearchForm`` (generated from the facet definitions).

    ``known_codes(facet_name, codes) -> set`` returns which codes of a facet outside the taxonomy
    exist (defaults to a lookup in the search documents)."""
    for name in params:
        values = params.getlist(name)
        if "\x00" in name or any("\x00" in value for value in values):
            parameter = name.replace("\x00", "")[:60]
            if parameter == "q":
                raise SearchParamError("q", _("De zoekvraag bevat ongeldige tekens."))
            raise SearchParamError(parameter, _("De parameter bevat ongeldige tekens."))
    form = SearchForm(params, sorts=SORTS, known_codes=known_codes)
    error = form.first_error()
    if error:
        raise SearchParamError(*error)
    data = form.cleaned_data
    filters = {facet.name: data[facet.name] for facet in FACETS if data.get(facet.name)}
    return SearchQuery(
        q=data["q"], filters=filters, sort=data["sort"], page=data["page"], compare=data["ids"]
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
