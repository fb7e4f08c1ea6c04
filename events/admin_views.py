"""Organiser views in the Wagtail admin (Ministerie): sessions with registration counts, and per
session the registrations, a CSV export and the suggested invitees."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from practices.csv_export import SafeWriter
from regions.roles import is_ministry

from . import invitations, invitees, registration
from .admin_forms import InviteForm
from .models import EventIndexPage, ExchangeSessionPage, Registration
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


def new_session_url(user) -> str:
    """Wagtail's "add page" form for a session under the sessions index, if the user may add one."""
    index = EventIndexPage.objects.first()
    if index is None or not index.permissions_for_user(user).can_add_subpage():
        return ""
    return reverse("wagtailadmin_pages:add", args=("events", "exchangesessionpage", index.pk))


def sessions_overview(request):
    _require(request)
    sessions = ExchangeSessionPage.objects.order_by("-start")
    rows = [{"session": session, "counts": registration.registration_counts(session)} for session in sessions]
    context = {"rows": rows, "now": timezone.now(), "new_session_url": new_session_url(request.user)}
    return TemplateResponse(request, "events/admin/overview.html", context)


def _invitee_rows(suggestions, invited_regions: dict) -> list[tuple]:
    return [
        (item, coordinators, invited_regions.get(item.region.pk) if item.region else None)
        for item, coordinators in suggestions
    ]


def _report(request, session, invite_form=None, status=200):
    registrations = session.registrations.select_related("municipality").order_by(
        "status", "created_at", "pk"
    )
    suggestions = invitees.suggest_for_session(session)
    everyone = [*suggestions.needs, *suggestions.presenters]
    coordinators = invitations.coordinator_addresses(item.region for item in everyone)
    invited = invitations.invitation_rows(session)
    invited_regions = {}
    for row in invited:  # newest first: keep the latest invitation per region
        invited_regions.setdefault(row.invitation.region_id, row.invitation.invited_at)

    blocked = ""
    try:
        invitations.check_can_invite(session)
    except invitations.InvitationError as error:
        blocked = error.message

    def with_addresses(items):
        return [(item, coordinators.get(item.region.pk, []) if item.region else []) for item in items]

    context = {
        "session": session,
        "counts": registration.registration_counts(session),
        "registrations": registrations,
        "suggestions": suggestions,
        "needs": _invitee_rows(with_addresses(suggestions.needs), invited_regions),
        "presenters": _invitee_rows(with_addresses(suggestions.presenters), invited_regions),
        "invited": invited,
        "invite_form": invite_form,
        "can_invite": is_ministry(request.user) and not blocked,
        "invite_blocked": blocked,
    }
    return TemplateResponse(request, "events/admin/report.html", context, status=status)


def session_report(request, page_id: int):
    _require(request)
    return _report(request, get_object_or_404(ExchangeSessionPage, pk=page_id))


@require_POST
def invite(request, page_id: int):
    """ "Uitnodigen": mail the session link to a region's coordinators or an entered address."""
    _require(request)
    if not is_ministry(request.user):
        raise PermissionDenied
    session = get_object_or_404(ExchangeSessionPage, pk=page_id)
    form = InviteForm(request.POST)
    if form.is_valid():
        try:
            sent = invitations.invite(
                session, by=request.user, region=form.cleaned_data["region"], email=form.cleaned_data["email"]
            )
        except invitations.InvitationError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                ngettext(
                    "Uitnodiging verstuurd naar %(addresses)s.",
                    "Uitnodigingen verstuurd naar %(addresses)s.",
                    len(sent),
                )
                % {"addresses": ", ".join(item.email for item in sent)},
            )
            return redirect(reverse("events_admin:report", args=[session.pk]) + "#uitgenodigd")
    return _report(request, session, invite_form=form, status=400)


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
