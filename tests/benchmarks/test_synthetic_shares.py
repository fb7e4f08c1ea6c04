"""Synthetic profiles and quickscan responses follow the routing and reproduce the published 2025
round's shares within sampling error (n = 2,000, in memory, no database).

Targets come from quickscan/data/published_rounds.json through ``synthetic.target_table()``; each
generated share is compared with its target in standard errors of a sample of its base. With some
130 targets per check, a faithful generator puts about 0.35 shares beyond 3 SE by chance, so the
rule is: none beyond 4 SE and at most two beyond 3 SE (a faithful generator fails that in about
one seed in 200; the old stage table, 6 points off, is beyond 4 SE). The seed is fixed.
"""

from __future__ import annotations

import datetime
import math
import random
from collections import Counter

import pytest
from django.core.exceptions import ValidationError

from benchmarks import synthetic, synthetic_responses
from practices import answers as profile_answers
from practices import questionnaire, taxonomy
from quickscan import published
from regions.size_classes import size_class_for

N = 2000
SEED = 2025
ANCHOR = datetime.date(2026, 1, 15)
ROUTE = synthetic.ROUTE_QUESTION


@pytest.fixture(scope="module")
def responses():
    return synthetic_responses.build_responses(N, SEED, synthetic_responses.reference_municipalities())


@pytest.fixture(scope="module")
def profiles():
    return synthetic.build_specs(N, SEED, synthetic.reference_places(), ANCHOR)


def _z(count: int, n: int, target: float) -> float:
    """How many standard errors ``count`` of ``n`` lies from ``target`` (%)."""
    p = target / 100
    se = max(math.sqrt(p * (1 - p) / n), 1 / n)
    return abs(count / n - p) / se


def _off(count: int, n: int, target: float) -> str:
    """'' when ``count`` of ``n`` is within 3 standard errors of ``target`` (%), else the numbers."""
    z = _z(count, n, target)
    return "" if z <= 3 else f"{100 * count / n:.1f} % vs {target:.1f} % (n = {n}, {z:.1f} SE)"


def _assert_close(deviations: list[tuple[str, float]]) -> None:
    assert len(deviations) > 50
    beyond_4 = [(label, round(z, 1)) for label, z in deviations if z > 4]
    beyond_3 = [(label, round(z, 1)) for label, z in deviations if z > 3]
    assert not beyond_4, beyond_4
    assert len(beyond_3) <= 2, beyond_3


def _codes(value) -> list:
    return value if isinstance(value, list) else [value]


def _check_shares(rows: list[dict]) -> list[tuple[str, float]]:
    """Every target of the table against answers by question id (as in ``Response.answers``):
    (label, distance in standard errors)."""
    deviations = []
    for qid, statement, code, target, _source in synthetic.target_table():
        question = questionnaire.question(qid)
        term = taxonomy.vocabulary(question.vocabulary).term(code) if question.vocabulary else None
        if question.type == questionnaire.MULTIPLE and term is not None and not term.letter:
            continue  # the profile's own partner types are no option of the questionnaire
        base = [row[qid] for row in rows if qid in row]
        if statement:
            hits = sum(1 for value in base if value.get(statement) == code)
        else:
            hits = sum(1 for value in base if code in _codes(value))
        label = f"{qid} {statement} {code}: {100 * hits / max(len(base), 1):.1f} % vs {target:.1f} %"
        deviations.append((label, _z(hits, len(base), target) if base else math.inf))
    return deviations


def _check_ranges(rows: list[dict]) -> list[str]:
    """Options the report describes only by a range ("het merendeel": over half) stay in it."""
    failures = []
    for figure in published.published_round("2025").figures:
        qid = figure.question_id
        base = [row[qid] for row in rows if qid in row]
        for entry in figure.entries:
            if not entry.options or entry.share is not None or entry.range is None or not base:
                continue
            if entry.point:
                hits = sum(1 for value in base if value.get(entry.options[0]) == entry.point)
            else:
                hits = sum(1 for value in base if set(entry.options) & set(_codes(value)))
            low, high = entry.range
            share = 100 * hits / len(base)
            if not low <= share <= high:
                failures.append(
                    f"{figure.key} {entry.options} '{entry.phrase}': {share:.1f} % not in {entry.range}"
                )
    return failures


