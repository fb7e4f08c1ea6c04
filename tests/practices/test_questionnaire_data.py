"""The 2025 quickscan questionnaire as data (practices/data/questionnaire.json), checked against the
printed questionnaire (seed file, chapter 14) and against taxonomy.json.

Plain JSON: no Django and no database. Skipped when the seed file is not next to the repository.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "practices" / "data"
SEED_PATH = REPO.parent / "shared" / "seeds" / "000_4a2599bc865be062.txt"

if not SEED_PATH.exists():
    pytest.skip(f"seed file {SEED_PATH} not available", allow_module_level=True)

QUESTIONNAIRE = json.loads((DATA / "questionnaire.json").read_text(encoding="utf-8"))
TAXONOMY = json.loads((DATA / "taxonomy.json").read_text(encoding="utf-8"))
SEED_LINES = SEED_PATH.read_text(encoding="utf-8").splitlines()
QUESTIONS = QUESTIONNAIRE["questions"]
BY_ID = {question["id"]: question for question in QUESTIONS}

EXPECTED_IDS = [f"q{n}" for n in range(1, 22)] + ["q22a", "q22b"] + [f"q{n}" for n in range(23, 29)]
OPEN_IDS = {"q1", "q2", "q5", "q7", "q11", "q17", "q26", "q27", "q28"}
ROUTES = (
    [(f"q{n}", None) for n in range(1, 5)]
    + [(f"q{n}", ["e", "f", "g", "h"]) for n in range(5, 8)]
    + [(f"q{n}", ["a"]) for n in range(8, 13)]
    + [(f"q{n}", ["b"]) for n in range(13, 16)]
    + [(qid, ["a", "b", "c", "d"]) for qid in EXPECTED_IDS[EXPECTED_IDS.index("q16") :]]
)
SECTION_KEYS = [
    "general", "attention", "not_active", "implemented", "advanced",
    "continued", "offer", "professionals", "bottlenecks", "needs",
]  # fmt: skip
SECTION_ROUTES = {
    "not_active": ["e", "f", "g", "h"],
    "implemented": ["a"],
    "advanced": ["b"],
    "continued": ["a", "b", "c", "d"],
}
# Lists that reuse another question's answer list instead of repeating it.
REUSES = {"q15": "yes_no", "q16": "frequency_scale"}
# Codes stored in the database: the moved lists must keep exactly these, in this (printed) order.
EXPECTED_CODES = {
    "size_class": ["g4", "over_100k", "50k_100k", "under_50k"],
    "stage": [
        "implemented", "implementing", "planning", "exploring",
        "not_started", "no_action", "chosen_not_to", "no_attention",
    ],
    "frequency_scale": ["very_often", "often", "sometimes", "rarely", "never"],
    "start_period": ["before_2018", "2018_2021", "after_2021"],
    "cooperation_mode": [
        "regional_joint", "own_with_regional_consultation", "own_no_consultation", "own_ad_hoc", "other",
    ],
    "evaluation_status": ["not_evaluated", "evaluated_improved", "being_evaluated", "other"],
    "yes_no": ["no", "yes"],
    "consultation_mode": ["municipalities_structural", "partners_structural", "on_bottlenecks", "other"],
    "adoption_elsewhere": ["whole_region", "some_neighbours", "own_only"],
    "funding_quickscan": ["jeugdwet", "wmo", "other"],
    "policy_ownership": ["single_officer", "several_officers", "not_assigned"],
    "execution_ownership": ["single_officer", "several_officers", "not_assigned"],
    "offer": [
        "relationship_courses", "social_map_residents", "information_website", "divorce_desk",
        "local_team_help", "mediation", "parent_meetings", "child_training", "buddy_parents",
        "buddy_children", "child_support_figure", "uha", "family_representative",
        "contact_facilities", "other",
    ],
    "partner_type": [
        "neighbourhood_team", "cjg", "youth_health", "youth_care_provider", "adult_mental_health",
        "youth_mental_health", "gp", "social_work", "primary_school", "secondary_school",
        "special_education", "childcare", "debt_counselling", "legal_desk", "mediator",
        "lawyer_mediator", "child_protection_gi", "child_protection_board", "judiciary",
        "veilig_thuis", "welfare", "youth_work", "religious", "associations", "other",
        "experience_expert", "municipality",
    ],
    "expertise_measure": [
        "specialist_in_existing", "complex_team", "specialist_offer",
        "training_focus_staff", "training_all_staff", "social_map_professionals",
    ],
    "principle": ["trust_not_control", "responsibility_with_parents", "language_awareness", "child_central"],
    "principle_scale": ["always", "sometimes", "rarely", "never"],
    "cooperation_bottleneck": [
        "lack_of_knowledge", "poor_cooperation", "different_principles", "none", "other",
    ],
    "execution_bottleneck": [
        "late_recognition", "offer_incoherent", "not_embedded", "help_voluntary",
        "waiting_lists", "none", "other",
    ],
}  # fmt: skip
# Existing codes with no printed answer option: kept (data exists) at the end, without letter or text.
UNPRINTED = {("partner_type", "experience_expert"), ("partner_type", "municipality")}
# English identical to the Dutch on purpose (names and loan words).
SAME_IN_ENGLISH = {"G4", "Mediators", "Mediator"}
SNAKE_CASE = re.compile(r"^[a-z0-9]+(_[a-z0-9]+)*$")


def collapse(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


SEED_TEXT = collapse("\n".join(SEED_LINES))
FIRST, LAST = QUESTIONNAIRE["seed_lines"]


def block(question) -> str:
    """The printed text of one question: from its line up to the next question's line."""
    position = QUESTIONS.index(question)
    end = QUESTIONS[position + 1]["seed_line"] - 1 if position + 1 < len(QUESTIONS) else LAST
    return collapse("\n".join(SEED_LINES[question["seed_line"] - 1 : end]))


