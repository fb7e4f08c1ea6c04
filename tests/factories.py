"""Builders for test data; every helper creates published pages through Wagtail's own API."""

from __future__ import annotations

import itertools

from practices.models import ApproachPage, ApproachPartner
from regions.models import Municipality, RegionPage

_counter = itertools.count(1)


def region_page(code: str = "JZ24") -> RegionPage:
    return RegionPage.objects.get(youth_care_region__code=code)


def make_approach(
    region: str | RegionPage = "JZ24", *, publish: bool = True, municipalities=(), partners=(), **fields
) -> ApproachPage:
    parent = region if isinstance(region, RegionPage) else region_page(region)
    n = next(_counter)
    fields.setdefault("title", f"Testaanpak {n}")
    fields.setdefault("slug", f"testaanpak-{n}")
    page = ApproachPage(**fields)
    page.municipalities = list(Municipality.objects.filter(code__in=municipalities))
    page.partners = [ApproachPartner(**spec) for spec in partners]
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
        page.refresh_from_db()
    return page
