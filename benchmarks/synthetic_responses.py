"""Synthetic quickscan responses for load work: ``Response`` rows of a round, following the routes.

Two layers, like ``benchmarks.synthetic`` (whose target shares they share, one table taken from
the published 2025 round, see ``synthetic.target_table()``):

* ``build_responses(...)`` is pure logic: a seeded ``random.Random`` draws, per response, one
  municipality (one response per municipality while there are enough; with replacement beyond
  that, for load tests larger than the country) and answers to exactly the questions its Q4
  answer routes to — Q5–Q7 for e–h, Q8–Q12 for a, Q13–Q15 for b, Q16–Q28 for a–d. Q3 is the
  municipality's CBS size class. Open answers and "Anders, namelijk" texts say they are fictional.
* ``create_responses(round, ...)`` bulk-inserts them as submitted, imported responses of a live
  round; ``delete_responses(round)`` removes that round's synthetic responses (and only those,
  recognised by the fictional answer to Q2).
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass, field

from practices import questionnaire, taxonomy

from . import synthetic

FICTIONAL = "Fictief antwoord (testdata)."
FUNCTION = "Beleidsadviseur jeugd (fictief)"
EXPLANATION_PROBABILITY = 0.5  # a Toelichting after Q12/Q15 (est.)
BATCH = 500


# Share of synthetic respondents agreeing to show their municipality's stage on the public map
# (an assumption: the quickscan did not ask it).
CONSENT_SHARE = 0.5


@dataclass(frozen=True)
class Municipality:
    code: str
    size_class: str


@dataclass
class ResponseSpec:
    number: int
    municipality_code: str
    answers: dict
    explanations: dict = field(default_factory=dict)
    show_on_map: bool = False


def answers_for(rng: random.Random, size_class: str) -> tuple[dict, dict]:
    """One respondent's answers (codes by question id) and explanations, by the route of Q4."""
    stage = synthetic.draw_single(rng, synthetic.ROUTE_QUESTION)
    letter = questionnaire.letter_of(synthetic.ROUTE_QUESTION, stage)
    answers: dict = {}
    explanations: dict = {}
    for question in questionnaire.routed_questions({synthetic.ROUTE_QUESTION: letter}):
        qid = question.id
        if qid == "q1":
            continue  # the municipalities are the response's relation, not an answer
        if qid == "q2":
            answers[qid] = FUNCTION
        elif qid == "q3":
            answers[qid] = size_class
        elif qid == synthetic.ROUTE_QUESTION:
            answers[qid] = stage
        elif question.type == questionnaire.OPEN:
            answers[qid] = FICTIONAL
        elif question.type == questionnaire.SINGLE:
            answers[qid] = synthetic.draw_single(rng, qid)
        elif question.type == questionnaire.MULTIPLE:
            answers[qid] = synthetic.draw_multiple(rng, qid)
        elif question.type == questionnaire.SCALE:
            statements = taxonomy.vocabulary(question.vocabulary).codes
            answers[qid] = {s: synthetic.draw_single(rng, qid, s) for s in statements}
        chosen = answers[qid] if isinstance(answers[qid], list) else [answers[qid]]
        vocabulary = taxonomy.vocabulary(question.vocabulary) if question.vocabulary else None
        if vocabulary and any(vocabulary.term(code).other for code in chosen if isinstance(code, str)):
            explanations[f"{qid}_other"] = f"Fictief: anders ({FICTIONAL})"
        if question.explanations and rng.random() < EXPLANATION_PROBABILITY:
            explanations[f"{qid}_explanation"] = f"Fictieve toelichting ({FICTIONAL})"
    return answers, explanations


def build_responses(count: int, seed: int, municipalities: list[Municipality]) -> list[ResponseSpec]:
    """``count`` responses; one per municipality while ``count`` allows it."""
    if not municipalities:
        raise ValueError("Geen gemeenten: laad eerst de referentiedata.")
    rng = random.Random(seed)
    if count <= len(municipalities):
        chosen = rng.sample(municipalities, count)
    else:
        chosen = rng.choices(municipalities, k=count)
    consent = random.Random(seed + 1)  # its own stream: the answers stay as the seed draws them
    specs = []
    for number, municipality in enumerate(chosen, start=1):
        answers, explanations = answers_for(rng, municipality.size_class)
        shown = consent.random() < CONSENT_SHARE
        specs.append(ResponseSpec(number, municipality.code, answers, explanations, shown))
    return specs


def reference_municipalities() -> list[Municipality]:
    """The CBS file's municipalities (no database), for tests and offline generation."""
    return [Municipality(row[0], row[3]) for row in synthetic._reference_municipalities()]


# ---------------------------------------------------------------------------------------------
# Database side
# ---------------------------------------------------------------------------------------------


@dataclass
class Report:
    created: int = 0
    deleted: int = 0
    seconds: float = 0.0


def create_responses(round, count: int, seed: int) -> Report:
    """Bulk-create ``count`` submitted responses in a live round. Atomic: all or nothing."""
    from django.core.exceptions import ValidationError
    from django.db import transaction
    from django.utils import timezone

    from quickscan.flow import SUMMARY
    from quickscan.models import Response, Round
    from regions.models import Municipality as MunicipalityModel

    if round.kind != Round.Kind.LIVE:
        raise ValidationError("Een ronde met alleen gepubliceerde cijfers krijgt geen antwoorden.")
    started = time.perf_counter()
    rows = list(MunicipalityModel.objects.order_by("code").values_list("pk", "code", "size_class"))
    ids = {code: pk for pk, code, _size in rows}
    specs = build_responses(count, seed, [Municipality(code, size) for _pk, code, size in rows])
    now = timezone.now()
    with transaction.atomic():
        created = Response.objects.bulk_create(
            [
                Response(
                    round=round,
                    source=Response.Source.IMPORT,
                    answers=spec.answers,
                    explanations=spec.explanations,
                    step=SUMMARY,
                    submitted_at=now,
                    show_on_map=spec.show_on_map,
                )
                for spec in specs
            ],
            batch_size=BATCH,
        )
        Through = Response.municipalities.through
        Through.objects.bulk_create(
            [
                Through(response_id=response.pk, municipality_id=ids[spec.municipality_code])
                for response, spec in zip(created, specs, strict=True)
            ],
            batch_size=BATCH,
        )
    return Report(created=len(created), seconds=time.perf_counter() - started)


def delete_responses(round) -> Report:
    """Remove the round's synthetic responses (recognised by their fictional Q2 answer, which stays
    when personal data are purged) and only those."""
    from quickscan.models import Response

    started = time.perf_counter()
    _total, by_model = Response.objects.filter(round=round, answers__q2=FUNCTION).delete()
    return Report(deleted=by_model.get(Response._meta.label, 0), seconds=time.perf_counter() - started)
