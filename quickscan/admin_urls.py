"""Admin URLs (and their thin views) for the ministry's exports of a round: all responses as CSV
(the import's columns) and the per-question table. Ministry editors only
(``regions.roles.is_ministry``); registered by the hook at the end of ``wagtail_hooks.py``."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import include, path
from django.views.decorators.http import require_GET

from regions.roles import is_ministry

from . import exports
from .models import Round


def _csv_download(text: str, filename: str) -> HttpResponse:
    # The BOM lets Excel read UTF-8; the import skips it.
    response = HttpResponse("\ufeff" + text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"  # individual answers: never in a shared cache
    return response


def _live_round(request, label: str) -> Round:
    if not is_ministry(request.user):
        raise PermissionDenied
    return get_object_or_404(Round, label=label, kind=Round.Kind.LIVE)


@require_GET
def responses_export(request, label: str):
    round_ = _live_round(request, label)
    return _csv_download(exports.responses_csv(round_), f"quickscan-{round_.label}-antwoorden.csv")


@require_GET
def question_table_export(request, label: str):
    round_ = _live_round(request, label)
    return _csv_download(exports.question_table_csv(round_), f"quickscan-{round_.label}-per-vraag.csv")


urls = [
    path("<slug:label>/antwoorden.csv", responses_export, name="responses"),
    path("<slug:label>/per-vraag.csv", question_table_export, name="question_table"),
]
urlpatterns = [path("quickscan/export/", include((urls, "quickscan_exports"), namespace="quickscan_exports"))]
