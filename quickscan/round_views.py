"""The national picture of one round: ``/landelijk-beeld/?ronde=LABEL`` (all figures) and
``&figuur=N&format=csv`` (one figure, columns ``optie,label,aantal,basis,procent``).

Served for the OverviewPage through Wagtail's ``before_serve_page`` hook (``wagtail_hooks.py``),
so practices, below this app, needs no knowledge of rounds.
"""

from __future__ import annotations

import time

from django.db.models import Count, Max
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.utils import translation
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from wagtail.models import Page

from practices import taxonomy
from practices.charts import bar_chart_svg
from regions.links import place_search_url, region_page_urls
from regions.size_classes import ORDER as SIZE_CLASSES

from . import figures, maps, published
from .models import Response, Round
from .public_map import public_map


def _page_context(request, page) -> dict:
    """Wagtail's own page context, without the profile overview's figures (not shown here)."""
    return Page.get_context(page, request)


def _not_found(request, page, message: str):
    context = _page_context(request, page)
    context["round_error"] = message
    return TemplateResponse(request, "quickscan/round_not_found.html", context, status=404)


def serve_round(request, page):
    label = request.GET.get("ronde", "").strip()
    round_ = (
        Round.objects.filter(label=label, kind=Round.Kind.LIVE).exclude(status=Round.Status.DRAFT).first()
    )
    if round_ is None and label in published.labels():
        if request.GET.get("figuur") is not None or request.GET.get("format") is not None:
            return _not_found(
                request, page, _("Van een gepubliceerde ronde zijn geen antwoorden als CSV beschikbaar.")
            )
        return _serve_published(request, page, published.published_round(label))
    if round_ is None:
        return _not_found(request, page, _("Er is geen quickscanronde '%(label)s'.") % {"label": label[:40]})
    number = request.GET.get("figuur")
    if number is not None or request.GET.get("format") is not None:
        return _serve_csv(request, page, round_, number, request.GET.get("format"))
    context = _page_context(request, page)
    context.update(
        {
            "round": round_,
            "round_figures": figures.round_figures(round_),
            "round_body": mark_safe(_round_body(request, page, round_)),  # noqa: S308 (our template)
            "responses": round_.responses.count(),
            "complete": round_.responses.exclude(submitted_at=None).count(),
            "other_rounds": other_rounds(round_.label),
        }
    )
    return TemplateResponse(request, "quickscan/round_overview.html", context)


# Per worker: the rendered map and figures of a round, kept until a response of any live round
# changes (the trend columns read the others) or ``BODY_SECONDS`` pass (region links, labels).
_bodies: dict[tuple, tuple[float, str]] = {}
BODY_SECONDS = 300


def _live_versions() -> tuple:
    stats = (
        Response.objects.filter(round__kind=Round.Kind.LIVE)
        .exclude(round__status=Round.Status.DRAFT)
        .values("round_id")
        .annotate(count=Count("pk"), last=Max("updated_at"))
        .order_by("round_id")
    )
    return tuple((row["round_id"], row["count"], row["last"]) for row in stats)


def _round_body(request, page, round_) -> str:
    key = (round_.pk, page.pk, translation.get_language(), _live_versions())
    cached = _bodies.get(key)
    if cached and cached[0] > time.monotonic():
        return cached[1]
    body = render_to_string(
        "quickscan/includes/round_body.html", _body_context(request, page, round_), request
    )
    for stale in [k for k in _bodies if k[:3] == key[:3]]:
        del _bodies[stale]
    _bodies[key] = (time.monotonic() + BODY_SECONDS, body)
    return body


