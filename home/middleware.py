"""One read of the version row per page request, and the site for the host name from the worker's
cache (``search.site_cache``) instead of two queries (the site, then its home page) every time."""

from __future__ import annotations

import contextlib
import copy
import logging

from django.db import DatabaseError
from django.http.request import split_domain_port
from wagtail.models import Site

from search import site_cache
from search.models import IndexVersion

logger = logging.getLogger(__name__)

SAFE_METHODS = frozenset({"GET", "HEAD"})


def _site_with_home_page(hostname: str, port: int, request):
    site = Site._find_for_request(request)
    if site is not None:
        site.root_page = site.root_page.specific  # routing starts there (Page.route_for_request)
    return site


def site_for(request):
    """Wagtail's site for this request (``Site.find_for_request``), its home page already
    specific; a copy, so whatever a request sets on it stays in that request."""
    hostname = split_domain_port(request._get_raw_host())[0]
    port = request.get_port()
    site = site_cache.cached(("site", hostname, port), lambda: _site_with_home_page(hostname, port, request))
    if site is None:
        return None
    own = copy.copy(site)  # Model.__getstate__ copies the related-object cache too
    own.root_page = copy.copy(site.root_page)
    return own


class SiteCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in SAFE_METHODS:
            return self.get_response(request)
        with contextlib.ExitStack() as stack:
            try:
                stack.enter_context(IndexVersion.for_this_request())
                request._wagtail_site = site_for(request)  # what Site.find_for_request looks for
            except DatabaseError:
                # no tables yet (before migrate) or the database is away: Wagtail's own lookup
                # answers, or fails as it would without this middleware
                logger.debug("site cache skipped", exc_info=True)
            return self.get_response(request)
