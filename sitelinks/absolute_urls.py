"""The one definition of where absolute links point: every link the site makes outside a page it
serves (e-mails, API v2 ``detail_url``/``html_url``, open data, ``.ics`` ``URL``, quickscan
invitations, digests) is built here.

The base is ``WAGTAILADMIN_BASE_URL`` (development: ``python3 dev.py serve`` derives it from
``PORT``; production: the site's public address). When that setting is empty the default Wagtail
Site record's root URL is used. The Site record is kept in step with the base by
``sync_default_site`` (run by the page-tree builder and the demo loader), so Wagtail's own
``page.full_url`` agrees; the ``sitelinks.W001`` check warns when they drift apart.
"""

from __future__ import annotations

import time
from urllib.parse import urlsplit

from django.conf import settings
from wagtail.models import Site

DEFAULT_PORTS = {"http": 80, "https": 443}


def configured_base_url() -> str:
    return (getattr(settings, "WAGTAILADMIN_BASE_URL", "") or "").rstrip("/")


# The default Site's root URL when no base is configured, kept a few seconds: an API page or an
# open-data export builds a link per row, and each asked the Site table again (20 queries per
# API page). Saving or deleting a Site forgets it in this process at once (``forget_default_site``).
DEFAULT_SITE_SECONDS = 5.0
_default_site: dict = {"until": 0.0, "url": ""}


def site_root_url() -> str:
    """Scheme, host and port (no trailing slash) that absolute links start with."""
    base = configured_base_url()
    if base:
        return base
    if _default_site["until"] > time.monotonic():
        return _default_site["url"]
    site = Site.objects.filter(is_default_site=True).first()
    url = site.root_url.rstrip("/") if site else ""
    _default_site.update(until=time.monotonic() + DEFAULT_SITE_SECONDS, url=url)
    return url


def forget_default_site(**kwargs) -> None:
    _default_site.update(until=0.0, url="")


def absolute(path: str) -> str:
    """An absolute URL for a site path ("/bijeenkomsten/…"); a full URL is returned as it is."""
    if path.startswith(("http://", "https://")):
        return path
    return f"{site_root_url()}{path}"


def page_url(page) -> str:
    """A page's absolute URL on the base, or "" for a page outside any site."""
    parts = page.get_url_parts()
    if not parts or parts[2] is None:
        return ""
    return absolute(parts[2])


def site_address(base_url: str) -> tuple[str, int]:
    """(hostname, port) of a base URL as a Wagtail Site record holds them."""
    parsed = urlsplit(base_url)
    port = parsed.port or DEFAULT_PORTS.get(parsed.scheme, 80)
    return parsed.hostname or "localhost", port


def site_matches_base(site: Site, base_url: str | None = None) -> bool:
    base_url = configured_base_url() if base_url is None else base_url
    return not base_url or site.root_url.rstrip("/") == base_url


def sync_default_site(site: Site | None = None) -> bool:
    """Give the default Site the hostname and port of the base URL; True when it changed.

    Wagtail writes "https://" into ``root_url`` only for port 443, so a base URL on another
    scheme/port combination (https on 8443) cannot be represented: it is left as it is."""
    base_url = configured_base_url()
    site = site or Site.objects.filter(is_default_site=True).first()
    if not base_url or site is None or site_matches_base(site, base_url):
        return False
    hostname, port = site_address(base_url)
    site.hostname, site.port = hostname, port
    if not site_matches_base(site, base_url):
        site.refresh_from_db()
        return False
    site.save(update_fields=["hostname", "port"])
    return True
