"""Template context of the overview page: figures, inline charts, tables, download links."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from wagtail import hooks

from regions.links import region_page_urls

from . import charts, cost_insight, figures, trend


@dataclass
class CompareRow:
    label: str
    then_count: int
    then_percent: float | None
    now_count: int
    now_percent: float | None

    @property
    def delta(self) -> float | None:
        if self.then_percent is None or self.now_percent is None:
            return None
        return self.now_percent - self.then_percent


def _csv_url(page_url: str, key: str, at: datetime.date | None) -> str:
    params = {"figure": key, "format": "csv"}
    if at:
        params["at"] = at.isoformat()
    return f"{page_url}?{urlencode(params)}"


def _table(figure: figures.Figure, reference: dict | None = None) -> list[dict]:
    columns = [code for code, _label in figure.size_columns()]
    stated = (reference or {}).get("shares", {})
    return [
        {
            "label": row.label,
            "reference": stated.get(row.code),
            "count": row.count,
            "percent": figures.format_percent(row.percent),
            "cells": [
                (row.by_size.get(code, 0), figures.format_percent(row.percent_by_size.get(code)))
                for code in columns
            ],
        }
        for row in figure.rows
    ]


ROUNDS_HOOK = "national_picture_rounds"  # fn() -> [(label, title)]
# fn(question_id, option codes) -> [{"label", "title", "number", "base", "shares": {code: {...}}}]
REFERENCE_HOOK = "national_picture_reference"


def _reference(figure: figures.Figure) -> dict | None:
    """A published survey round beside the profiles' figure (the quickscan app provides it)."""
    codes = [row.code for row in figure.rows]
    for hook in hooks.get_hooks(REFERENCE_HOOK):
        for found in hook(figure.spec.question_id, codes):
            return found
    return None


def overview_context(page, request, at: datetime.date | None) -> dict:
    now = figures.overview_now()
    shown = trend.overview_at(at) if at else now
    page_url = page.get_url(request) or page.url or ""
    items = []
    for figure in shown.figures:
        reference = _reference(figure)
        compare_rows = None
        if at:
            current = now.figure(figure.key)
            compare_rows = [
                CompareRow(row.label, row.count, row.percent, now_row.count, now_row.percent)
                for row, now_row in zip(figure.rows, current.rows, strict=True)
            ]
        items.append(
            {
                "figure": figure,
                "id": f"fig-{figure.key}",
                "svg": charts.bar_chart_svg(
                    figure,
                    id_prefix=f"c-{figure.key}",
                    labelledby=f"fig-{figure.key}-title fig-{figure.key}-sum",
                ),
                "summary": figure.summary(),
                "csv_url": _csv_url(page_url, figure.key, at),
                "compare_rows": compare_rows,
                "columns": figure.size_columns(),
                "table": _table(figure, reference),
                "reference": reference,
                "answered_cells": [
                    figure.answered_by_size.get(code, 0) for code, _label in figure.size_columns()
                ],
                "not_filled_cells": [
                    figure.total_by_size.get(code, 0) - figure.answered_by_size.get(code, 0)
                    for code, _label in figure.size_columns()
                ],
            }
        )
    with_stage = [region for region in shown.regions if region.stage]
    region_links = region_page_urls(request)
    return {
        "overview": shown,
        "now": now,
        "at": at,
        "today": timezone.localdate(),
        "figure_items": items,
        "map_svg": charts.map_svg(
            shown.municipality_stages, id_prefix="c-map", labelledby="fig-map-title fig-map-sum"
        ),
        "map_csv_url": _csv_url(page_url, "map", at),
        "regions_with_stage": len(with_stage),
        "region_rows": [(region, region_links.get(region.region_code)) for region in shown.regions],
        "covered_municipalities": len(shown.municipality_stages),
        "open_data_csv": reverse("open_data_csv"),
        "open_data_json": reverse("open_data_json"),
        # Today's costs and reach (not rebuilt for ?at=: figures are of the year each profile names).
        "cost_insight": None if at else cost_insight.cost_insight(),
        "size_classes": [(code, figures.size_class_label(code)) for code in figures.size_classes()],
        # Survey rounds with figures of their own (the quickscan app registers this hook).
        "rounds": [item for hook in hooks.get_hooks(ROUNDS_HOOK) for item in hook()],
    }
