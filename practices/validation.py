"""Rules a profile must satisfy whichever way it is saved (admin form, survey import)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


def municipalities_outside_region(region_page, municipalities) -> list:
    """Municipalities that do not belong to the region's youth-care region.

    A region page without a youth-care region is a cooperation across regions: any
    municipality is allowed there."""
    region = getattr(region_page, "youth_care_region", None)
    if region is None:
        return []
    return [m for m in municipalities if m.youth_care_region_id != region.pk]


def validate_municipalities(region_page, municipalities) -> None:
    outside = municipalities_outside_region(region_page, municipalities)
    if outside:
        names = ", ".join(sorted(m.name for m in outside))
        raise ValidationError(
            _("%(names)s hoort niet bij jeugdregio %(region)s. Kies alleen gemeenten uit deze regio.")
            % {"names": names, "region": region_page.youth_care_region.name},
            code="municipality_outside_region",
        )
