"""The real initiatives say only what the seed file says, with its source and peildatum.

Every statement rendered on a real profile's page (the lead and each paragraph, list item and
fact of its sections) must be a Dutch text of ``home/demo/seed-profiles.json``, or a label the
data names (a taxonomy label, a municipality, an intervention). Hedges stay hedges, findings
across the initiatives are never an initiative's own fact, a 2018 stage is no 2025 quickscan
answer, and freshness follows the data date, not the day the demo was loaded.
"""

from __future__ import annotations

import datetime
import json
import re
from html.parser import HTMLParser

import pytest

from home.demo.profiles import COMMON_FINDINGS_HEADING, load_seed
from practices import answers, exports, figures, taxonomy
from practices.models import ApproachPage, Intervention
from regions.models import Municipality

pytestmark = pytest.mark.django_db

SEED = load_seed()
SLUGS = [spec["slug"] for spec in SEED["profiles"]]
STUDY_DATE = datetime.date(2018, 5, 31)


def _texts(node) -> list[str]:
    """Every Dutch text of the seed file."""
    if isinstance(node, dict):
        found = [node["nl"]] if isinstance(node.get("nl"), str) else []
        return found + [text for key, value in node.items() if key != "nl" for text in _texts(value)]
    if isinstance(node, list):
        return [text for item in node for text in _texts(item)]
    return []


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


SEED_TEXTS = {_norm(text) for text in _texts(SEED)}


# The profile's own sections (one per questionnaire section, and the story); the comparable
# approaches below the profile are the site's suggestions, not statements about the initiative.
STATEMENT_SECTIONS = {f"h-{section.key}" for section, _answers in answers.answers_by_section()} | {"h-story"}


