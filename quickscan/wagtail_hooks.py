"""Admin for the ministry: rounds, invitations (links, e-mail, revoking) and responses.

Only the Ministerie group (and superusers) sees these: individual responses are confidential, as
the quickscan promised respondents. Coordinators see the drafts that consenting respondents
handed to their region's profile, through the normal page workflow.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, HelpPanel, ObjectList
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from regions.permissions import MinistryPermissionPolicy

from . import admin_views
from .models import Invitation, Response, Round

register_permission_policy(Round, MinistryPermissionPolicy(Round, {"add", "change", "view"}))
register_permission_policy(Invitation, MinistryPermissionPolicy(Invitation, {"add", "change", "view"}))
register_permission_policy(Response, MinistryPermissionPolicy(Response, {"view"}))


class RoundViewSet(SnippetViewSet):
    model = Round
    icon = "list-ul"
    menu_label = _("Rondes")
    copy_view_enabled = False
    list_display = ["label", "title", "status", "kind", DateColumn("closes_on", label=_("Sluit op"))]
    list_filter = ["status", "kind"]
    edit_handler = ObjectList(
        [
            FieldRowPanel([FieldPanel("label"), FieldPanel("kind")]),
            FieldPanel("title"),
            FieldPanel("status"),
            FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")]),
        ]
    )


class InvitationViewSet(SnippetViewSet):
    model = Invitation
    icon = "link"
    menu_label = _("Uitnodigingen")
    copy_view_enabled = False
    list_display = [
        "__str__",  # the title column: only it carries the edit link and the row's buttons
        Column("round", label=_("Ronde")),
        DateColumn("sent_at", label=_("Verstuurd")),
        DateColumn("revoked_at", label=_("Ingetrokken")),
    ]
    list_filter = ["round"]
    search_fields = ["municipality__name", "municipality__code"]
    edit_handler = ObjectList(
        [
            HelpPanel(
                content=str(
                    _(
                        "De persoonlijke link staat in 'manage.py quickscan_invitations'. Het e-mailadres "
                        "wordt alleen voor deze ronde bewaard en gewist als de ronde sluit."
                    )
                )
            ),
            FieldPanel("round"),
            FieldPanel("municipality"),
            FieldPanel("email"),
            FieldPanel("revoked_at"),
        ]
    )

    def get_queryset(self, request):
        return Invitation.objects.select_related("round", "municipality")


class ResponseViewSet(SnippetViewSet):
    model = Response
    icon = "form"
    menu_label = _("Antwoorden")
    copy_view_enabled = False
    inspect_view_enabled = True
    list_display = [
        "__str__",
        Column("source", label=_("Bron")),
        DateColumn("submitted_at", label=_("Verstuurd")),
        DateColumn("updated_at", label=_("Laatst bewaard")),
    ]
    list_filter = ["round", "source"]

    def get_queryset(self, request):
        return Response.objects.select_related("round")


class QuickscanGroup(SnippetViewSetGroup):
    menu_label = _("Quickscan")
    menu_icon = "list-ul"
    menu_order = 260
    items = (RoundViewSet, InvitationViewSet, ResponseViewSet)


register_snippet(QuickscanGroup)


# Ministry screens (quickscan/admin_views.py): response dashboard and sending invitations by e-mail.
hooks.register("register_admin_urls", admin_views.admin_urls)
hooks.register("register_admin_menu_item", admin_views.dashboard_menu_item)
hooks.register("register_snippet_listing_buttons", admin_views.invitation_listing_buttons)
hooks.register("register_snippet_action_menu_item", admin_views.invitation_action_menu_item)


@hooks.register("before_serve_page")
def serve_round_picture(page, request, serve_args, serve_kwargs):
    """``/landelijk-beeld/?ronde=…``: the round's figures instead of the live profile overview."""
    from practices.models import OverviewPage

    if isinstance(page.specific, OverviewPage) and "ronde" in request.GET:
        from .round_views import serve_round

        return serve_round(request, page.specific)
    return None


@hooks.register("register_admin_urls")
def register_export_urls():
    """The ministry's CSV exports of a round (``quickscan/admin_urls.py``)."""
    from .admin_urls import urlpatterns

    return urlpatterns


@hooks.register("national_picture_rounds")
def rounds_with_figures():
    """The rounds the national picture links to: live rounds with responses, and the published ones."""
    from .round_views import other_rounds

    return other_rounds("")


@hooks.register("national_picture_reference")
def published_shares_beside_profiles(question_id, codes):
    """The latest published round's shares, shown beside the profile overview's figures."""
    from .round_views import latest_published_shares

    return latest_published_shares(question_id, codes)
