"""Where an intervention is offered: the municipalities of the published profiles that use it,
drawn with the shared shape map (``practices.charts.draw_shape_map``: SVG written directly,
cached by its data). The page lists the same municipalities and regions in text beside it."""

from __future__ import annotations

from django.utils.translation import gettext as _

from practices import charts

NAMED_COLOUR = "#08306b"
REGION_COLOUR = "#7ab2d9"
OTHER_COLOUR = "#eeeeee"


def offered_map_svg(named: set[str], in_region: set[str], *, id_prefix: str, labelledby: str) -> str:
    """``named``: CBS codes of municipalities a profile names; ``in_region``: the other
    municipalities of regions whose profile names none (the profile speaks for the region)."""
    from regions.reference import municipality_shapes

    legend = [
        (NAMED_COLOUR, _("Gemeente genoemd in een profiel")),
        (REGION_COLOUR, _("In een regio met een regionaal profiel")),
        (OTHER_COLOUR, _("Niet bekend uit de profielen")),
    ]
    data = [sorted(named), sorted(in_region - named)]

    def colour(code: str) -> str:
        if code in named:
            return NAMED_COLOUR
        return REGION_COLOUR if code in in_region else OTHER_COLOUR

    def draw():
        return charts.draw_shape_map(municipality_shapes(), colour, legend, _("Waar de interventie loopt"))

    return charts.cached_svg("intervention-offered", data, draw, id_prefix=id_prefix, labelledby=labelledby)