def _body_context(request, page, round_) -> dict:
    references = sorted(published.load().rounds, key=lambda r: r.label, reverse=True)
    earlier_live = [
        (other.label, {f.number: f for f in figures.round_figures(other)})
        for other in Round.objects.filter(kind=Round.Kind.LIVE)
        .exclude(status=Round.Status.DRAFT)
        .exclude(pk=round_.pk)
        .order_by("-label")
    ]
    shown = []
    for figure in figures.round_figures(round_):
        prefix = f"f{figure.number}"
        chart = ""
        if figure.base and figure.question.type != "scale":
            chart = bar_chart_svg(
                figure,
                id_prefix=prefix,
                labelledby=f"{prefix}-title {prefix}-sum",
                unit=_("Percentage van de reacties (n)"),
            )
        compared = [_live_reference(label, by_number.get(figure.number)) for label, by_number in earlier_live]
        compared += [_reference(ref, figure) for ref in references]
        shown.append(
            {
                "figure": figure,
                "chart": chart,
                "prefix": prefix,
                "references": [shares for shares in compared if shares],
            }
        )
    mapped = public_map(round_)
    region_links = region_page_urls(request)
    return {
        "page": page,
        "round": round_,
        "round_figures": shown,
        "public_map": mapped,
        "map_rows": [(item, region_links.get(item.region_code)) for item in mapped.municipalities],
        "place_search_url": place_search_url(request),
        "map_svg": maps.stage_map_svg(
            mapped.stages(), id_prefix="qs-smap", labelledby="qs-smap-title qs-smap-sum"
        ),
        "size_classes": [(code, taxonomy.label("size_class", code)) for code in SIZE_CLASSES],
    }


def other_rounds(current: str) -> list[tuple[str, str]]:
    """(label, title) of every other round with figures: live rounds and published ones."""
    live = Round.objects.filter(kind=Round.Kind.LIVE).exclude(status=Round.Status.DRAFT)
    rounds = {r.label: r.title for r in live} | {r.label: r.title for r in published.load().rounds}
    return sorted(((label, title) for label, title in rounds.items() if label != current), reverse=True)


def _reference(reference, figure) -> dict:
    found = reference_shares(reference, figure.question.id, [row.code for row in figure.rows])
    if found:
        found["heading"] = _("Quickscan %(label)s (rapport)") % {"label": reference.label}
        found["label"] = reference.label
    return found


def _live_reference(label: str, other) -> dict:
    """The same figure in another live round (the trend where a question was asked again)."""
    if other is None or not other.base:
        return {}
    shares = {
        row.code: {"share": round(row.percent), "approximate": False, "line": None}
        for row in other.rows
        if row.percent is not None
    }
    return {
        "heading": _("Ronde %(label)s") % {"label": label},
        "label": label,
        "live": True,
        "base": other.base,
        "number": other.number,
        "shares": shares,
    }


def reference_shares(reference, question_id: str, codes: list[str]) -> dict:
    """The published round's share per option (``codes``) of the question, where the report gives
    one: {"base", "number", "shares": {code: {"share", "approximate", "line"}}}, or {}."""
    if reference is None:
        return {}
    try:
        report = reference.figure_for(question_id)
    except KeyError:
        return {}
    shares = {}
    for code in codes:
        for entry in report.entries_about(code):
            if len(entry.options) == 1 and not entry.point:
                share = entry.share_of(report.base.n)
                if share is not None:
                    shares[code] = {
                        "share": round(share),
                        "approximate": entry.approximate,
                        "line": entry.line,
                    }
                break
    return {"base": report.base.n, "shares": shares, "number": report.number} if shares else {}


def latest_published_shares(question_id: str, codes: list[str]) -> list[dict]:
    """For the profile overview: the latest published round that states shares for the question."""
    for reference in sorted(published.load().rounds, key=lambda r: r.label, reverse=True):
        found = reference_shares(reference, question_id, codes)
        if found:
            return [{"label": reference.label, "title": reference.title, **found}]
    return []


def _serve_published(request, page, data_round):
    """A round that exists only as the report's text: per figure its base and the shares it states,
    each with the words and the seed line, marked where the report gives a phrase, not a number."""
    context = _page_context(request, page)
    context.update({"published_round": data_round, "other_rounds": other_rounds(data_round.label)})
    return TemplateResponse(request, "quickscan/round_published.html", context)


def _serve_csv(request, page, round_, number, output):
    if output != "csv":
        return _not_found(request, page, _("Alleen format=csv wordt ondersteund."))
    try:
        figure = figures.round_figure(round_, int(number or ""))
    except ValueError:
        figure = None
    if figure is None:
        numbers = ", ".join(str(q.figure["number"]) for q in figures.figure_questions())
        return _not_found(
            request,
            page,
            _("Figuur %(number)s bestaat niet. Kies een van: %(numbers)s.")
            % {"number": (number or "")[:10], "numbers": numbers},
        )
    response = HttpResponse(figure.csv(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="quickscan-{round_.label}-figuur-{figure.number}.csv"'
    )
    return response
