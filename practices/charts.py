"""Server-side charts for the overview, as inline SVG, no JavaScript needed.

Bar charts and maps are SVG elements written directly (``_draw_bars``, ``draw_shape_map``:
rectangles, paths and text, milliseconds). matplotlib drew them until it showed as 100-200 ms per
bar chart and 0.5-1 s per map on the first overview after a publish changed a figure (issue 19);
a chart is simple enough that its layout here is shorter than the glue around matplotlib was.
``make_inline`` keeps an SVG safe to inline under a strict Content-Security-Policy:
``style="..."`` declarations become SVG presentation attributes, ``<style>`` and metadata go,
and every referenced ``id`` gets a per-chart prefix (several charts share one HTML page).
Rendered SVG is cached by a fingerprint of the chart's data and language, so a page view that
finds the same numbers does not draw again.
"""

from __future__ import annotations

import hashlib
import json
import re
import textwrap
import xml.etree.ElementTree as ET  # noqa: S405 - parses our own SVG only

from django.core.cache import cache
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from . import taxonomy

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"
ET.register_namespace("", SVG_NS)
ET.register_namespace("xlink", XLINK_NS)

CACHE_PREFIX = "overview-chart:v3:"
CACHE_SECONDS = 24 * 60 * 60
BAR_COLOUR = "#154273"  # --brand in site.css, 10:1 against white
TEXT_COLOUR = "#1b1b1b"
# Most advanced stage first (taxonomy order), dark to light; grey for "no published profile".
STAGE_COLOURS = ["#08306b", "#1c5a9c", "#3d85c0", "#7ab2d9", "#c6dbef", "#f2e0b5", "#e3a86b", "#b35a1f"]
NO_DATA_COLOUR = "#d9d9d9"


def fingerprint(kind: str, data) -> str:
    raw = json.dumps([kind, get_language() or "nl", data], sort_keys=True, default=str)
    return hashlib.sha256(raw.encode()).hexdigest()[:20]


def cached_svg(kind: str, data, draw, *, id_prefix: str, labelledby: str) -> str:
    """The inline SVG, drawn and rewritten once per data and id prefix (rewriting alone took
    5 ms per chart, nine charts per overview request)."""
    key = CACHE_PREFIX + fingerprint(kind, [data, id_prefix, labelledby])
    svg = cache.get(key)
    if svg is None:
        svg = make_inline(draw(), id_prefix=id_prefix, labelledby=labelledby)
        cache.set(key, svg, CACHE_SECONDS)
    return svg


# --- bar chart -----------------------------------------------------------------------------------


def bar_chart_svg(figure_data, *, id_prefix: str, labelledby: str, unit: str = "") -> str:
    """Horizontal bars: percentage of the base per answer, with count labels. ``unit`` names the
    base on the axis (profiles by default; survey rounds count responses)."""
    rows = [(row.label, row.count, row.percent or 0.0) for row in figure_data.rows]
    xlabel = unit or _("Percentage van de profielen die de vraag beantwoordden")
    data = {"rows": rows, "answered": figure_data.answered, "unit": xlabel}
    return cached_svg(
        "bar", data, lambda: _draw_bars(rows, xlabel), id_prefix=id_prefix, labelledby=labelledby
    )


# Bar-chart geometry in SVG user units (px at the chart's natural size; the SVG scales to its box).
BAR_FONT = 11  # labels, as matplotlib's 11 pt at 72 dpi drew them
SMALL_FONT = 10  # ticks, values, axis label
CHAR_WIDTH = 0.62  # of the font size: wide enough for DejaVu Sans/Verdana, so labels never overlap
LINE_HEIGHT = 13
ROW_GAP = 9
PLOT_WIDTH = 440
X_MAX = 115  # percent at the right edge: room for "100% (n)"
TICKS = (0, 25, 50, 75, 100)
GRID_COLOUR = "#c9d1dc"
FONT_FAMILY = "DejaVu Sans, Verdana, Arial, sans-serif"


def _svg_root(width: float, height: float) -> ET.Element:
    return ET.Element(
        "svg",
        {
            "xmlns": SVG_NS,
            "viewBox": f"0 0 {width} {height}",
            "font-family": FONT_FAMILY,
            "fill": TEXT_COLOUR,
        },
    )


