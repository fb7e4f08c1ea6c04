"""Aggregates checked against hand-computed numbers."""

import datetime

import pytest

from practices import figures
from practices.figures import FIGURES_BY_KEY, ProfileFacts, aggregate, current_facts
from regions.models import Municipality, RegionPage
from tests.factories import make_approach

TODAY = datetime.date(2025, 6, 1)


def facts(n, size, **fields):
    return ProfileFacts(
        page_id=n, title=f"p{n}", region_page_id=1, region_code="JZ01", size_class=size, **fields
    )


SAMPLE = [
    facts(1, "g4", stage="implemented", offers=("mediation", "uha"), review_date=datetime.date(2025, 1, 1)),
    facts(2, "under_50k", stage="planning", offers=("mediation",), review_date=datetime.date(2024, 5, 31)),
    facts(3, "under_50k", stage="planning", offers=(), review_date=None),  # offer not filled in
    facts(4, "over_100k", stage="", offers=("uha", "uha", "bogus"), review_date=datetime.date(2024, 6, 1)),
]


def test_single_valued_figure_hand_computed():
    figure = aggregate(FIGURES_BY_KEY["stage"], SAMPLE)
    assert (figure.total, figure.answered, figure.not_filled) == (4, 3, 1)
    rows = {row.code: row for row in figure.rows}
    assert rows["implemented"].count == 1
    assert rows["planning"].count == 2
    assert rows["planning"].percent == pytest.approx(200 / 3)
    assert rows["planning"].by_size["under_50k"] == 2
    assert rows["planning"].percent_by_size["under_50k"] == 100.0
    assert rows["planning"].percent_by_size["g4"] == 0.0
    assert rows["exploring"].count == 0
    assert figure.answered_by_size == {"g4": 1, "under_50k": 2}
    assert figure.total_by_size == {"g4": 1, "under_50k": 2, "over_100k": 1}


def test_multi_valued_figure_counts_profiles_not_mentions():
    figure = aggregate(FIGURES_BY_KEY["offer"], SAMPLE)
    # profile 3 left it empty; profile 4 mentions uha twice and an unknown code
    assert (figure.answered, figure.not_filled) == (3, 1)
    rows = {row.code: row for row in figure.rows}
    assert rows["mediation"].count == 2
    assert rows["uha"].count == 2
    assert rows["uha"].percent == pytest.approx(200 / 3)
    assert rows["uha"].by_size == {"g4": 1, "over_100k": 1, "50k_100k": 0, "under_50k": 0, "unknown": 0}
    assert "bogus" not in rows
    assert sum(row.percent for row in figure.rows) > 100  # multi-valued: adds up beyond 100


def test_stale_count_uses_twelve_months():
    # 2024-05-31 is older than 365 days before 2025-06-01, 2024-06-01 is exactly 365 days: not stale;
    # no review date at all: stale
    assert figures.count_stale(SAMPLE, TODAY) == 2


def test_figure_table_has_split_and_not_filled():
    header, rows = figures.figure_table(aggregate(FIGURES_BY_KEY["offer"], SAMPLE))
    assert header[:4] == ["code", "label", "count", "percent"]
    assert "count_g4" in header and "percent_under_50k" in header
    by_code = {row[0]: dict(zip(header, row, strict=True)) for row in rows}
    assert by_code["mediation"]["count"] == 2
    assert by_code["mediation"]["count_under_50k"] == 1
    assert by_code["mediation"]["percent_under_50k"] == 100.0
    assert by_code["not_filled"]["count"] == 1
    assert by_code["not_filled"]["count_under_50k"] == 1


def test_summary_mentions_counts():
    text = aggregate(FIGURES_BY_KEY["offer"], SAMPLE).summary()
    assert "3 van de 4" in text
    assert "meer dan 100" in text


@pytest.mark.django_db
def test_current_facts_from_pages(demo, django_assert_max_num_queries):
    delft = Municipality.objects.get(name="Delft")
    named = make_approach(
        "JZ24",
        municipalities=[delft.code],
        stage="exploring",
        partners=[
            {"organisation": "A", "partner_type": "gp"},
            {"organisation": "B", "partner_type": "gp"},
            {"organisation": "C", "partner_type": "veilig_thuis"},
        ],
    )
    unnamed = make_approach("JZ24", stage="implementing")
    make_approach("JZ24", stage="implemented", publish=False, live=False)  # draft: not counted
    with django_assert_max_num_queries(8):
        all_facts = current_facts()
    by_id = {item.page_id: item for item in all_facts}
    assert by_id[named.pk].size_class == delft.size_class == "over_100k"
    assert by_id[unnamed.pk].size_class == "g4"  # Den Haag is the largest municipality of Haaglanden
    assert by_id[named.pk].partner_types == ("gp", "veilig_thuis")
    assert by_id[named.pk].region_code == "JZ24"
    assert len(all_facts) == 7  # five demo profiles + two published here

    figure = aggregate(FIGURES_BY_KEY["partners"], all_facts)
    rows = {row.code: row for row in figure.rows}
    others = [f for f in all_facts if f.page_id not in (named.pk, unnamed.pk)]
    baseline = {r.code: r for r in aggregate(FIGURES_BY_KEY["partners"], others).rows}
    assert rows["gp"].count == baseline["gp"].count + 1  # two gp partners, one profile


