"""Thin views: the HTML search page (served by PracticeSearchPage), the JSON API and the compare
view. Validation lives in ``contract.parse_params``; searching in ``engines.run_search``."""

from __future__ import annotations

from urllib.parse import urlencode

from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from . import compare as compare_logic
from . import suggest
from .contract import (
    MAX_QUERY_LENGTH,
    SORTS,
    SearchParamError,
    SearchQuery,
    facet_label,
    localised_url,
    parse_params,
)
from .engines import run_auxiliary_search, run_search
from .facets import FACETS


def _page_error(query: SearchQuery, result) -> SearchParamError | None:
    if query.page > result.pages:
        return SearchParamError(
            "page",
            _("Pagina %(page)s bestaat niet; er zijn %(pages)s pagina's.")
            % {"page": query.page, "pages": result.pages},
        )
    return None


@require_safe
def api_search(request):
    try:
        query = parse_params(request.GET)
    except SearchParamError as error:
        return JsonResponse(error.as_dict(), status=400)
    result = run_search(query)
    error = _page_error(query, result)
    if error:
        return JsonResponse(error.as_dict(), status=400)
    return JsonResponse(result.as_dict(), json_dumps_params={"ensure_ascii": False})


@require_safe
def api_suggest(request):
    """Suggestions for the search box (``search.suggest``): ``{"query", "suggestions": [...]}``."""
    values = request.GET.getlist("q")
    q = values[0] if values else ""
    error = None
    if len(values) > 1:
        error = _("Deze parameter mag maar één keer voorkomen.")
    elif "\x00" in q:
        error = _("De zoekvraag bevat ongeldige tekens.")
    elif len(q) > MAX_QUERY_LENGTH:
        error = _("De zoekvraag is te lang (maximaal %(max)s tekens).") % {"max": MAX_QUERY_LENGTH}
    if error:
        return JsonResponse(SearchParamError("q", error).as_dict(), status=400)
    search_url = _search_page_url()
    items = []
    for suggestion in suggest.suggestions(q):
        item = suggestion.as_dict()
        if suggestion.kind == "profile":
            item["url"] = localised_url(suggestion.url)
        else:
            item["url"] = f"{search_url}?{urlencode({'q': suggestion.value})}" if search_url else ""
        items.append(item)
    return JsonResponse({"query": q, "suggestions": items}, json_dumps_params={"ensure_ascii": False})


def _search_page_url() -> str:
    from .models import PracticeSearchPage

    page = PracticeSearchPage.objects.live().first()
    return localised_url(page.url) if page and page.url else ""


# --- HTML page ----------------------------------------------------------------------------------


def _params(
    query: SearchQuery, *, drop: tuple[str, str] | None = None, drop_facet: str | None = None, **overrides
) -> list[tuple[str, str]]:
    pairs: list[tuple[str, str]] = []
    q = overrides.get("q", query.q)
    if q:
        pairs.append(("q", q))
    for facet in FACETS:
        if facet.name == drop_facet:
            continue
        for code in sorted(query.filters.get(facet.name, ())):
            if drop != (facet.name, code):
                pairs.append((facet.name, code))
    sort = overrides.get("sort", query.sort)
    if sort != "relevance":
        pairs.append(("sort", sort))
    page = overrides.get("page", 1)
    if page != 1:
        pairs.append(("page", str(page)))
    pairs.extend(("ids", str(pk)) for pk in query.compare)
    return pairs


def _url(pairs) -> str:
    return "?" + urlencode(pairs) if pairs else "?"


