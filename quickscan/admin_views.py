"""Ministry screens in the Wagtail admin: the response dashboard per round, and sending a
municipality its personal link by e-mail. Only the Ministerie group and superusers get here
(``regions.roles.is_ministry``); the dashboard shows statuses, never answers.

The hooks that register these live at the end of ``wagtail_hooks.py``; the functions they call
are here.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import include, path, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.snippets.action_menu import ActionMenuItem

from regions.roles import is_ministry

from . import dashboard, mail, maps
from .models import Invitation, Round


def _require_ministry(request) -> None:
    if not is_ministry(request.user):
        raise PermissionDenied


def rounds_index(request):
    _require_ministry(request)
    rounds = Round.objects.filter(kind=Round.Kind.LIVE).order_by("-label")
    return TemplateResponse(request, "quickscan/admin/rounds.html", {"rounds": rounds})


def round_dashboard(request, label: str):
    _require_ministry(request)
    round_ = get_object_or_404(Round, label=label, kind=Round.Kind.LIVE)
    counts = dashboard.round_counts(round_)
    labels = {**maps.status_labels(), "revoked": _("ingetrokken")}
    back = urlencode({"next": request.path})
    send = reverse("quickscan_admin:send_invitation", args=[0]).replace("/0/", "/{}/")  # reversed once
    invitations = [  # plain rows: 342 render much faster than with lookups and {% url %} per row
        {
            "name": invitation.municipality.name,
            "province": invitation.municipality.province.name,
            "status": labels["revoked" if invitation.is_revoked else dashboard.status_of(invitation)],
            "sent_at": invitation.sent_at,
            "reminded_at": invitation.reminded_at,
            "send_url": None if invitation.is_revoked else f"{send.format(invitation.pk)}?{back}",
        }
        for invitation in dashboard.invitations_with_status(round_)
    ]
    context = {
        "round": round_,
        "counts": counts,
        "invitations": invitations,
        "map_svg": maps.municipality_map_svg(
            dashboard.municipality_statuses(round_), id_prefix="qs-map", labelledby="qs-map-title"
        ),
    }
    return TemplateResponse(request, "quickscan/admin/dashboard.html", context)


def _safe_next(request, fallback: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


@require_http_methods(["GET", "HEAD", "POST"])
def send_invitation(request, pk: int):
    """GET: confirm the address; POST: send the personal link. A mail failure is a Dutch message."""
    _require_ministry(request)
    invitation = get_object_or_404(Invitation.objects.select_related("round", "municipality"), pk=pk)
    edit_url = reverse("wagtailsnippets_quickscan_invitation:edit", args=[invitation.pk])
    back = _safe_next(request, edit_url)
    problem = _cannot_send(invitation)
    if request.method == "POST" and problem is None:
        if mail.deliver(invitation, mail.INVITATION):
            messages.success(
                request,
                _("De uitnodiging voor %(municipality)s is verstuurd naar %(email)s.")
                % {"municipality": invitation.municipality.name, "email": invitation.email},
            )
        else:
            messages.error(
                request,
                _(
                    "De uitnodiging voor %(municipality)s kon niet worden verstuurd: de mailserver is "
                    "niet bereikbaar of weigerde het bericht. Probeer het later opnieuw."
                )
                % {"municipality": invitation.municipality.name},
            )
        return redirect(back)
    return TemplateResponse(
        request,
        "quickscan/admin/send_invitation.html",
        {"invitation": invitation, "problem": problem, "next": back, "edit_url": edit_url},
        status=400 if problem and request.method == "POST" else 200,
    )


def _cannot_send(invitation) -> str | None:
    if invitation.is_revoked:
        return _("Deze uitnodiging is ingetrokken; er wordt niets verstuurd.")
    if not invitation.email:
        return _("Vul eerst een e-mailadres in bij de uitnodiging en sla deze op.")
    if not invitation.round.accepts_answers:
        return _("De ronde is niet open; een uitnodiging heeft nu geen zin.")
    return None


def admin_urls():
    urls = [
        path("", rounds_index, name="rounds"),
        path("ronde/<slug:label>/", round_dashboard, name="dashboard"),
        path("uitnodiging/<int:pk>/versturen/", send_invitation, name="send_invitation"),
    ]
    return [path("quickscan/", include((urls, "quickscan_admin"), namespace="quickscan_admin"))]


class MinistryMenuItem(MenuItem):
    def is_shown(self, request):
        return is_ministry(request.user)


def dashboard_menu_item():
    return MinistryMenuItem(
        gettext_lazy("Quickscan-respons"),
        reverse("quickscan_admin:rounds"),
        icon_name="table",
        order=261,
        name="quickscan-dashboard",
    )


SEND_LABEL = gettext_lazy("Stuur uitnodiging")


def send_url(invitation, next_url: str | None = None) -> str:
    url = reverse("quickscan_admin:send_invitation", args=[invitation.pk])
    return f"{url}?{urlencode({'next': next_url})}" if next_url else url


def invitation_listing_buttons(instance, user, next_url=None):
    if isinstance(instance, Invitation) and is_ministry(user) and not instance.is_revoked:
        yield Button(SEND_LABEL, url=send_url(instance, next_url), icon_name="mail", priority=15)


class SendInvitationMenuItem(ActionMenuItem):
    label = SEND_LABEL
    name = "action-send-invitation"
    icon_name = "mail"

    def is_shown(self, context):
        return (
            context.get("view") == "edit"
            and is_ministry(context["request"].user)
            and not context["instance"].is_revoked
        )

    def get_url(self, parent_context):
        return send_url(parent_context["instance"])


def invitation_action_menu_item(model):
    return SendInvitationMenuItem(order=90) if model is Invitation else None