def _draw_bars(rows: list[tuple[str, int, float]], xlabel: str) -> str:
    """Horizontal bars drawn as SVG elements directly: a chart is a few rectangles and labels,
    and matplotlib took 100-200 ms for one (text layout, two draw passes for the tight box) —
    the first overview after a publish that changes a figure waited for that."""
    labels = [textwrap.fill(label, 42).split("\n") for label, _count, _pct in rows]
    longest = max((len(line) for lines in labels for line in lines), default=0)
    left = round(longest * BAR_FONT * CHAR_WIDTH) + 12
    top = 6
    bands = [max(len(lines) * LINE_HEIGHT, 16) + ROW_GAP for lines in labels]
    plot_height = sum(bands)
    width = left + PLOT_WIDTH + 8
    height = top + plot_height + 44

    def x(percent: float) -> float:
        return round(left + max(0.0, min(percent, X_MAX)) / X_MAX * PLOT_WIDTH, 1)

    svg = _svg_root(width, height)
    grid = ET.SubElement(svg, "g", {"stroke": GRID_COLOUR, "stroke-width": "0.6"})
    axis_bottom = top + plot_height
    for tick in TICKS:
        ET.SubElement(
            grid, "line", {"x1": str(x(tick)), "x2": str(x(tick)), "y1": str(top), "y2": str(axis_bottom)}
        )
    bars = ET.SubElement(svg, "g")
    y = top
    for lines, band, (_label, count, percent) in zip(labels, bands, rows, strict=True):
        middle = y + band / 2
        bar_height = round((band - ROW_GAP) * 0.85, 1)
        ET.SubElement(
            bars,
            "rect",
            {
                "x": str(left),
                "y": str(round(middle - bar_height / 2, 1)),
                "width": str(round(x(percent) - left, 1)),
                "height": str(bar_height),
                "fill": BAR_COLOUR,
            },
        )
        first = middle - (len(lines) - 1) * LINE_HEIGHT / 2
        for n, line in enumerate(lines):
            text = ET.SubElement(
                bars,
                "text",
                {
                    "x": str(left - 6),
                    "y": str(round(first + n * LINE_HEIGHT, 1)),
                    "text-anchor": "end",
                    "dominant-baseline": "central",
                    "font-size": str(BAR_FONT),
                },
            )
            text.text = line
        value = ET.SubElement(
            bars,
            "text",
            {
                "x": str(x(percent) + 4),
                "y": str(round(middle, 1)),
                "dominant-baseline": "central",
                "font-size": str(SMALL_FONT),
            },
        )
        value.text = f"{round(percent)}% ({count})"
        y += band
    axes = ET.SubElement(svg, "g", {"stroke": TEXT_COLOUR, "stroke-width": "0.8"})
    ET.SubElement(axes, "line", {"x1": str(left), "x2": str(left), "y1": str(top), "y2": str(axis_bottom)})
    ET.SubElement(
        axes, "line", {"x1": str(left), "x2": str(x(X_MAX)), "y1": str(axis_bottom), "y2": str(axis_bottom)}
    )
    ticks = ET.SubElement(svg, "g", {"font-size": str(SMALL_FONT), "text-anchor": "middle"})
    for tick in TICKS:
        ET.SubElement(
            axes,
            "line",
            {"x1": str(x(tick)), "x2": str(x(tick)), "y1": str(axis_bottom), "y2": str(axis_bottom + 4)},
        )
        label = ET.SubElement(ticks, "text", {"x": str(x(tick)), "y": str(axis_bottom + 16)})
        label.text = f"{tick}%"
    caption = ET.SubElement(
        svg,
        "text",
        {
            "x": str(round(left + PLOT_WIDTH / 2)),
            "y": str(axis_bottom + 36),
            "text-anchor": "middle",
            "font-size": str(SMALL_FONT),
        },
    )
    caption.text = xlabel
    return ET.tostring(svg, encoding="unicode")


# --- map -----------------------------------------------------------------------------------------


def stage_colour(stage: str) -> str:
    position = taxonomy.vocabulary("stage").position(stage) if stage else -1
    return STAGE_COLOURS[position] if 0 <= position < len(STAGE_COLOURS) else NO_DATA_COLOUR


