"""Freshness: which published profiles are stale, and who should be reminded about them.

A profile is stale when its review date (``last_reviewed``, else its last publication) is more than
twelve months ago, the same rule as ``ApproachPage.is_stale``. Coordinators are the members of the
group "Coördinator <regio>" of the region page the profile sits under (see regions.roles).
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from regions.models import RegionPage
from regions.roles import coordinator_group_name
from sitelinks.absolute_urls import absolute

from . import freshness
from .models import ApproachPage


def stale_profiles(today: datetime.date | None = None):
    return freshness.stale(ApproachPage.objects.live(), today).order_by("path")


def admin_edit_url(page) -> str:
    return absolute(reverse("wagtailadmin_pages:edit", args=[page.pk]))


def reminders(today: datetime.date | None = None) -> dict:
    """{user: [stale pages in the regions they coordinate]} for active users with an e-mail address."""
    pages = list(stale_profiles(today))
    if not pages:
        return {}
    regions = {page.path[: -ApproachPage.steplen]: None for page in pages}
    for region in RegionPage.objects.filter(path__in=regions):
        regions[region.path] = region
    group_names = {coordinator_group_name(r): r.path for r in regions.values() if r is not None}
    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__name__in=group_names)
        .exclude(email="")
        .prefetch_related("groups")
        .distinct()
    )
    pages_by_region = defaultdict(list)
    for page in pages:
        pages_by_region[page.path[: -ApproachPage.steplen]].append(page)
    result = {}
    for user in users:
        mine = []
        for group in user.groups.all():
            if group.name in group_names:
                mine.extend(pages_by_region[group_names[group.name]])
        if mine:
            result[user] = sorted(mine, key=lambda page: page.title)
    return result


def send_reminders(today: datetime.date | None = None, dry_run: bool = False) -> list[tuple[str, int]]:
    sent = []
    for user, pages in reminders(today).items():
        items = [
            {"page": page, "edit_url": admin_edit_url(page), "review_date": page.review_date}
            for page in pages
        ]
        context = {"user": user, "items": items, "count": len(items)}
        subject = f"Kennisnetwerk Scheiden: {len(items)} profiel(en) toe aan controle"
        body = render_to_string("practices/email/stale_reminder.txt", context)
        if not dry_run:
            send_mail(subject, body, None, [user.email])
        sent.append((user.email, len(items)))
    return sent