def _profile_answers(spec) -> dict:
    """A profile's fields as answers by question id, each field under the question its route asks."""
    stage = spec.fields["stage"]
    found = {}
    for question in questionnaire.load().quickscan():
        answer = profile_answers.answer_for(question.id)
        if answer is None or question.id == "q1" or not synthetic.asks(question.id, stage):
            continue
        if answer.kind == profile_answers.PARTNERS:
            value = sorted({p["partner_type"] for p in spec.partners})
        elif answer.kind == profile_answers.PRINCIPLES:
            value = dict(spec.principles)
        else:
            value = spec.fields.get(answer.name)
            if isinstance(value, bool):
                value = "yes" if value else "no"
        if value not in (None, "", [], {}):
            found[question.id] = value
    return found


# --- the target table ---------------------------------------------------------------------------


def test_targets_are_the_published_rounds_and_the_old_stage_bias_is_gone():
    stage = synthetic.STAGE_WEIGHTS
    figure = published.published_round("2025").figure(2).distribution()
    assert stage == {code: target.share for code, target in figure.items()}
    assert stage["exploring"] > 14  # the old table had 10
    late = sum(stage[c] for c in ("not_started", "no_action", "chosen_not_to", "no_attention"))
    assert late == pytest.approx(100 * 13 / 153, abs=0.3)  # 13 short-route responses; the old table had 15 %
    funding = synthetic.single_targets("q18")
    assert funding["jeugdwet"] == pytest.approx(47.5, abs=1) and funding["other"] == pytest.approx(50, abs=1)
    assert synthetic.single_targets("q13") != synthetic.single_targets("q9")
    none = synthetic.inclusion_targets("q24")["none"]
    assert none == pytest.approx(22.5)  # "bijna een kwart"


def test_national_size_distribution_is_read_from_the_cbs_file():
    shares = synthetic.national_size_shares()
    assert sum(shares.values()) == pytest.approx(100)
    assert 71 < shares["under_50k"] < 74  # "73 % under 50,000"; 247 of 342 in the 2025 file
    assert shares["g4"] == pytest.approx(100 * 4 / 342)


# --- responses -----------------------------------------------------------------------------------


def test_responses_answer_exactly_the_routed_questions(responses):
    assert len(responses) == N
    for spec in responses:
        letter = questionnaire.letter_of(ROUTE, spec.answers[ROUTE])
        asked = {q.id for q in questionnaire.routed_questions({ROUTE: letter})} - {"q1"}
        assert set(spec.answers) == asked, (letter, set(spec.answers) ^ asked)
        for key in spec.explanations:
            assert key.rsplit("_", 1)[0] in spec.answers
        for qid, value in spec.answers.items():
            question = questionnaire.question(qid)
            if question.type != questionnaire.MULTIPLE:
                continue
            vocabulary = taxonomy.vocabulary(question.vocabulary)
            assert value and all(vocabulary.term(code).letter for code in value)
            if any(vocabulary.term(code).exclusive for code in value):
                assert len(value) == 1, (qid, value)
            if any(vocabulary.term(code).other for code in value):
                assert f"{qid}_other" in spec.explanations


def test_responses_reproduce_the_published_shares(responses):
    rows = [spec.answers for spec in responses]
    _assert_close(_check_shares(rows))
    assert _check_ranges(rows) == []


def test_one_response_per_municipality_while_there_are_enough():
    municipalities = synthetic_responses.reference_municipalities()
    specs = synthetic_responses.build_responses(len(municipalities), 7, municipalities)
    assert len({spec.municipality_code for spec in specs}) == len(municipalities)
    sizes = Counter(spec.answers["q3"] for spec in specs)
    assert sizes == Counter(m.size_class for m in municipalities)


def test_same_seed_same_responses():
    municipalities = synthetic_responses.reference_municipalities()
    first = synthetic_responses.build_responses(50, 3, municipalities)
    again = synthetic_responses.build_responses(50, 3, municipalities)
    assert [(s.municipality_code, s.answers) for s in first] == [
        (s.municipality_code, s.answers) for s in again
    ]


# --- profiles ------------------------------------------------------------------------------------


