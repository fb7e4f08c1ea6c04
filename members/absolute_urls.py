"""Absolute URLs for e-mails (no request at hand in the digest command)."""

from __future__ import annotations

from django.conf import settings
from wagtail.models import Site


def site_root_url() -> str:
    site = Site.objects.filter(is_default_site=True).first()
    root = site.root_url if site else settings.WAGTAILADMIN_BASE_URL
    return root.rstrip("/")


def absolute(path: str) -> str:
    return f"{site_root_url()}{path}"
