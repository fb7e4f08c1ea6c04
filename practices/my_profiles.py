""" "Mijn profielen": the coordinator's dashboard panel, and its one-click review.

One row per profile in the regions the user coordinates (``regions.roles.coordinated_regions``):
stage, review date and staleness (``practices.freshness``), whether a change waits for approval,
completeness of the latest version (``practices.completeness``) and the button "Gecontroleerd,
nog actueel" (``practices.review``). The ministry sees every region elsewhere (the moderation
panel, the report "Verouderde profielen"), so the panel is for coordinators only.
"""

from __future__ import annotations

import operator
from dataclasses import dataclass
from functools import reduce

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from wagtail.admin.ui.components import Component
from wagtail.models import Page, WorkflowState

from regions.roles import coordinated_regions

from . import freshness, review, taxonomy
from .completeness import Completeness, completeness
from .models import ApproachPage


@dataclass(frozen=True)
class ProfileRow:
    page: ApproachPage
    stage: str
    reviewed: object  # date or None
    stale: bool
    in_moderation: bool
    has_draft: bool
    completeness: Completeness
    can_review: bool


def profile_rows(user, regions) -> list[ProfileRow]:
    if not regions:
        return []
    in_regions = reduce(operator.or_, (Q(path__startswith=region.path) for region in regions))
    pages = list(ApproachPage.objects.filter(in_regions).select_related("latest_revision").order_by("title"))
    content_type = ContentType.objects.get_for_model(Page)
    moderated = set(
        WorkflowState.objects.active()
        .filter(base_content_type=content_type, object_id__in=[str(page.pk) for page in pages])
        .values_list("object_id", flat=True)
    )
    rows = []
    for page in pages:
        latest = page.latest_revision.as_object() if page.latest_revision_id else page
        reviewed = page.review_date
        rows.append(
            ProfileRow(
                page=page,
                stage=taxonomy.label("stage", latest.stage) if latest.stage else "",
                reviewed=reviewed,
                stale=freshness.is_stale(reviewed),
                in_moderation=str(page.pk) in moderated,
                has_draft=page.has_unpublished_changes,
                completeness=completeness(latest),
                can_review=str(page.pk) not in moderated and not review.refusal(page, user),
            )
        )
    return rows


class MyProfilesPanel(Component):
    name = "my_profiles"
    template_name = "practices/admin/my_profiles_panel.html"
    order = 90  # above Wagtail's own panels

    class Media:
        css = {"all": ["css/profile-form.css"]}

    def __init__(self, regions):
        self.regions = regions

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        request = parent_context["request"]
        context.update(
            request=request,
            csrf_token=parent_context.get("csrf_token"),
            regions=self.regions,
            rows=profile_rows(request.user, self.regions),
            stale_after_months=round(freshness.STALE_AFTER.days / 30.4),
        )
        return context


def homepage_panel(request) -> MyProfilesPanel | None:
    regions = list(coordinated_regions(request.user))
    return MyProfilesPanel(regions) if regions else None


MESSAGES = {
    review.PUBLISHED: _(
        "Vastgelegd: ‘%(title)s’ is gecontroleerd en nog actueel; de nieuwe datum staat online."
    ),
    review.SUBMITTED: _(
        "Vastgelegd: ‘%(title)s’ is gecontroleerd; de nieuwe datum is ter goedkeuring ingediend."
    ),
    review.IN_DRAFT: _(
        "Vastgelegd in het concept van ‘%(title)s’; de datum gaat online met de wijzigingen "
        "die nog klaarstaan."
    ),
}


@require_POST
def review_profile(request, page_id: int):
    page = get_object_or_404(ApproachPage, pk=page_id)
    try:
        outcome = review.record_review(page, request.user)
    except review.ReviewRefused as refused:
        context = {
            "reason": str(refused),
            "page_title": _("Controle niet vastgelegd"),
            "header_title": page.title,
        }
        return TemplateResponse(request, "practices/admin/review_refused.html", context, status=403)
    messages.success(request, str(MESSAGES[outcome]) % {"title": page.title})
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = reverse("wagtailadmin_home")
    return redirect(target)
