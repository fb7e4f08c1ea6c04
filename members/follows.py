"""Following region pages and approach pages."""

from __future__ import annotations

from wagtail.models import Page

from practices.models import ApproachPage, is_published
from regions.models import RegionPage

from .models import Follow

FOLLOWABLE = (RegionPage, ApproachPage)


def is_followable(page: Page) -> bool:
    return issubclass(page.specific_class or Page, FOLLOWABLE) and is_published(page)


def is_following(user, page: Page) -> bool:
    return bool(user.is_authenticated and Follow.objects.filter(member=user, page_id=page.pk).exists())


def follow(user, page: Page) -> Follow:
    return Follow.objects.get_or_create(member=user, page_id=page.pk)[0]


def unfollow(user, page_id: int) -> bool:
    deleted, _ = Follow.objects.filter(member=user, page_id=page_id).delete()
    return bool(deleted)


def follow_reasons(user) -> dict[int, str]:
    """Live approach page id -> why it is followed (the followed region's or profile's title)."""
    reasons: dict[int, str] = {}
    for item in Follow.objects.filter(member=user).select_related("page").order_by("created_at"):
        page = item.page
        if page.specific_class is RegionPage:
            approaches = ApproachPage.objects.published().descendant_of(page)
            for approach_id in approaches.values_list("pk", flat=True):
                reasons.setdefault(approach_id, page.title)
        elif page.specific_class is ApproachPage and is_published(page):
            reasons[page.pk] = page.title
    return reasons
