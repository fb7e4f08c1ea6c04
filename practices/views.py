"""Thin views for the open-data exports; the logic lives in practices.exports."""

from __future__ import annotations

from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe

from . import exports

LICENSE = "CC BY 4.0"


@csrf_exempt  # read-only; undeclared methods get a 405 instead of a CSRF 403
@require_safe
def open_data_csv(request):
    response = HttpResponse(exports.to_csv(exports.records()), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="aanpakken.csv"'
    return response


@csrf_exempt
@require_safe
def open_data_json(request):
    rows = exports.records()
    return JsonResponse(
        {
            "generated_at": timezone.now().isoformat(),
            "license": LICENSE,
            "count": len(rows),
            "separator_note": "Lijsten zijn arrays; in de CSV-versie gescheiden door ';'.",
            "results": rows,
        },
        json_dumps_params={"ensure_ascii": False},
    )