def test_profiles_fill_quickscan_fields_only_where_the_route_asks(profiles):
    by_field: dict[str, list[str]] = {}
    for question in questionnaire.load().quickscan():
        answer = profile_answers.answer_for(question.id)
        if answer is not None and question.id != "q1":
            by_field.setdefault(answer.name, []).append(question.id)
    for spec in profiles:
        stage = spec.fields["stage"]
        for name, question_ids in by_field.items():
            routed = any(synthetic.asks(qid, stage) for qid in question_ids)
            if name == "partners":
                value = spec.partners
            elif name == "principles":
                value = spec.principles
            else:
                value = spec.fields.get(name)
            if not routed:
                assert value in (None, "", [], {}), (stage, name, value)
        if stage != "implemented":
            assert "evaluation_status" not in spec.fields and "start_period" not in spec.fields
        if stage != "implementing":
            assert "consultation_mode" not in spec.fields and "adoption_elsewhere" not in spec.fields


def test_profiles_reproduce_the_published_shares(profiles):
    rows = [_profile_answers(spec) for spec in profiles]
    for row, spec in zip(rows, profiles, strict=True):
        row["q3"] = _profile_size_class(spec)
    # Bases as in the figures: routed and answered (a profile still exploring lists no offer yet).
    _assert_close(_check_shares(rows))
    assert _check_ranges(rows) == []


def test_profile_size_classes_follow_the_national_distribution(profiles):
    sizes = Counter(_profile_size_class(spec) for spec in profiles)
    for code, target in synthetic.national_size_shares().items():
        assert not _off(sizes[code], N, target), (code, _off(sizes[code], N, target))


def test_funding_other_stays_other_in_the_quickscan_answer(profiles):
    answered = [s for s in profiles if "funding_quickscan" in s.fields]
    shares = Counter(s.fields["funding_quickscan"] for s in answered)
    assert not _off(shares["jeugdwet"], len(answered), 47.5)  # "bijna de helft", not 87 %
    for spec in answered:
        if spec.fields["funding_quickscan"] == "jeugdwet" and "funding_sources" in spec.fields:
            assert spec.fields["funding_sources"] == ["jeugdwet"]


_POPULATION = {code: population for code, _name, population, *_rest in synthetic._reference_municipalities()}


def _profile_size_class(spec) -> str:
    """As the figures compute it: the size class of the profile's largest municipality."""
    largest = max(spec.municipality_codes, key=_POPULATION.__getitem__)
    return size_class_for(largest, _POPULATION[largest])


# --- the check itself, and the database side -----------------------------------------------------


def test_the_check_catches_the_old_stage_table_and_recoded_funding(responses):
    old_stages = {"implemented": 27, "implementing": 18, "planning": 30, "exploring": 10}
    old_stages |= {"not_started": 5, "no_action": 5, "chosen_not_to": 2, "no_attention": 3}
    rng = random.Random(1)
    rows = [dict(spec.answers, q4=synthetic._weighted(rng, old_stages)) for spec in responses]
    with pytest.raises(AssertionError):
        _assert_close(_check_shares(rows))
    recoded = [dict(spec.answers) for spec in responses]
    for row in recoded:
        if row.get("q18") == "other":
            row["q18"] = "jeugdwet"
    with pytest.raises(AssertionError):
        _assert_close(_check_shares(recoded))


@pytest.mark.django_db
def test_create_and_delete_responses_of_a_live_round():
    from quickscan import flow
    from quickscan.models import Response, Round
    from regions.reference import load_reference_data

    load_reference_data()  # the 342 municipalities; no page tree needed

    live = Round.objects.create(label="9999", title="Synthetisch", kind=Round.Kind.LIVE)
    real = Response.objects.create(round=live, answers={"q4": "planning"})
    report = synthetic_responses.create_responses(live, 40, seed=4)
    assert report.created == 40
    created = Response.objects.filter(round=live).exclude(pk=real.pk).prefetch_related("municipalities")
    assert created.count() == 40 and all(r.is_complete for r in created)
    assert len({r.municipalities.get().code for r in created}) == 40
    for response in created:
        assert flow.answered_outside_route(response.answers, response.explanations) == []
    published_round = Round.objects.create(label="2025x", title="Gepubliceerd", kind=Round.Kind.PUBLISHED)
    with pytest.raises(ValidationError):
        synthetic_responses.create_responses(published_round, 1, seed=1)
    assert synthetic_responses.delete_responses(live).deleted == 40
    assert list(Response.objects.filter(round=live)) == [real]
