"""Maps of a round's response, drawn server-side with the overview's chart mechanism
(``practices.charts``: matplotlib to SVG, rewritten to inline under the CSP, cached by data).

* ``municipality_map_svg`` (ministry dashboard only): every municipality coloured by its status.
  It shows which municipalities answered, so it never appears on a public page.
* ``province_map_svg`` (public summary): provinces shaded by the share of their municipalities
  covered by a complete response; provinces whose count is hidden (small cells) stay grey.

Each map has a table with the same numbers next to it on the page (the accessible equivalent).
"""

from __future__ import annotations

import textwrap

from django.utils.translation import gettext as _

from practices import charts

from .dashboard import COMPLETE, NOT_STARTED, STARTED

STATUS_COLOURS = {COMPLETE: "#08306b", STARTED: "#3d85c0", NOT_STARTED: "#c6dbef"}
NOT_INVITED_COLOUR = "#eeeeee"
HIDDEN_COLOUR = "#d9d9d9"
BANDS = ((80, "#08306b"), (60, "#1c5a9c"), (40, "#3d85c0"), (20, "#7ab2d9"), (0, "#c6dbef"))


def status_labels() -> dict[str, str]:
    return {
        COMPLETE: _("Volledig ingevuld"),
        STARTED: _("Begonnen, nog niet af"),
        NOT_STARTED: _("Uitgenodigd, nog niet begonnen"),
    }


def _polygons(feature) -> list:
    geometry = feature["geometry"]
    parts = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [polygon[0] for polygon in parts]  # outer rings; generalised shapes


def _draw(shapes: dict, colour_of, legend: list[tuple[str, str]], title: str) -> str:
    from matplotlib.collections import PolyCollection
    from matplotlib.patches import Patch

    polygons, colours = [], []
    for feature in shapes["features"]:
        colour = colour_of(feature["properties"]["statcode"])
        for ring in _polygons(feature):
            polygons.append(ring)
            colours.append(colour)
    figure = charts._figure(9, 8)
    axes = figure.add_subplot()
    axes.add_collection(PolyCollection(polygons, facecolors=colours, edgecolors="#ffffff", linewidths=0.4))
    axes.autoscale_view()
    axes.set_aspect(1 / 0.616)  # cos(52°), as the overview's map
    axes.set_axis_off()
    handles = [
        Patch(facecolor=colour, edgecolor="#4a4a4a", label=textwrap.fill(label, 36))
        for colour, label in legend
    ]
    axes.legend(
        handles=handles,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0),
        fontsize=10,
        frameon=False,
        title=title,
        title_fontsize=11,
    )
    return charts._render(figure)


def municipality_map_svg(statuses: dict[str, str], *, id_prefix: str, labelledby: str) -> str:
    from regions.reference import municipality_shapes

    labels = status_labels()
    legend = [(STATUS_COLOURS[status], labels[status]) for status in (COMPLETE, STARTED, NOT_STARTED)]
    legend.append((NOT_INVITED_COLOUR, _("Niet uitgenodigd")))
    data = sorted(statuses.items())

    def draw():
        return _draw(
            municipality_shapes(),
            lambda code: STATUS_COLOURS.get(statuses.get(code, ""), NOT_INVITED_COLOUR),
            legend,
            _("Status per gemeente"),
        )

    return charts.cached_svg(
        "quickscan-municipalities", data, draw, id_prefix=id_prefix, labelledby=labelledby
    )


def band_colour(percentage: float | None) -> str:
    if percentage is None:
        return HIDDEN_COLOUR
    return next(colour for floor, colour in BANDS if percentage >= floor)


def province_map_svg(coverage: dict[str, float | None], *, id_prefix: str, labelledby: str) -> str:
    """``coverage``: province CBS code -> percentage covered, or None when hidden."""
    from regions.reference import province_shapes

    legend = [(colour, f"{floor}–{floor + 20} %" if floor < 80 else "80–100 %") for floor, colour in BANDS]
    legend.append((HIDDEN_COLOUR, _("Niet getoond (minder dan 5)")))
    data = sorted(coverage.items())

    def draw():
        return _draw(
            province_shapes(),
            lambda code: band_colour(coverage.get(code)),
            legend,
            _("Gemeenten met een volledige reactie"),
        )

    return charts.cached_svg("quickscan-provinces", data, draw, id_prefix=id_prefix, labelledby=labelledby)