def option_lists(question):
    """(vocabulary name, options) for every answer list defined in a question."""
    if "options" in question:
        yield question["vocabulary"], question["options"]
    if "statements" in question:
        yield question["vocabulary"], question["statements"]
        yield question["scale"]["vocabulary"], question["scale"]["options"]


def all_option_lists():
    for question in QUESTIONS:
        for name, options in option_lists(question):
            yield question, name, options


def bilingual_values(node, path="$"):
    """Every {"nl": ..., "en": ...} pair in the document, with its JSON path."""
    if isinstance(node, dict):
        if set(node) == {"nl", "en"}:
            yield path, node
        else:
            for key, value in node.items():
                yield from bilingual_values(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from bilingual_values(value, f"{path}[{index}]")


def test_questions_in_printed_order_with_unique_numbers():
    assert [question["id"] for question in QUESTIONS] == EXPECTED_IDS
    numbers = [question["number"] for question in QUESTIONS]
    assert len(set(numbers)) == len(numbers) == 29
    assert numbers == [qid[1:] for qid in EXPECTED_IDS]
    seed_lines = [question["seed_line"] for question in QUESTIONS]
    assert seed_lines == sorted(seed_lines) and len(set(seed_lines)) == 29
    assert all(FIRST <= line <= LAST for line in seed_lines)


def test_sections_in_printed_order_and_questions_inside_their_section():
    sections = QUESTIONNAIRE["sections"]
    assert [section["key"] for section in sections] == SECTION_KEYS
    for section in sections:
        assert collapse(section["title"]["nl"]) in SEED_TEXT, section["key"]
        assert section["title"]["nl"] in SEED_LINES[section["seed_line"] - 1], section["key"]
        assert "*" not in section["title"]["nl"] and "#" not in section["title"]["nl"]
        assert not section["title"]["nl"].endswith(":")
        expected = SECTION_ROUTES.get(section["key"])
        if expected is None:
            assert "route" not in section, section["key"]
        else:
            assert section["route"] == {"question": "q4", "letters": expected}, section["key"]
    starts = {section["key"]: section["seed_line"] for section in sections}
    keys = [question["section"] for question in QUESTIONS]
    assert keys == sorted(keys, key=SECTION_KEYS.index), "questions out of section order"
    assert set(keys) == set(SECTION_KEYS), "a section without questions"
    for question in QUESTIONS:
        assert starts[question["section"]] < question["seed_line"], question["id"]
        later = [line for line in starts.values() if line > starts[question["section"]]]
        assert not later or question["seed_line"] < min(later), question["id"]


def test_introduction_verbatim_and_translated_paragraph_by_paragraph():
    intro = QUESTIONNAIRE["introduction"]
    assert len(intro["nl"]) == len(intro["en"]) >= 5
    for paragraph in intro["nl"]:
        assert collapse(paragraph) in SEED_TEXT, paragraph[:60]
    assert collapse(QUESTIONNAIRE["title"]["nl"]) in SEED_TEXT


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q["id"])
def test_question_text_verbatim_at_its_seed_line(question):
    text = collapse(question["text"]["nl"])
    assert "\n" not in question["text"]["nl"]
    assert not re.match(r"^\d+[a-z]?\.", text), "number left in the text"
    assert text in block(question), "question text not verbatim in its printed block"
    line = collapse(SEED_LINES[question["seed_line"] - 1])
    assert re.match(rf"^{re.escape(question['number'].rstrip('ab'))}\. ", line), "seed_line not at the number"
    assert text[:40] in line, "seed_line does not hold the start of the text"


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q["id"])
def test_answer_texts_verbatim_in_the_questions_printed_block(question):
    printed = block(question)
    for name, options in option_lists(question):
        for option in options:
            if (name, option["code"]) in UNPRINTED:
                continue
            text = collapse(option["text"]["nl"])
            assert text in printed, f"{name}.{option['code']}: {text!r}"
            # Where the print gives a letter for this text, it must be the option's letter.
            for printed_letter in re.findall(rf"(?:^|\s)([a-z])\. {re.escape(text)}", printed):
                assert printed_letter == option["letter"], f"{name}.{option['code']}"


