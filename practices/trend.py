"""The national picture at an earlier date, rebuilt from Wagtail's page history.

For a date D, a profile counts when its last ``wagtail.publish`` / ``wagtail.unpublish`` log entry
up to the end of D is a publish; its content is the revision that publish made live. Revisions are
turned back into page objects without touching the database per profile
(``from_serializable_data``), so the query count does not grow with the number of profiles.

Limits (documented): deleted pages lose their revisions, so they drop out of the past too; the
region is the page's current parent (pages are not moved between regions in practice); view
restrictions are taken as they are now.
"""

from __future__ import annotations

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import PageLogEntry, Revision

from .figures import Overview, ProfileFacts, ReferenceLookup, build_overview, facts_for

PUBLISH = "wagtail.publish"
UNPUBLISH = "wagtail.unpublish"


def end_of_day(day: datetime.date) -> datetime.datetime:
    zone = ZoneInfo(settings.TIME_ZONE)
    return datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min, tzinfo=zone)


def live_revision_ids_at(moment: datetime.datetime) -> dict[int, int]:
    """page id -> id of the revision that was live at ``moment`` (pages live at that moment only)."""
    from .models import ApproachPage

    content_type = ContentType.objects.get_for_model(ApproachPage)
    entries = (
        PageLogEntry.objects.filter(
            content_type=content_type, action__in=[PUBLISH, UNPUBLISH], timestamp__lt=moment
        )
        .order_by("page_id", "timestamp", "pk")
        .values_list("page_id", "action", "revision_id")
    )
    state: dict[int, int | None] = {}
    for page_id, action, revision_id in entries:
        state[page_id] = revision_id if action == PUBLISH else None
    return {page_id: revision_id for page_id, revision_id in state.items() if revision_id}


def facts_at(day: datetime.date) -> list[ProfileFacts]:
    from .models import ApproachPage

    live = live_revision_ids_at(end_of_day(day))
    if not live:
        return []
    # Pages that still exist and are public now (view restrictions as they are today).
    paths = dict(ApproachPage.objects.filter(pk__in=live.keys()).public().values_list("pk", "path"))
    revisions = Revision.objects.filter(pk__in=[live[pk] for pk in paths]).only("pk", "object_id", "content")
    lookup = ReferenceLookup()
    facts = []
    for revision in revisions:
        content = revision.content
        page = ApproachPage.from_serializable_data(content, check_fks=False, strict_fks=False)
        page_id = int(revision.object_id)
        if page is None or page_id not in paths:
            continue
        partner_types = [child.get("partner_type", "") for child in content.get("partners", [])]
        facts.append(
            facts_for(
                page,
                path=paths[page_id],
                municipality_ids=[int(pk) for pk in content.get("municipalities", []) or []],
                partner_types=partner_types,
                lookup=lookup,
            )
        )
    facts.sort(key=lambda item: paths[item.page_id])
    return facts


def overview_at(day: datetime.date) -> Overview:
    if day >= timezone.localdate():
        from .figures import overview_now

        return overview_now(day)
    return build_overview(facts_at(day), day)
