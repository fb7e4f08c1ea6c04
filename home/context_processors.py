"""Site-wide navigation: the top-level live pages in menu order, cached per request."""

from wagtail.models import Site


def site_navigation(request):
    def items():
        site = Site.find_for_request(request)
        if site is None:
            return []
        # Title and URL are all the menu shows: plain Page rows, no query per page type.
        return list(site.root_page.get_children().live().in_menu().order_by("path"))

    return {"site_navigation": _Lazy(items)}


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
