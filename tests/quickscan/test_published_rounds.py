"""The published quickscan rounds (quickscan/data/published_rounds.json) against the questionnaire and
against the report's text (seed file; those checks skip when it is not next to the repository)."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import pytest

from practices import questionnaire, taxonomy
from quickscan import published

REPO = Path(__file__).resolve().parents[2]
SEED_PATH = REPO.parent / "shared" / "seeds" / "000_4a2599bc865be062.txt"
RAW = json.loads(published.PUBLISHED_ROUNDS_PATH.read_text(encoding="utf-8"))
DATA = published.load()
DUTCH_NUMBERS = {1: "één", 3: "drie", 5: "vijf", 7: "zeven", 13: "dertien"}

needs_seed = pytest.mark.skipif(not SEED_PATH.exists(), reason=f"seed file {SEED_PATH} not available")


def _seed_lines() -> list[str]:
    return SEED_PATH.read_text(encoding="utf-8").splitlines()


def _line(number: int) -> str:
    return re.sub(r"\s+", " ", _seed_lines()[number - 1])


def _figures():
    return [(r.label, f) for r in DATA.rounds for f in r.figures]


def _number_in(number: float, words: str) -> bool:
    number = int(number) if float(number).is_integer() else number
    return re.search(rf"(?<![\d.,]){number}(?![\d.,]\d)", words) is not None or (
        DUTCH_NUMBERS.get(number, "\0") in words.lower()
    )


def test_rounds_2025_and_2021_are_there_with_their_key_numbers():
    assert published.labels() == ("2025", "2021")
    r2025, r2021 = published.published_round("2025"), published.published_round("2021")
    assert r2025.statistic("complete").count == 153
    assert r2025.statistic("response_rate").share == 45
    assert r2021.statistic("response_rate").share == 32
    assert r2021.figure("stage-2021").entries_about("implemented")[0].share == 7
    assert [f.number for f in r2025.figures if f.number] == list(range(1, 20))
    assert r2025.figure("table-1").table == 1


def test_every_code_exists_in_its_questions_vocabulary():
    for label, figure in _figures():
        question = questionnaire.question(figure.question_id)
        vocabulary = taxonomy.vocabulary(question.vocabulary) if question.vocabulary else None
        for entry in figure.entries:
            for code in entry.options:
                assert vocabulary is not None and code in vocabulary, (label, figure.key, code)
            if entry.point:
                assert entry.point in taxonomy.vocabulary(question.scale), (figure.key, entry.point)


def test_figure_questions_match_the_questionnaires_figure_numbers():
    r2025 = published.published_round("2025")
    for question in questionnaire.load().quickscan():
        if question.figure:
            assert r2025.figure(question.figure["number"]).question_id == question.id


@pytest.mark.parametrize(
    "change, message",
    [
        (
            lambda raw: raw["rounds"][0]["figures"][2]["entries"][0].update(options=["implemnted"]),
            "unknown codes",
        ),
        (lambda raw: raw["rounds"][0]["figures"][2].update(question="q99"), "q99"),
        (lambda raw: raw["rounds"][0]["figures"][11]["entries"][0].update(point="often"), "scale point"),
        (
            lambda raw: raw["rounds"][0]["figures"][6]["entries"][0].update(phrase="een flink stuk"),
            "no reading",
        ),
        (lambda raw: raw["rounds"][0]["figures"][14]["base"].update(route=["a", "b"]), "not asked"),
        (lambda raw: raw["rounds"][1]["figures"][1].update(comparable=True), "non-comparable"),
        (lambda raw: raw["rounds"][1].update(label="2025"), "twice"),
    ],
)
def test_the_loader_refuses_data_that_does_not_fit_the_questionnaire(change, message):
    raw = copy.deepcopy(RAW)
    change(raw)
    with pytest.raises(published.PublishedDataError, match=message):
        published.parse(raw)


def test_approximate_entries_carry_the_phrase_and_a_documented_reading():
    for _label, figure in _figures():
        for entry in figure.entries:
            if entry.approximate:
                assert entry.phrase and entry.rule, (figure.key, entry.line)
                if entry.share is not None:
                    low, high = entry.range
                    assert low <= entry.share <= high, (figure.key, entry.phrase)
                else:
                    assert entry.rule in ("majority", "vague") or entry.note, (figure.key, entry.phrase)
            else:
                assert entry.count is not None or entry.share is not None or entry.summary, (
                    figure.key,
                    entry,
                )


@needs_seed
def test_every_entry_quotes_its_seed_line_with_the_number_or_phrase():
    for _label, figure in _figures():
        if figure.number or figure.table:  # text-only findings have a title of our own
            assert figure.title in _line(figure.title_line), figure.key
        base = figure.base
        assert base.group_words in _line(base.group_line), figure.key
        if base.n is not None:
            assert base.n_words in _line(base.n_line) and _number_in(base.n, base.n_words), figure.key
        for entry in figure.entries:
            line = _line(entry.line)
            assert entry.words in line, (figure.key, entry.line, entry.words)
            if entry.count is not None:
                assert _number_in(entry.count, entry.words), (figure.key, entry.line)
            if entry.approximate:
                assert entry.phrase.lower() in entry.words.lower(), (figure.key, entry.line)
            elif entry.share is not None:
                assert _number_in(entry.share, entry.words) and "procent" in entry.words, (
                    figure.key,
                    entry.line,
                )


@needs_seed
def test_response_totals_quote_their_lines():
    for published_round in DATA.rounds:
        for statistic in published_round.response:
            assert statistic.words in _line(statistic.line), statistic.key
            value = statistic.count if statistic.count is not None else statistic.share
            assert _number_in(value, statistic.words), statistic.key
        assert published_round.comparability.words in _line(published_round.comparability.line)


def test_single_choice_shares_sum_to_about_100_where_complete():
    checked = 0
    for _label, figure in _figures():
        if not figure.complete:
            continue
        n = figure.base.n
        best = {}
        for entry in figure.entries:
            if entry.share_of(n) is None:
                continue
            key = (entry.options, entry.point)
            if key not in best or entry.exact:
                best[key] = entry
        if all(e.count is not None for e in best.values()):
            assert sum(e.count for e in best.values()) == n, figure.key
        lows = sum(e.range_of(n)[0] for e in best.values())
        highs = sum(e.range_of(n)[1] for e in best.values())
        covered = sorted(code for options, _point in best for code in options)
        assert covered == sorted(figure.option_codes()), figure.key  # every option exactly once
        assert lows <= 100 <= highs, (figure.key, lows, highs)
        checked += 1
    assert checked >= 6


def test_distribution_covers_every_option_and_prefers_counts():
    stage = published.published_round("2025").figure(2).distribution()
    assert list(stage) == list(taxonomy.vocabulary("stage").codes)
    assert sum(t.share for t in stage.values()) == pytest.approx(100)
    assert stage["implementing"].source == published.COUNT  # 28 of 153, not "bijna twee vijfde"
    assert stage["implementing"].share == pytest.approx(100 * 28 / 153, abs=0.6)
    late = sum(stage[c].share for c in ("not_started", "no_action", "chosen_not_to", "no_attention"))
    assert late == pytest.approx(100 * 13 / 153, abs=0.3)


def test_2021_and_2025_are_never_mixed():
    r2025, r2021 = published.published_round("2025"), published.published_round("2021")
    assert {f.round_label for f in r2025.figures} == {"2025"}
    assert {f.round_label for f in r2021.figures} == {"2021"}
    assert not {f.key for f in r2025.figures} & {f.key for f in r2021.figures}
    for figure in r2021.figures:
        for entry in figure.entries:  # a 2021 number is quoted as such
            assert "2021" in entry.words or "destijds" in entry.words, entry.words
    for statistic in r2021.response:
        assert "2021" in statistic.words
    for figure in r2025.figures:
        for entry in figure.entries:  # 2025 entries never quote the earlier round
            assert "destijds" not in entry.words and "in 2021" not in entry.words.replace("na 2021", "")
            if "2021" in entry.words:
                assert figure.question_id == "q8"  # the start-period options name the year
