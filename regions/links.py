"""Links to the public region pages, by youth-care region code (for maps and their tables)."""

from __future__ import annotations

from sitelinks.public_pages import restricted_q

from .models import RegionPage


def region_page_urls(request=None) -> dict[str, str]:
    return {
        region.youth_care_region.code: region.get_url(request)
        for region in RegionPage.objects.live().public().select_related("youth_care_region")
        if region.youth_care_region_id
    }


def place_search_url(request=None) -> str | None:
    """The profile search page (``?q=<place>`` finds a municipality's own profile first, then
    those of its region). Looked up by content type, as regions sits below the search app."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    try:
        kind = ContentType.objects.get_by_natural_key("search", "practicesearchpage")
    except ContentType.DoesNotExist:
        return None
    page = Page.objects.live().exclude(restricted_q()).filter(content_type=kind).first()
    return page.get_url(request) if page else None