def test_types_and_answer_lists():
    for question in QUESTIONS:
        qid, qtype = question["id"], question["type"]
        if qid in OPEN_IDS:
            assert qtype == "open", qid
            assert not {"options", "vocabulary", "statements", "scale"} & set(question), qid
        elif qid == "q23":
            assert qtype == "scale"
            assert "options" not in question
            assert question["vocabulary"] == "principle"
            assert question["scale"]["vocabulary"] == "principle_scale"
            points = [point["text"]["nl"] for point in question["scale"]["options"]]
            assert points == ["Altijd", "Soms", "Zelden", "Nooit"]
        else:
            assert qtype in {"single", "multiple"}, qid
            assert question.get("vocabulary"), qid
            assert "statements" not in question and "scale" not in question, qid
            assert ("options" in question) is (qid not in REUSES), qid
    multiple = [question["id"] for question in QUESTIONS if question["type"] == "multiple"]
    assert multiple == ["q21", "q22a", "q22b", "q24", "q25"]
    for qid, name in REUSES.items():
        assert BY_ID[qid]["vocabulary"] == name
    assert BY_ID["q17"]["type"] == BY_ID["q7"]["type"] == "open"
    assert [qid for qid, q in BY_ID.items() if "explanation" in q] == ["q12", "q15"]
    for qid in ("q12", "q15"):
        assert BY_ID[qid]["explanation"]["nl"] == "Toelichting"