def _rings(feature) -> list:
    geometry = feature["geometry"]
    parts = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    return [polygon[0] for polygon in parts]  # outer rings; the generalised shapes have no holes that matter


# Map geometry: longitude scaled by cos(52°) (degrees of longitude are shorter at Dutch latitudes),
# in SVG user units of MAP_SCALE per degree of latitude.
LONGITUDE_FACTOR = 0.616
MAP_SCALE = 170
LEGEND_WIDTH = 300


def draw_shape_map(
    shapes: dict, colour_of, legend: list[tuple[str, str]], title: str, *, outlines=None
) -> str:
    """One map of Dutch shapes (GeoJSON with a CBS ``statcode`` per feature), each filled with
    ``colour_of(statcode)``; ``outlines`` (GeoJSON) draws borders on top, e.g. youth-care regions
    over municipalities. Returns SVG written directly (paths, a legend of swatches and labels);
    use ``cached_svg`` to inline it. matplotlib took 0.5-1 s for a map of the 342 municipalities,
    which the first overview after a stage change waited for; this takes a few milliseconds."""
    rings = [
        (colour_of(feature["properties"]["statcode"]), ring)
        for feature in shapes["features"]
        for ring in _rings(feature)
    ]
    borders = [ring for feature in (outlines or {}).get("features", []) for ring in _rings(feature)]
    points = [point for _colour, ring in rings for point in ring] + [p for ring in borders for p in ring]
    west = min(lon for lon, _lat in points) * LONGITUDE_FACTOR
    north = max(lat for _lon, lat in points)
    east = max(lon for lon, _lat in points) * LONGITUDE_FACTOR
    south = min(lat for _lon, lat in points)
    margin = 6

    def path(ring) -> str:
        coordinates = " ".join(
            f"{x:.1f},{y:.1f}"
            for x, y in (
                ((lon * LONGITUDE_FACTOR - west) * MAP_SCALE + margin, (north - lat) * MAP_SCALE + margin)
                for lon, lat in ring
            )
        )
        return f"M{coordinates}Z"

    map_width = round((east - west) * MAP_SCALE) + 2 * margin
    map_height = round((north - south) * MAP_SCALE) + 2 * margin
    legend_lines = [textwrap.fill(label, 40).split("\n") for _colour, label in legend]
    legend_height = 30 + sum(max(16, 13 * len(lines)) + 6 for lines in legend_lines)
    width, height = map_width + LEGEND_WIDTH, max(map_height, legend_height)
    svg = _svg_root(width, height)
    thin = "0.4" if outlines else "0.8"
    areas = ET.SubElement(svg, "g", {"stroke": "#ffffff", "stroke-width": thin, "stroke-linejoin": "round"})
    for colour, ring in rings:
        ET.SubElement(areas, "path", {"d": path(ring), "fill": colour})
    if borders:
        lines = ET.SubElement(svg, "g", {"fill": "none", "stroke": "#1b1b1b", "stroke-width": "0.9"})
        for ring in borders:
            ET.SubElement(lines, "path", {"d": path(ring)})
    key = ET.SubElement(svg, "g", {"font-size": str(SMALL_FONT)})
    left = map_width + 12
    heading = ET.SubElement(
        key, "text", {"x": str(left), "y": "18", "font-size": str(BAR_FONT), "font-weight": "bold"}
    )
    heading.text = title
    y = 30
    for (colour, _label), lines in zip(legend, legend_lines, strict=True):
        row_height = max(16, 13 * len(lines))
        ET.SubElement(
            key,
            "rect",
            {
                "x": str(left),
                "y": str(y + (row_height - 12) / 2),
                "width": "12",
                "height": "12",
                "fill": colour,
                "stroke": "#4a4a4a",
                "stroke-width": "0.8",
            },
        )
        first = y + row_height / 2 - (len(lines) - 1) * 13 / 2
        for n, line in enumerate(lines):
            text = ET.SubElement(
                key,
                "text",
                {"x": str(left + 18), "y": str(round(first + n * 13, 1)), "dominant-baseline": "central"},
            )
            text.text = line
        y += row_height + 6
    return ET.tostring(svg, encoding="unicode")


