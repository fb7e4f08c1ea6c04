"""Admin: the "Verouderde profielen" report (freshness) under Reports.

Lists published profiles not reviewed for twelve months that the user may edit: a coordinator sees
only the profiles in their own region (Wagtail page permissions), the ministry sees all.
"""

from __future__ import annotations

import datetime

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.reports import PageReportView
from wagtail.permission_policies.pages import PagePermissionPolicy

from . import freshness, my_profiles, review
from .models import ApproachPage


class StaleProfilesView(PageReportView):
    results_template_name = "practices/admin/stale_profiles_results.html"
    page_title = _("Verouderde profielen")
    header_icon = "time"
    index_url_name = "practices_stale_profiles"
    index_results_url_name = "practices_stale_profiles_results"
    any_permission_required = ["add", "change", "publish"]
    list_export = ["title", "last_reviewed", "last_published_at", "url"]
    export_headings = {
        "title": _("Titel"),
        "last_reviewed": _("Laatst gecontroleerd"),
        "last_published_at": _("Laatst gepubliceerd"),
        "url": _("Adres"),
    }
    no_results_message = _(
        "Geen verouderde profielen: alles is in de afgelopen twaalf maanden gecontroleerd."
    )

    def get_filename(self):
        return f"verouderde-profielen-{datetime.date.today():%Y-%m-%d}"

    def get_queryset(self):
        editable = PagePermissionPolicy().instances_user_has_permission_for(self.request.user, "change")
        return freshness.stale(ApproachPage.objects.live().filter(pk__in=editable.values("pk")))


class StaleProfilesMenuItem(MenuItem):
    def is_shown(self, request):
        return PagePermissionPolicy().user_has_any_permission(request.user, ["add", "change", "publish"])


@hooks.register("register_admin_urls")
def register_stale_profiles_urls():
    return [
        path("verouderde-profielen/", StaleProfilesView.as_view(), name="practices_stale_profiles"),
        path(
            "verouderde-profielen/results/",
            StaleProfilesView.as_view(results_only=True),
            name="practices_stale_profiles_results",
        ),
    ]


@hooks.register("register_reports_menu_item")
def register_stale_profiles_menu_item():
    return StaleProfilesMenuItem(
        _("Verouderde profielen"),
        reverse("practices_stale_profiles"),
        name="stale-profiles",
        icon_name="time",
        order=150,
    )


# --- "Mijn profielen" (practices/my_profiles.py) and the review it records (practices/review.py) ---


@hooks.register("construct_homepage_panels")
def add_my_profiles_panel(request, panels):
    panel = my_profiles.homepage_panel(request)
    if panel is not None:
        panels.append(panel)


@hooks.register("register_admin_urls")
def register_review_url():
    return [
        path(
            "profielen/<int:page_id>/gecontroleerd/",
            my_profiles.review_profile,
            name="practices_review_profile",
        ),
    ]


@hooks.register("register_log_actions")
def register_review_log_action(actions):
    actions.register_action(review.REVIEWED_ACTION, _("Gecontroleerd"), _("Gecontroleerd, nog actueel"))


@hooks.register("register_admin_urls")
def register_intervention_chooser_urls():
    """The profile form's intervention chooser (``practices.intervention_chooser``)."""
    from .intervention_chooser import admin_urlpatterns

    return admin_urlpatterns()
