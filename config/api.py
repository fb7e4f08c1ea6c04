"""Wagtail API v2 router: the typed page endpoints and generic pages; app endpoints register here.

Wagtail's images and documents endpoints are not registered: they list every upload, including
files used only on drafts and restricted pages, and no public page or client needs them (files
are linked from the pages themselves and served by ``/documents/`` with Wagtail's privacy checks).
"""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from events.api import SessionsAPIViewSet
from practices.api import ApproachesAPIViewSet, RegionsAPIViewSet, StrictListingMixin
from sitelinks.api import SiteLinkedPageSerializer


class StrictSessionsAPIViewSet(StrictListingMixin, SessionsAPIViewSet):
    """Sessions with the same 400-not-500 guards as the other typed endpoints."""


class StrictPagesAPIViewSet(StrictListingMixin, PagesAPIViewSet):
    """Generic pages with the same guards (huge offsets, unknown search operators)."""

    base_serializer_class = SiteLinkedPageSerializer


api_router = WagtailAPIRouter("wagtailapi")
# Typed endpoints first: the router links a page's detail_url to the first endpoint of its model.
api_router.register_endpoint("approaches", ApproachesAPIViewSet)
api_router.register_endpoint("regions", RegionsAPIViewSet)
api_router.register_endpoint("sessions", StrictSessionsAPIViewSet)
api_router.register_endpoint("pages", StrictPagesAPIViewSet)