def page_context(query: SearchQuery, result) -> dict:
    labels = {(name, b.code): b.label for name, buckets in result.facets.items() for b in buckets}
    chips = [
        {
            "facet": facet_label(facet.name),
            "label": labels.get((facet.name, code), code),
            "url": _url(_params(query, drop=(facet.name, code))),
        }
        for facet in FACETS
        for code in sorted(query.filters.get(facet.name, ()))
    ]
    groups = [
        {
            "name": f.name,
            "label": f.label,
            "buckets": result.facets.get(f.name, []),
            "open": f.name in query.filters,
        }
        for f in FACETS
        if result.facets.get(f.name)
    ]
    pages = result.pages
    window = range(max(1, query.page - 2), min(pages, query.page + 2) + 1)
    pagination = {
        "pages": [
            {"number": n, "url": _url(_params(query, page=n)), "current": n == query.page} for n in window
        ],
        "previous": _url(_params(query, page=query.page - 1)) if query.page > 1 else None,
        "next": _url(_params(query, page=query.page + 1)) if query.page < pages else None,
    }
    for hit in result.hits:
        hit.url = localised_url(hit.url)
    return {
        "query": query,
        "result": result,
        "chips": chips,
        "clear_url": _url(([("q", query.q)] if query.q else []) + [("ids", str(pk)) for pk in query.compare]),
        "compare": {
            "ids": query.compare,
            "elsewhere": [pk for pk in query.compare if pk not in {hit.id for hit in result.hits}],
            "url": reverse("search:compare") + "?" + urlencode([("ids", pk) for pk in query.compare]),
        },
        "groups": groups,
        "sorts": [(key, label) for key, label in SORTS.items()],
        "pagination": pagination,
        "corrected": (
            {"q": result.corrected_query, "url": _url(_params(query, q=result.corrected_query))}
            if result.corrected_query
            else None
        ),
        "relaxations": _relaxations(query, result),
        "suggest_url": reverse("search_suggest_api"),
        "browse_url": _browse_url(),
    }


def _relaxations(query: SearchQuery, result) -> list[dict]:
    """With no results: each selected filter whose removal brings results back, with how many,
    most first; then the filters without the search term."""
    if result.total:
        return []
    found = []
    for name in query.filters:
        filters = {k: v for k, v in query.filters.items() if k != name}
        relaxed = run_auxiliary_search(
            SearchQuery(q=query.q, filters=filters, sort=query.sort, page=1, page_size=1)
        )
        if relaxed.total:
            url = _url(_params(query, drop_facet=name))
            found.append({"facet": facet_label(name), "total": relaxed.total, "url": url})
    found.sort(key=lambda item: -item["total"])
    if query.q and query.filters:
        relaxed = run_auxiliary_search(
            SearchQuery(filters=query.filters, sort=query.sort, page=1, page_size=1)
        )
        if relaxed.total:
            found.append({"facet": "", "total": relaxed.total, "url": _url(_params(query, q=""))})
    return found


def _browse_url() -> str:
    from regions.models import RegionIndexPage

    index = RegionIndexPage.objects.live().public().first()
    return localised_url(index.url) if index and index.url else ""


def serve_search_page(page, request):
    error = None
    try:
        query = parse_params(request.GET)
    except SearchParamError as exc:
        error, query = exc, SearchQuery()
    result = run_search(query)
    if error is None:
        error = _page_error(query, result)
        if error:
            query = SearchQuery(q=query.q, filters=query.filters, sort=query.sort, compare=query.compare)
            result = run_search(query)
    context = {"page": page, "self": page, "request": request, "error": error, **page_context(query, result)}
    partial = request.GET.get("partial") == "1"
    template = "search/includes/search_app.html" if partial else "search/practice_search_page.html"
    return render(request, template, context, status=400 if error else 200)


# --- compare ---------------------------------------------------------------------------------------


@require_safe
def compare(request):
    try:
        ids = compare_logic.parse_ids(request.GET.getlist("ids"))
        pages = compare_logic.load_profiles(ids)
    except compare_logic.CompareError as error:
        return render(request, "search/compare.html", {"error": str(error)}, status=400)
    rows, empty_labels = compare_logic.collapse_empty(compare_logic.comparison_rows(pages))
    return render(
        request,
        "search/compare.html",
        {"profiles": pages, "rows": rows, "empty_labels": empty_labels},
    )
