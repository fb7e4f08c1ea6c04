"""The seeded catalogue: ``data/interventions.json`` read into ``practices.Intervention`` fields.

Every statement in the file carries its seed document, lines and the quoted words it rests on; the
page shows the document and lines as its source, with the document's peildatum. Fields the
sources do not fill stay empty.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "data" / "interventions.json"
TEXT_FIELDS = ("description", "costs", "implementation", "caution")
CODE_LIST_FIELDS = ("target_groups", "phases", "care_lines")


@cache
def load() -> dict:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def _source_line(documents: dict, statement: dict) -> str:
    document = documents[statement["document"]]
    first, last = statement["lines"]
    lines = f"regel {first}" if first == last else f"regels {first}–{last}"
    return f"{document['title']}, {lines} · peildatum {document['peildatum']}"


@dataclass
class SeededIntervention:
    name: str
    values: dict = field(default_factory=dict)  # model field -> value


def seeded() -> list[SeededIntervention]:
    data = load()
    documents = data["documents"]
    result = []
    for item in data["interventions"]:
        values: dict = {}
        sources: list[str] = []
        for name in TEXT_FIELDS:
            statements = item.get(name, [])
            if statements:
                values[name] = " ".join(s["nl"] for s in statements)
                if name == "description":
                    values["description_en"] = " ".join(s["en"] for s in statements)
                sources += [_source_line(documents, s) for s in statements]
        for name in CODE_LIST_FIELDS:
            if name in item:
                values[name] = list(item[name]["codes"])
                sources.append(_source_line(documents, item[name]))
        if "offer" in item:
            values["offer"] = item["offer"]["code"]
            sources.append(_source_line(documents, item["offer"]))
        recognition = item.get("recognition")
        if recognition:
            values["evidence_level"] = recognition["evidence_level"]
            values["recognised_on"] = datetime.date.fromisoformat(recognition["recognised_on"])
            values["recognised_by"] = recognition["recognised_by"]
            sources.append(recognition["source"])
        values["sources"] = "\n".join(dict.fromkeys(sources))
        result.append(SeededIntervention(item["name"], values))
    return result
