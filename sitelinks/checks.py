"""Warn when the default Wagtail Site and ``WAGTAILADMIN_BASE_URL`` disagree: Wagtail's own
``page.full_url`` (canonical links) would then point somewhere else than mails and the API."""

from __future__ import annotations

from django.core.checks import Tags, Warning, register
from django.db import DatabaseError

from .absolute_urls import configured_base_url, site_matches_base


@register(Tags.urls, deploy=True)
def default_site_matches_base_url(app_configs=None, **kwargs):
    from wagtail.models import Site

    base_url = configured_base_url()
    if not base_url:
        return []
    try:
        site = Site.objects.filter(is_default_site=True).first()
    except DatabaseError:  # not migrated yet
        return []
    if site is None or site_matches_base(site, base_url):
        return []
    return [
        Warning(
            f"The default Site is {site.root_url}, WAGTAILADMIN_BASE_URL is {base_url}.",
            hint="Set the Site's hostname and port (Admin → Settings → Sites) or the setting, "
            "so page links, mails and the API point at the same address.",
            id="sitelinks.W001",
        )
    ]
