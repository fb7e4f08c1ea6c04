"""Organiser views in the Wagtail admin (Ministerie): sessions with registration counts, and per
session the registrations, a CSV export and the suggested invitees."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from practices.csv_export import SafeWriter

from . import invitees, registration
from .models import ExchangeSessionPage, Registration
from .roles import can_see_registrations

CSV_COLUMNS = (
    ("name", "naam"),
    ("email", "e-mailadres"),
    ("organisation", "organisatie"),
    ("municipality", "gemeente"),
    ("role", "rol"),
    ("status", "status"),
    ("created_at", "aangemeld op"),
    ("promoted_at", "van wachtlijst op"),
    ("cancelled_at", "afgemeld op"),
)


def _require(request):
    if not can_see_registrations(request.user):
        raise PermissionDenied


def sessions_overview(request):
    _require(request)
    sessions = ExchangeSessionPage.objects.order_by("-start")
    rows = [{"session": session, "counts": registration.registration_counts(session)} for session in sessions]
    return TemplateResponse(request, "events/admin/overview.html", {"rows": rows, "now": timezone.now()})


def session_report(request, page_id: int):
    _require(request)
    session = get_object_or_404(ExchangeSessionPage, pk=page_id)
    registrations = session.registrations.select_related("municipality").order_by(
        "status", "created_at", "pk"
    )
    context = {
        "session": session,
        "counts": registration.registration_counts(session),
        "registrations": registrations,
        "suggestions": invitees.suggest_for_session(session),
    }
    return TemplateResponse(request, "events/admin/report.html", context)


def _value(item: Registration, field: str):
    if field == "role":
        return item.get_role_display()
    if field == "status":
        return item.get_status_display()
    value = getattr(item, field)
    if hasattr(value, "isoformat"):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    return value


def session_csv(request, page_id: int):
    _require(request)
    session = get_object_or_404(ExchangeSessionPage, pk=page_id)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="aanmeldingen-{session.slug}.csv"'
    response["Cache-Control"] = "private, no-store"
    response.write("\ufeff")  # BOM: Excel opens UTF-8 correctly
    writer = SafeWriter(response, delimiter=";")
    writer.writerow([heading for _field, heading in CSV_COLUMNS])
    for item in session.registrations.select_related("municipality").order_by("created_at", "pk"):
        row = ["" if value is None else str(value) for value in (_value(item, f) for f, _h in CSV_COLUMNS)]
        if item.anonymised_at:  # personal fields blank, the first one says why
            for position, (field, _heading) in enumerate(CSV_COLUMNS):
                if field in Registration.PERSONAL_FIELDS:
                    row[position] = ""
            row[0] = _("(gegevens gewist)")
        writer.writerow(row)
    return response
