"""Wagtail API v2 endpoint ``/api/v2/sessions/``: published exchange sessions, public fields only
(``ExchangeSessionPage.api_fields``: never the online link, never registrations)."""

from __future__ import annotations

from wagtail.api.v2.views import PagesAPIViewSet

from sitelinks.api import SiteLinkedPageSerializer

from .models import ExchangeSessionPage


class SessionsAPIViewSet(PagesAPIViewSet):
    name = "sessions"
    model = ExchangeSessionPage
    base_serializer_class = SiteLinkedPageSerializer
    listing_default_fields = [
        *PagesAPIViewSet.listing_default_fields,
        "start",
        "end",
        "format",
        "recommended_by_ministry",
    ]

    def get_queryset(self):
        # Always sessions, whatever ?type= says; only public, live pages (base queryset).
        public_ids = self.get_base_queryset().values_list("pk", flat=True)
        return ExchangeSessionPage.objects.filter(pk__in=public_ids).order_by("start", "pk")
