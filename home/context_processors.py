"""Site-wide navigation: the top-level live pages in menu order, kept per worker until a page
changes (``search.site_cache``) and evaluated only when a template shows it."""

from django.db.models import Subquery
from wagtail.models import Page, Site

from search import site_cache


def site_navigation(request):
    def items():
        site = Site.find_for_request(request)
        if site is None:
            return []
        return site_cache.cached(("navigation", site.pk), lambda: menu_pages(site))

    return {"site_navigation": _Lazy(items)}


def menu_pages(site) -> list[Page]:
    # Title and URL are all the menu shows: plain Page rows, no query per page type; the root
    # page's place in the tree is a subquery (one query, not two).
    root = Page.objects.filter(pk=site.root_page_id)
    children = (
        Page.objects.live()
        .in_menu()
        .filter(
            path__startswith=Subquery(root.values("path")),
            depth=Subquery(root.values("depth")) + 1,
        )
    )
    return list(children.order_by("path"))


class _Lazy:
    """Evaluated only when a template iterates it (admin pages never do)."""

    def __init__(self, factory):
        self._factory = factory
        self._value = None

    def __iter__(self):
        if self._value is None:
            self._value = self._factory()
        return iter(self._value)

    def __bool__(self):
        return bool(list(iter(self)))