class StatementParser(HTMLParser):
    """Text of the lead and of each innermost p / li / dd in the profile's sections; headings
    and fact labels (h2, h3, dt) are the page's own words, not statements."""

    BLOCKS = {"p", "li", "dd"}
    LABELS = {"h2", "h3", "dt"}

    def __init__(self):
        super().__init__()
        self.statements: list[str] = []
        self.headings: list[str] = []
        self._stack: list[tuple[str, bool]] = []  # (tag, inside a statement area)
        self._buffer: list[str] = []
        self._label: list[str] = []

    def _in_area(self) -> bool:
        return any(area for _tag, area in self._stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        area = (tag == "section" and attrs.get("aria-labelledby") in STATEMENT_SECTIONS) or (
            tag == "p" and "lead" in classes
        )
        if tag in self.BLOCKS and self._in_area():
            self._flush()
        self._stack.append((tag, area))

    def handle_endtag(self, tag):
        if tag in self.BLOCKS or tag in self.LABELS:
            if tag in self.LABELS and self._label:
                self.headings.append(_norm("".join(self._label)))
                self._label = []
            self._flush()
        while self._stack:
            if self._stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not self._in_area():
            return
        if any(tag in self.LABELS for tag, _area in self._stack):
            self._label.append(data)
        else:
            self._buffer.append(data)

    def _flush(self):
        text = _norm("".join(self._buffer))
        if text:
            self.statements.append(text)
        self._buffer = []


def statements_of(html: str) -> tuple[list[str], list[str]]:
    parser = StatementParser()
    parser.feed(html)
    parser._flush()
    return parser.statements, parser.headings


def _labels() -> set[str]:
    labels = {"ja", "nee"}
    for vocabulary in taxonomy.load().values():
        labels |= {term.label for term in vocabulary.terms}
    labels |= set(Municipality.objects.values_list("name", flat=True))
    labels |= set(Intervention.objects.values_list("name", flat=True))
    return labels


@pytest.mark.parametrize("slug", SLUGS)
def test_every_statement_on_a_real_profile_is_in_the_seed_file(client, demo, slug):
    html = client.get(ApproachPage.objects.get(slug=slug).url).content.decode()
    statements, _headings = statements_of(html)
    assert statements, "the parser found the profile's statements"
    labels = _labels()
    for statement in statements:
        assert statement in SEED_TEXTS or statement in labels, f"{slug}: not in the seed file: {statement!r}"


def test_the_parser_catches_a_sentence_the_seed_does_not_hold(client, demo):
    page = ApproachPage.objects.get(slug="joop-zeeland")
    page.front_door_note += " Het loket is elke dag open."
    page.save_revision().publish()
    statements, _ = statements_of(client.get(page.url).content.decode())
    assert any(statement not in SEED_TEXTS for statement in statements)


def test_hedges_of_the_study_stay_on_the_page(client, demo):
    pages = {slug: client.get(ApproachPage.objects.get(slug=slug).url).content.decode() for slug in SLUGS}
    assert (
        "het is de bedoeling de MASIC verder in de keten te verspreiden"
        in pages["wijzer-scheiden-midden-brabant"]
    )
    zoetermeer = pages["scheidingspunt-zoetermeer"]
    assert "Bij de partners bestaat het idee van drie schillen" in zoetermeer
    assert "in enkele regio&#x27;s, zonder te zeggen welke" in zoetermeer
    assert "Front office met spreekuren" not in zoetermeer  # the old, firmer wording
    # the study does not say which regions give KIES or Dappere Dino's jointly: no link as their own
    assert not ApproachPage.objects.get(slug="scheidingspunt-zoetermeer").interventions.exists()


def test_findings_across_the_initiatives_are_not_an_initiatives_own_fact(demo):
    shared = SEED["common_to_all_four"]["shared_resources"]["nl"]
    texts = [a for a in answers.profile_answers() if a.kind in (answers.TEXT, answers.RICHTEXT)]
    for page in ApproachPage.objects.filter(slug__in=SLUGS):
        for answer in texts:
            value = answer.value(page) or ""
            for finding in SEED["common_to_all_four"].values():
                assert finding["nl"] not in value, f"{page.slug}.{answer.name} holds a shared finding"
        blocks = [(block.block_type, str(block.value)) for block in page.body]
        if any(shared in value for _type, value in blocks):
            heading_at = blocks.index(("heading", COMMON_FINDINGS_HEADING))
            shared_at = next(i for i, (_t, value) in enumerate(blocks) if shared in value)
            assert heading_at < shared_at  # only under the heading that says it is about all four


def test_joops_2018_stage_is_not_a_2025_quickscan_answer(demo):
    joop = ApproachPage.objects.get(slug="joop-zeeland")
    assert joop.stage == ""  # Q4 of the quickscan 2025 stays unanswered
    assert "Een plan tot uitvoering" in joop.status_note  # the 2018 words stay readable
    facts = {f.title: f for f in figures.current_facts()}
    assert facts["JOOP"].stage == ""
    zeeland = next(region for region in figures.overview_now().regions if region.region_name == "Zeeland")
    assert not zeeland.stage


def test_added_seed_facts_are_on_the_pages_with_their_source_line(client, demo):
    added = {
        "joop-zeeland": "wish_learn_from_others",
        "scheidingspunt-zoetermeer": "wish_national_funding",
        "kenniscentrum-kind-en-scheiding-haaglanden": "wish_mandate_heavier_help",
        "scheiden-doe-je-samen-dalfsen": "network_character",
    }
    specs = {spec["slug"]: spec for spec in SEED["profiles"]}
    for slug, key in added.items():
        fact = specs[slug]["facts"][key]
        assert re.match(r"004 lines \d+-\d+", fact["seed"]), fact
        statements, _ = statements_of(client.get(ApproachPage.objects.get(slug=slug).url).content.decode())
        assert _norm(fact["nl"]) in statements, slug


def test_every_real_profile_shows_its_source_and_peildatum(client, demo):
    for slug in SLUGS:
        page = ApproachPage.objects.get(slug=slug)
        assert page.data_date == STUDY_DATE and page.data_period == "voorjaar 2018"
        html = client.get(page.url).content.decode()
        assert "Bron: Pluijmen (2018)" in html and "· peildatum voorjaar 2018" in html, slug
        assert "Laatst bijgewerkt" not in html  # the load date is no statement about the facts
    haaglanden = client.get(ApproachPage.objects.get(slug="kenniscentrum-kind-en-scheiding-haaglanden").url)
    assert "Justitie en Veiligheid, paragraaf 2.2 · peildatum maart 2025" in haaglanden.content.decode()


def test_api_and_open_data_carry_the_provenance(client, demo):
    page = ApproachPage.objects.get(slug="joop-zeeland")
    data = client.get(f"/api/v2/approaches/{page.pk}/").json()
    assert data["data_date"] == "2018-05-31" and data["data_period"] == "voorjaar 2018"
    assert data["sources"][0].endswith("hoofdstukken 3 en 4 · peildatum voorjaar 2018")
    record = next(r for r in client.get("/open-data/aanpakken.json").json()["results"] if r["id"] == page.pk)
    assert record["data_date"] == "2018-05-31" and record["data_period"] == "voorjaar 2018"
    assert record["sources"] == data["sources"]
    assert {"data_date", "data_period", "sources"} <= set(exports.columns())


def test_freshness_follows_the_data_date_not_the_load_date(demo):
    for page in ApproachPage.objects.filter(slug__in=SLUGS):
        assert page.last_published_at.date() > STUDY_DATE  # loaded just now
        assert page.review_date == STUDY_DATE and page.is_stale
    assert all(f.is_stale(datetime.date.today()) for f in figures.current_facts() if f.title in {"JOOP"})


def test_the_seed_file_is_the_corrected_one():
    about = SEED["about"]
    assert "the fact must hedge too" in about
    assert SEED["common_to_all_four"]["shared_resources"]["scope"].startswith(
        "a finding across the initiatives"
    )
    assert "peildatum voorjaar 2018" in SEED["data_date"]
    json.dumps(SEED)  # still plain JSON
