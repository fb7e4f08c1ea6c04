"""Which municipalities the public round page may name, with their Q4 answer.

Only complete responses whose respondent agreed (``Response.show_on_map``) are named; the rest,
answered or not, stay out of the list and look alike on the map, so the page never shows which
municipality gave which answer without consent (the quickscan's promise, seed 000 line 601).
A joint response names each of its municipalities; a municipality in two consenting responses
shows the latest.
"""

from __future__ import annotations

from dataclasses import dataclass

from practices import taxonomy


@dataclass(frozen=True)
class MappedMunicipality:
    code: str
    name: str
    region_code: str
    region_name: str
    stage: str

    @property
    def stage_label(self) -> str:
        return taxonomy.label("stage", self.stage)


@dataclass(frozen=True)
class PublicMap:
    municipalities: list[MappedMunicipality]  # by name
    consenting: int  # complete responses that may be shown
    complete: int

    def stages(self) -> dict[str, str]:
        return {item.code: item.stage for item in self.municipalities}


def public_map(round_) -> PublicMap:
    complete = round_.responses.exclude(submitted_at=None)
    shown = (
        complete.filter(show_on_map=True)
        .order_by("submitted_at", "pk")
        .prefetch_related("municipalities__youth_care_region")
    )
    stage_vocabulary = taxonomy.vocabulary("stage")
    latest: dict[str, MappedMunicipality] = {}
    consenting = 0
    for response in shown:
        stage = response.answers.get("q4", "")
        if stage not in stage_vocabulary:
            continue
        consenting += 1
        for municipality in response.municipalities.all():
            region = municipality.youth_care_region
            latest[municipality.code] = MappedMunicipality(
                municipality.code,
                municipality.name,
                region.code if region else "",
                region.name if region else "",
                stage,
            )
    return PublicMap(
        sorted(latest.values(), key=lambda item: item.name), consenting=consenting, complete=complete.count()
    )
