"""Rules a profile must satisfy whichever way it is saved (admin form, survey import), and the
single-line rule for names typed into the public forms."""

from __future__ import annotations

import re

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


LINE_BREAKS = re.compile(r"[\r\n\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def validate_single_line(value: str) -> None:
    """Names and organisations end up in mail bodies and headers: one line only."""
    if value and LINE_BREAKS.search(value):
        raise ValidationError(_("Gebruik één regel, zonder regeleinden."), code="multiline")
