"""The one rule for "may an anonymous visitor see this page", as a queryset and for one page.

* ``published()``: live and public, i.e. no view restriction (password, login or group) on the
  page or an ancestor. Everything shown to the public or to every logged-in account (search,
  open data, figures, featured approaches, comparable approaches, follows, digests, the sitemap)
  starts from this.
* ``real()``: not generated test data (``is_fictional``). Used where a fictional profile would
  mislead people (home page cards, invitees, digests); the load-test data stays searchable and in
  the figures so benchmarks measure the real code paths.

``is_published(page)`` is the same rule for a single page of any type; ``published_among(pages)``
filters a list of pages with one query. ``public()`` itself: sitelinks/public_pages.py.
"""

from __future__ import annotations

from collections.abc import Iterable

from wagtail.models import Page, PageManager

from sitelinks.public_pages import PublicPageQuerySet, restricted_q


class ApproachPageQuerySet(PublicPageQuerySet):
    def published(self):
        return self.live().public()

    def real(self):
        return self.filter(is_fictional=False)


ApproachPageManager = PageManager.from_queryset(ApproachPageQuerySet)


def is_published(page: Page) -> bool:
    return bool(page.live) and not page.get_view_restrictions().exists()


def published_among(pages: Iterable[Page]) -> list[Page]:
    """The pages (in their order) an anonymous visitor may see; one query whatever the number."""
    pages = list(pages)
    if not pages:
        return []
    visible = set(
        Page.objects.live()
        .exclude(restricted_q())
        .filter(pk__in=[page.pk for page in pages])
        .values_list("pk", flat=True)
    )
    return [page for page in pages if page.pk in visible]
