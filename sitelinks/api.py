"""Wagtail API v2 pages with ``html_url`` (and the parent's) built by the one link helper, so it
agrees with ``detail_url`` (``WAGTAILAPI_BASE_URL``) instead of following the Site record alone."""

from __future__ import annotations

from wagtail.api.v2 import serializers

from .absolute_urls import page_url


class SiteHtmlUrlField(serializers.PageHtmlUrlField):
    def to_representation(self, page):
        return page_url(page) or None


class SiteParentField(serializers.PageParentField):
    def to_representation(self, value):
        serializer_class = serializers.get_serializer_class(
            value.__class__,
            ["id", "type", "detail_url", "html_url", "title"],
            meta_fields=["type", "detail_url", "html_url"],
            base=SiteLinkedPageSerializer,
        )
        return serializer_class(context=self.context).to_representation(value)


class SiteLinkedPageSerializer(serializers.PageSerializer):
    """``base_serializer_class`` of every page endpoint."""

    html_url = SiteHtmlUrlField(read_only=True)
    parent = SiteParentField(read_only=True)