def test_vocabularies_defined_once_and_every_reference_resolves():
    defined = [name for _, name, _ in all_option_lists()]
    assert len(defined) == len(set(defined)), "an answer list is defined twice in questionnaire.json"
    assert not set(defined) & set(TAXONOMY), "vocabulary in both taxonomy.json and questionnaire.json"
    known = set(defined) | set(TAXONOMY)
    for question in QUESTIONS:
        for name in (question.get("vocabulary"), question.get("scale", {}).get("vocabulary")):
            assert name is None or name in known, (question["id"], name)
        for qid, name in REUSES.items():
            definer = next(q for q in QUESTIONS if q.get("vocabulary") == name and "options" in q)
            assert QUESTIONS.index(definer) < QUESTIONS.index(BY_ID[qid]), qid
    mapping = BY_ID["q18"]["profile_mapping"]
    assert mapping["vocabulary"] in TAXONOMY and mapping["field"] == "funding_sources"
    richer = [value["code"] for value in TAXONOMY[mapping["vocabulary"]]["values"]]
    assert sorted(mapping["map"]) == sorted(richer)
    assert set(mapping["map"].values()) <= set(EXPECTED_CODES["funding_quickscan"])


def test_codes_kept_letters_consecutive_and_codes_snake_case():
    seen = {}
    for _question, name, options in all_option_lists():
        codes = [option["code"] for option in options]
        seen[name] = codes
        assert len(codes) == len(set(codes)), f"{name}: duplicate code"
        assert all(SNAKE_CASE.match(code) for code in codes), name
        lettered = [option for option in options if "letter" in option]
        letters = [option["letter"] for option in lettered]
        assert letters == [chr(ord("a") + i) for i in range(len(lettered))], name
        assert options[: len(lettered)] == lettered, f"{name}: an option without letter before a lettered one"
        for option in options[len(lettered) :]:
            assert (name, option["code"]) in UNPRINTED, f"{name}.{option['code']} has no letter"
            assert "text" not in option, f"{name}.{option['code']}"
        for option in options:
            assert option["label"]["nl"] and option["label"]["en"], f"{name}.{option['code']}"
            if "letter" in option:
                assert option["text"]["nl"], f"{name}.{option['code']}"
    assert seen == EXPECTED_CODES


def test_routes():
    for qid, letters in ROUTES:
        question = BY_ID[qid]
        if letters is None:
            assert "route" not in question, qid
        else:
            assert question["route"] == {"question": "q4", "letters": letters}, qid
    stage_letters = [option["letter"] for option in BY_ID["q4"]["options"]]
    assert stage_letters == list("abcdefgh")


def test_exclusive_and_other_options():
    for qid in ("q24", "q25"):
        exclusive = [option for option in BY_ID[qid]["options"] if option.get("exclusive")]
        assert len(exclusive) == 1, qid
        assert exclusive[0]["code"] == "none"
        assert exclusive[0]["text"]["nl"].startswith("We ervaren momenteel geen knelpunten")
    for question, name, options in all_option_lists():
        for option in options:
            if option.get("exclusive"):
                assert question["id"] in {"q24", "q25"}, f"{name}.{option['code']}"
            starts_other = option.get("text", {}).get("nl", "").startswith("Anders")
            assert bool(option.get("other")) is starts_other, f"{name}.{option['code']}"
            if starts_other:
                assert option["code"] == "other", name


def test_every_english_text_present_and_translated():
    pairs = list(bilingual_values(QUESTIONNAIRE))
    assert len(pairs) > 200
    for path, pair in pairs:
        nl, en = pair["nl"], pair["en"]
        if isinstance(nl, list):
            assert isinstance(en, list) and len(en) == len(nl), path
            items = zip(nl, en, strict=True)
        else:
            items = [(nl, en)]
        for nl_text, en_text in items:
            assert isinstance(en_text, str) and en_text.strip(), path
            if nl_text not in SAME_IN_ENGLISH:
                assert en_text != nl_text, f"{path}: English is the Dutch text {nl_text!r}"


def test_taxonomy_keeps_only_vocabularies_not_owned_by_a_question():
    assert not set(EXPECTED_CODES) & set(TAXONOMY)
    for name in ("funding_source", "discipline", "care_line", "national_bottleneck", "support_need"):
        assert name in TAXONOMY, name