@pytest.mark.django_db
def test_map_takes_most_advanced_stage_per_region(demo):
    used = {f.region_code for f in current_facts()}
    free = next(
        r.youth_care_region.code
        for r in RegionPage.objects.order_by("title")
        if r.youth_care_region.code not in used
    )
    make_approach(free, stage="exploring")
    make_approach(free, stage="implementing")
    make_approach(free, stage="no_attention")
    regions = {r.region_code: r for r in figures.stages_by_region(current_facts())[0]}
    assert len(regions) == 42
    assert regions[free].profiles == 3
    assert regions[free].stage == "implementing"
    empty = next(r for r in regions.values() if r.profiles == 0)
    assert empty.stage == "" and empty.stage_label == "Geen gepubliceerd profiel"
    assert empty.spread == {} and empty.uncovered == empty.municipalities > 0


@pytest.mark.django_db
def test_map_shows_the_spread_within_a_region(demo):
    """A regional profile covers its whole region; a profile naming a municipality covers that
    municipality only and wins there, so one advanced profile no longer colours the whole region."""
    used = {f.region_code for f in current_facts()}
    free = next(
        r.youth_care_region
        for r in RegionPage.objects.order_by("title")
        if r.youth_care_region.code not in used and r.youth_care_region.municipalities.count() >= 3
    )
    towns = list(free.municipalities.order_by("code"))
    make_approach(free.code, stage="implemented", municipalities=[towns[0].code])
    make_approach(free.code, stage="exploring", municipalities=[towns[1].code])
    overview = figures.build_overview(current_facts(), datetime.date(2026, 12, 1))
    region = next(r for r in overview.regions if r.region_code == free.code)
    assert region.stage == "implemented"  # the most advanced, as before
    assert region.spread == {"implemented": 1, "exploring": 1}
    assert region.uncovered == len(towns) - 2
    assert overview.municipality_stages[towns[0].code] == "implemented"
    assert overview.municipality_stages[towns[1].code] == "exploring"
    assert towns[2].code not in overview.municipality_stages

    make_approach(free.code, stage="implementing")  # names no municipality: covers the region
    overview = figures.build_overview(current_facts(), datetime.date(2026, 12, 1))
    region = next(r for r in overview.regions if r.region_code == free.code)
    assert region.uncovered == 0
    assert region.spread == {"implemented": 1, "exploring": 1, "implementing": len(towns) - 2}
    assert overview.municipality_stages[towns[1].code] == "exploring"  # named beats regional
    header, rows = figures.regions_table(overview)
    row = dict(zip(header, next(r for r in rows if r[0] == free.code), strict=True))
    assert row["municipalities_implementing"] == len(towns) - 2
    assert row["municipalities_uncovered"] == 0


@pytest.mark.django_db
def test_query_count_does_not_grow_with_profiles(demo, django_assert_num_queries):
    import django.db
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(django.db.connection) as before:
        current_facts()
    for _ in range(3):
        make_approach("JZ01", stage="planning", partners=[{"organisation": "X", "partner_type": "gp"}])
    with CaptureQueriesContext(django.db.connection) as after:
        current_facts()
    assert len(after.captured_queries) == len(before.captured_queries)


def test_routed_questions_count_only_profiles_their_route_reaches():
    sample = [
        facts(1, "g4", stage="implemented", evaluation_status="not_evaluated"),
        facts(2, "g4", stage="planning", evaluation_status="evaluated_improved"),  # Q10 not asked at c
        facts(3, "g4", stage="", evaluation_status="being_evaluated"),  # no stage: no route to apply
    ]
    figure = aggregate(FIGURES_BY_KEY["evaluation"], sample)
    assert figure.total == 2 and figure.answered == 2
    assert {row.code: row.count for row in figure.rows}["evaluated_improved"] == 0
