"""Maps of a round's response, drawn server-side with the overview's chart mechanism
(``practices.charts``: SVG written directly, inlined under the CSP, cached by data).

* ``municipality_map_svg`` (ministry dashboard only): every municipality coloured by its status.
  It shows which municipalities answered, so it never appears on a public page.
* ``stage_map_svg`` (public round page): municipalities coloured by their Q4 answer, only for
  responses whose respondent agreed to show it (``Response.show_on_map``); every other
  municipality, answered or not, looks the same, so the map names no one's answer without consent.
* ``province_map_svg`` (public summary): provinces shaded by the share of their municipalities
  covered by a complete response; provinces whose count is hidden (small cells) stay grey.

Each map has a table with the same numbers next to it on the page (the accessible equivalent).
"""

from __future__ import annotations

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


def municipality_map_svg(statuses: dict[str, str], *, id_prefix: str, labelledby: str) -> str:
    from regions.reference import municipality_shapes

    labels = status_labels()
    legend = [(STATUS_COLOURS[status], labels[status]) for status in (COMPLETE, STARTED, NOT_STARTED)]
    legend.append((NOT_INVITED_COLOUR, _("Niet uitgenodigd")))
    data = sorted(statuses.items())

    def draw():
        return charts.draw_shape_map(
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
        return charts.draw_shape_map(
            province_shapes(),
            lambda code: band_colour(coverage.get(code)),
            legend,
            _("Gemeenten met een volledige reactie"),
        )

    return charts.cached_svg("quickscan-provinces", data, draw, id_prefix=id_prefix, labelledby=labelledby)


def stage_map_svg(stage_by_municipality: dict[str, str], *, id_prefix: str, labelledby: str) -> str:
    """``stage_by_municipality``: CBS code -> Q4 code, for municipalities whose response may be shown."""
    from regions.reference import municipality_shapes, region_shapes

    data = sorted(stage_by_municipality.items())

    def draw():
        return charts.draw_shape_map(
            municipality_shapes(),
            lambda code: charts.stage_colour(stage_by_municipality.get(code, "")),
            charts.stage_legend(
                set(stage_by_municipality.values()),
                _("Geen openbaar antwoord: niet gereageerd of geen toestemming"),
            ),
            _("Fase volgens de quickscan (vraag 4)"),
            outlines=region_shapes(),
        )

    return charts.cached_svg("quickscan-stages", data, draw, id_prefix=id_prefix, labelledby=labelledby)
