"""Which pages an anonymous visitor may reach: Wagtail's ``public()`` rule (no view restriction
on the page or an ancestor), read in a way that costs the same at any number of pages.

Wagtail's ``PageQuerySet.private_q`` reads every restriction joined to its page; SQLite plans
that join as a scan of the page table (about 2.5 ms per call at 10,000 profiles, several calls
per page view). Reading the restricted pages by primary key does not grow with the tree. Page
models shown to the public use ``PublicPageManager``; a plain ``Page`` queryset excludes
``restricted_q()`` itself. Lives in the lowest layer because regions, practices and events all
list public pages."""

from __future__ import annotations

from django.db.models import Q
from wagtail.models import Page, PageManager, PageViewRestriction
from wagtail.query import PageQuerySet


def restricted_q() -> Q:
    """Pages in a restricted section: a page with a view restriction and its descendants."""
    q = Q()
    restricted = Page.objects.filter(pk__in=PageViewRestriction.objects.values("page_id"))
    for path, depth in restricted.values_list("path", "depth"):
        q |= Q(path__startswith=path, depth__gte=depth)
    return q if q else Q(pk__in=[])  # no restricted section: matches nothing


class PublicPageQuerySet(PageQuerySet):
    def private_q(self):
        return restricted_q()


PublicPageManager = PageManager.from_queryset(PublicPageQuerySet)