def stage_legend(used: set[str], no_data: str) -> list[tuple[str, str]]:
    """Legend entries of the stages (Q4) in ``used``, in the questionnaire's order, then no data."""
    entries = [
        (stage_colour(term.code), term.label)
        for term in taxonomy.vocabulary("stage").terms
        if term.code in used
    ]
    return [*entries, (NO_DATA_COLOUR, no_data)]


def map_svg(stage_by_municipality: dict[str, str], *, id_prefix: str, labelledby: str) -> str:
    """Municipalities (CBS code -> stage) coloured by the stage of the published profile that
    covers them, with the youth-care regions outlined, so the spread within a region shows."""
    from regions.reference import municipality_shapes, region_shapes

    data = sorted(stage_by_municipality.items())

    def draw():
        return draw_shape_map(
            municipality_shapes(),
            lambda code: stage_colour(stage_by_municipality.get(code, "")),
            stage_legend(set(stage_by_municipality.values()), str(_("Geen gepubliceerd profiel"))),
            str(_("Fase van het profiel dat de gemeente dekt")),
            outlines=region_shapes(),
        )

    return cached_svg("map-municipalities", data, draw, id_prefix=id_prefix, labelledby=labelledby)


# --- making an SVG safe to inline --------------------------------------------------------------

_FONT_SHORTHAND = re.compile(
    r"^(?:(?P<style>italic|oblique|normal)\s+)?(?:(?P<weight>bold|\d{3}|normal)\s+)?"
    r"(?P<size>[\d.]+px)\s+(?P<family>.+)$"
)


def _style_to_attributes(style: str) -> dict[str, str]:
    attributes: dict[str, str] = {}
    for declaration in style.split(";"):
        if ":" not in declaration:
            continue
        name, value = (part.strip() for part in declaration.split(":", 1))
        if name == "font":
            match = _FONT_SHORTHAND.match(value)
            if match:
                attributes["font-size"] = match["size"]
                attributes["font-family"] = match["family"].replace("'", "")
                if match["weight"] and match["weight"] != "normal":
                    attributes["font-weight"] = match["weight"]
                if match["style"] and match["style"] != "normal":
                    attributes["font-style"] = match["style"]
            continue
        if name == "font-family":
            value = value.replace("'", "")
        attributes[name] = value
    return attributes


def _short_family(family: str) -> str:
    first = family.split(",")[0].strip()
    return f"{first}, Verdana, Arial, sans-serif"


def make_inline(svg: str, *, id_prefix: str, labelledby: str) -> str:
    root = ET.fromstring(svg)  # noqa: S314 - our own output, no entities
    for parent in list(root.iter()):
        for child in list(parent):
            tag = child.tag.split("}")[-1]
            if tag in {"metadata", "style", "title", "desc"}:
                parent.remove(child)
    root.set("stroke-linejoin", "round")
    root.set("stroke-linecap", "butt")
    href = f"{{{XLINK_NS}}}href"
    referenced = set()
    for element in root.iter():
        for value in element.attrib.values():
            referenced.update(re.findall(r"url\(#([^)]+)\)", value))
        if element.get(href, "").startswith("#"):
            referenced.add(element.get(href)[1:])
    id_map = {}
    for element in root.iter():
        style = element.attrib.pop("style", None)
        if style:
            for name, value in _style_to_attributes(style).items():
                element.set(name, value)
        if name_family := element.get("font-family"):
            element.set("font-family", _short_family(name_family))
        old = element.attrib.pop("id", None)
        if old and old in referenced:  # unreferenced ids are noise and could collide in the page
            id_map[old] = f"{id_prefix}-{old}"
            element.set("id", id_map[old])
    for element in root.iter():
        for name, value in list(element.attrib.items()):
            if "url(#" in value:
                element.set(
                    name, re.sub(r"url\(#([^)]+)\)", lambda m: f"url(#{id_map.get(m[1], m[1])})", value)
                )
        if element.get(href, "").startswith("#"):
            element.set(href, "#" + id_map.get(element.get(href)[1:], element.get(href)[1:]))
    for attribute in ("width", "height", "version"):
        root.attrib.pop(attribute, None)
    root.set("class", "chart-svg")
    root.set("role", "img")
    root.set("aria-labelledby", labelledby)
    root.set("focusable", "false")
    text = ET.tostring(root, encoding="unicode")
    return text
