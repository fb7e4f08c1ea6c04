"""Wagtail admin for organisers: registrations (list, filters, CSV export), a sessions overview
with counts, a per-session report with suggested invitees, and buttons on session pages."""

from __future__ import annotations

from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.menus.pages import PageMenuItem
from wagtail.admin.views.generic import IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from practices import converters  # noqa: F401  (registers <dbid:>)
from practices.csv_export import safe_cell

from . import admin_views
from .models import ExchangeSessionPage, Registration
from .roles import can_see_registrations


class RegistrationPermissionPolicy(ModelPermissionPolicy):
    """Registrations are created only through the public form (capacity and waiting list rules);
    organisers can view, export and correct personal details, never add or copy."""

    def user_has_permission(self, user, action):
        if action in ("add", "copy"):
            return False
        return super().user_has_permission(user, action)


register_permission_policy(Registration, RegistrationPermissionPolicy(Registration))


class RegistrationIndexView(IndexView):
    def preprocess_field_value(self, field, value, export_format):
        value = super().preprocess_field_value(field, value, export_format)
        if export_format == self.FORMAT_CSV and isinstance(value, str):
            return safe_cell(value)
        return value


class RegistrationViewSet(ModelViewSet):
    model = Registration
    index_view_class = RegistrationIndexView
    icon = "group"
    menu_label = _("Aanmeldingen")
    menu_order = 310
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = ["name", "email", "organisation", "session", "status", "created_at"]
    list_filter = ["status", "session", "role"]
    list_export = [
        "session",
        "name",
        "email",
        "organisation",
        "municipality",
        "get_role_display",
        "get_status_display",
        "created_at",
        "promoted_at",
        "cancelled_at",
    ]
    export_headings = {"get_role_display": _("rol"), "get_status_display": _("status")}
    export_filename = "aanmeldingen"
    search_fields = ["name", "email", "organisation"]
    form_fields = ["name", "email", "organisation", "municipality", "role"]
    ordering = ["-created_at"]


registration_viewset = RegistrationViewSet("registrations")


@hooks.register("register_admin_viewset")
def register_registration_viewset():
    return registration_viewset


@hooks.register("register_admin_urls")
def register_report_urls():
    urls = [
        path("", admin_views.sessions_overview, name="overview"),
        path("<dbid:page_id>/", admin_views.session_report, name="report"),
        path("<dbid:page_id>/aanmeldingen.csv", admin_views.session_csv, name="csv"),
        path("<dbid:page_id>/uitnodigen/", admin_views.invite, name="invite"),
    ]
    return [path("bijeenkomsten/", include((urls, "events_admin"), namespace="events_admin"))]


class SessionsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_see_registrations(request.user)


@hooks.register("register_admin_menu_item")
def register_sessions_menu_item():
    return SessionsMenuItem(
        _("Bijeenkomsten"), reverse("events_admin:overview"), icon_name="date", order=300, name="sessions"
    )


class SessionReportMenuItem(PageMenuItem):
    label = _("Aanmeldingen en genodigden")
    icon_name = "group"
    url_name = "events_admin:report"
    priority = 80

    def is_shown(self, user):
        return can_see_registrations(user)


def _report_button(page, next_url=None):
    if isinstance(page.specific_deferred, ExchangeSessionPage):
        yield SessionReportMenuItem(page=page, next_url=next_url)


@hooks.register("register_page_header_buttons")
def session_header_buttons(page, user, view_name=None, next_url=None):
    yield from _report_button(page)


@hooks.register("register_page_listing_more_buttons")
def session_listing_buttons(page, user, next_url=None):
    yield from _report_button(page)
