"""Routing a request below the home page in two queries, whatever the depth: the pages on the
path by their ``url_path`` (one query), then the last one's specific row (one query). Wagtail's
``Page.route`` asks for each level's child and its specific page (two queries per level).

The pages on the way are kept on the page served (``routed_ancestors``: the home page first), so
the breadcrumbs and the parent link need no query of their own (``ancestors_for_display``)."""

from __future__ import annotations

from wagtail.contrib.routable_page.models import RoutablePageMixin
from wagtail.models import Page


def route_by_url_path(root: Page, request, path_components: list[str]):
    """Wagtail's ``RouteResult`` for ``path_components`` below ``root``, or None to leave the
    request to Wagtail's own route (no such page, or a page on the way routes sub-paths itself)."""
    if not path_components:
        return None
    depths = range(1, len(path_components) + 1)
    prefixes = [root.url_path + "/".join(path_components[:n]) + "/" for n in depths]
    found = {
        page.url_path: page
        # slug first: it is indexed (url_path is not), so SQLite does not scan every page
        for page in Page.objects.filter(
            slug__in=path_components, url_path__in=prefixes, path__startswith=root.path
        ).only("id", "path", "depth", "url_path", "content_type_id", "title", "live")
    }
    if len(found) != len(prefixes):
        return None
    on_the_way = [found[prefix] for prefix in prefixes[:-1]]
    if any(issubclass(page.specific_class or Page, RoutablePageMixin) for page in on_the_way):
        return None
    page = found[prefixes[-1]].specific
    # The pages above it, for the breadcrumbs and the parent link (``routed_ancestors``).
    page.routed_ancestors = [root, *on_the_way]
    # The page itself decides how an empty remainder is served (live check, its own sub-routes).
    return page.route(request, [])


def ancestors_for_display(page) -> list:
    """The pages above ``page`` from the home page down (not the tree's root): those routing
    found on the way, else from the tree (a page rendered outside routing, a preview)."""
    routed = getattr(page, "routed_ancestors", None)
    if routed is not None:
        return list(routed)
    return list(page.get_ancestors().filter(depth__gt=1))
