"""Loading the CBS reference data shipped in ``regions/data`` (see its SOURCES.md).

Idempotent: rows are matched on CBS code and updated in place, so a re-run changes nothing and a
new CBS export updates names and populations without breaking links from profiles.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction

from .models import Municipality, Province, YouthCareRegion
from .size_classes import size_class_for

DATA_DIR = Path(__file__).resolve().parent / "data"
MUNICIPALITIES_CSV = DATA_DIR / "inwonertal.csv"
REGION_SHAPES = DATA_DIR / "jeugdregio_2025.geojson"
PROVINCE_SHAPES = DATA_DIR / "provincie_2025.geojson"
MUNICIPALITY_SHAPES = DATA_DIR / "gemeente_2025.geojson"
ATTRIBUTION = "Bron: CBS (CC BY 4.0); geometrie: CBS / PDOK"


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def count(self, changed: bool | None) -> None:
        if changed is None:
            self.created += 1
        elif changed:
            self.updated += 1
        else:
            self.unchanged += 1


def read_municipality_rows(path: Path = MUNICIPALITIES_CSV) -> list[dict[str, str]]:
    # CBS export: UTF-8 with BOM, ';'-separated, every value padded with spaces.
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return [
            {key.strip(): (value or "").strip() for key, value in row.items()}
            for row in csv.DictReader(handle, delimiter=";")
        ]


def _upsert(model, code: str, **values) -> tuple[object, bool | None]:
    obj = model.objects.filter(code=code).first()
    if obj is None:
        return model.objects.create(code=code, **values), None
    changed = any(getattr(obj, key) != value for key, value in values.items())
    if changed:
        for key, value in values.items():
            setattr(obj, key, value)
        obj.save()
    return obj, changed


@transaction.atomic
def load_reference_data(path: Path = MUNICIPALITIES_CSV) -> dict[str, LoadReport]:
    reports = {"provinces": LoadReport(), "regions": LoadReport(), "municipalities": LoadReport()}
    provinces: dict[str, Province] = {}
    regions: dict[str, YouthCareRegion] = {}
    for row in read_municipality_rows(path):
        province_code, region_code = row["Code_26"], row["Code_16"]
        if province_code not in provinces:
            provinces[province_code], changed = _upsert(Province, province_code, name=row["Naam_27"])
            reports["provinces"].count(changed)
        if region_code not in regions:
            regions[region_code], changed = _upsert(YouthCareRegion, region_code, name=row["Naam_17"])
            reports["regions"].count(changed)
        population = int(row["Inwonertal_54"])
        _, changed = _upsert(
            Municipality,
            row["Code_1"],
            name=row["Naam_2"],
            sort_name=row["SorteringNaam_3"] or row["Naam_2"],
            province=provinces[province_code],
            youth_care_region=regions[region_code],
            population=population,
            size_class=size_class_for(row["Code_1"], population),
        )
        reports["municipalities"].count(changed)
    return reports


def region_shapes() -> dict:
    """GeoJSON of the youth-care regions (for maps); read lazily, it is 46 kB."""
    return json.loads(REGION_SHAPES.read_text(encoding="utf-8"))


def province_shapes() -> dict:
    return json.loads(PROVINCE_SHAPES.read_text(encoding="utf-8"))


def municipality_shapes() -> dict:
    """GeoJSON of the 342 municipalities (generalised, 186 kB); read lazily."""
    return json.loads(MUNICIPALITY_SHAPES.read_text(encoding="utf-8"))
