"""Wagtail API v2 router: pages, images, documents; app endpoints register here too."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from events.api import SessionsAPIViewSet
from practices.api import ApproachesAPIViewSet, RegionsAPIViewSet, StrictListingMixin


class StrictSessionsAPIViewSet(StrictListingMixin, SessionsAPIViewSet):
    """Sessions with the same 400-not-500 guard for huge offsets as the other typed endpoints."""


api_router = WagtailAPIRouter("wagtailapi")
# Typed endpoints first: the router links a page's detail_url to the first endpoint of its model.
api_router.register_endpoint("approaches", ApproachesAPIViewSet)
api_router.register_endpoint("regions", RegionsAPIViewSet)
api_router.register_endpoint("sessions", StrictSessionsAPIViewSet)
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", ImagesAPIViewSet)
api_router.register_endpoint("documents", DocumentsAPIViewSet)
