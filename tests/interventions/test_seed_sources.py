"""The seeded catalogue (interventions/data/interventions.json) against its sources: every
statement quotes words that stand on the seed lines it names (those checks skip when the seed
files are not next to the repository), a recognition copied from seed-profiles.json is the same
there, and the demo loads exactly what the file says, leaving the other fields empty."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from interventions import seed
from practices import taxonomy
from practices.models import Intervention

REPO = Path(__file__).resolve().parents[2]
SEEDS = REPO.parent / "shared" / "seeds"
DATA = seed.load()
SEED_PROFILES = json.loads((REPO / "home" / "demo" / "seed-profiles.json").read_text(encoding="utf-8"))


def _collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _statements():
    for item in DATA["interventions"]:
        for name in seed.TEXT_FIELDS:
            for statement in item.get(name, []):
                yield item["name"], name, statement
        for name in (*seed.CODE_LIST_FIELDS, "offer"):
            if name in item:
                yield item["name"], name, item[name]


STATEMENTS = list(_statements())


@pytest.mark.parametrize(
    ("name", "field", "statement"), STATEMENTS, ids=[f"{n}-{f}" for n, f, _s in STATEMENTS]
)
def test_every_statement_names_a_document_lines_and_a_quote(name, field, statement):
    assert statement["document"] in DATA["documents"]
    first, last = statement["lines"]
    assert 1 <= first <= last
    assert statement["quote"].strip()
    if field in seed.TEXT_FIELDS:
        assert statement["nl"].strip() and statement["en"].strip()


@pytest.mark.parametrize(
    ("name", "field", "statement"), STATEMENTS, ids=[f"{n}-{f}" for n, f, _s in STATEMENTS]
)
def test_every_quote_stands_on_its_seed_lines(name, field, statement):
    path = SEEDS / DATA["documents"][statement["document"]]["file"]
    if not path.exists():
        pytest.skip(f"seed file {path} not available")
    lines = path.read_text(encoding="utf-8").splitlines()
    first, last = statement["lines"]
    assert last <= len(lines), "the seed file has no such line"
    assert _collapse(statement["quote"]) in _collapse(" ".join(lines[first - 1 : last]))


def test_codes_come_from_their_vocabularies():
    vocabularies = {
        "target_groups": "target_group",
        "phases": "intervention_phase",
        "care_lines": "care_line",
    }
    for item in DATA["interventions"]:
        for field, vocabulary in vocabularies.items():
            for code in item.get(field, {}).get("codes", []):
                assert code in taxonomy.vocabulary(vocabulary), (item["name"], code)
        if "offer" in item:
            assert item["offer"]["code"] in taxonomy.vocabulary("offer")


def test_a_recognition_is_the_one_seed_profiles_json_records():
    recorded = {spec["name"]: spec for spec in SEED_PROFILES["interventions"]}
    for item in DATA["interventions"]:
        recognition = item.get("recognition")
        if recognition is None:
            continue
        spec = recorded[item["name"]]
        assert recognition["evidence_level"] == spec["evidence_level"]
        assert recognition["recognised_on"] == spec["recognised_on"]
        assert recognition["recognised_by"] == spec["recognised_by"]
        assert "kiesvoorhetkind.nl" in recognition["source"] and "kiesvoorhetkind.nl" in spec["source"]


def test_the_quickscan_warning_on_parenting_mediation_is_recorded():
    cautions = [s for n, f, s in STATEMENTS if f == "caution"]
    assert any(s["document"] == "000" and "contraproductief" in s["quote"] for s in cautions)


@pytest.mark.django_db
def test_the_demo_loads_what_the_file_says_and_nothing_else(demo):
    for spec in seed.seeded():
        intervention = Intervention.objects.get(name=spec.name)
        for field in (*seed.TEXT_FIELDS, *seed.CODE_LIST_FIELDS, "offer", "evidence_level", "databank_url"):
            expected = spec.values.get(field)
            actual = getattr(intervention, field)
            if expected in (None, "", []):
                assert actual in (None, "", []), (spec.name, field, actual)
            else:
                assert actual == expected, (spec.name, field)
        assert intervention.sources, spec.name
        assert not intervention.needs_review
