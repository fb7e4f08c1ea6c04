"""Cost, reach and outcome figures: validation in Dutch, cost per inhabitant from CBS population,
open data and API fields, and the national picture's rule of at least five reporting profiles."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db.models import Sum
from django.utils import timezone

from config.openapi import build_schema
from practices import cost_insight, costs, exports
from practices.models import ApproachPage
from regions.models import Municipality, YouthCareRegion
from tests.factories import make_approach

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year - 1


def _errors(**fields) -> dict:
    with pytest.raises(ValidationError) as error:
        make_approach("JZ24", **fields)
    return error.value.message_dict


def test_negative_figures_are_rejected_in_dutch(demo):
    errors = _errors(annual_budget=Decimal(-1), figures_year=YEAR)
    assert errors["annual_budget"] == ["Het jaarbudget kan niet negatief zijn."]
    errors = _errors(fte=Decimal("-0.5"), figures_year=YEAR)
    assert errors["fte"] == ["De formatie kan niet negatief zijn."]
    assert not ApproachPage.objects.filter(title__startswith="Testaanpak").exists()  # nothing half-saved


def test_implausibly_large_figures_are_rejected(demo):
    errors = _errors(reached_parents=2_000_000, figures_year=YEAR)
    assert "niet aannemelijk" in errors["reached_parents"][0]
    assert "1.000.000" in errors["reached_parents"][0]
    errors = _errors(annual_budget=Decimal(500_000_000), figures_year=YEAR)
    assert "niet aannemelijk" in errors["annual_budget"][0]


def test_a_figure_needs_its_year_and_the_year_not_in_the_future(demo):
    assert _errors(fte=Decimal(2))["figures_year"] == [
        "Vul in op welk jaar het budget, de formatie en de cijfers betrekking hebben."
    ]
    future = timezone.localdate().year + 1
    assert _errors(fte=Decimal(2), figures_year=future)["figures_year"] == [
        "Het jaar van de cijfers kan niet in de toekomst liggen."
    ]
    assert "figures_year" in _errors(figures_year=1999)


def test_more_parents_helped_than_reached_is_rejected(demo):
    errors = _errors(reached_parents=10, parents_right_help=11, figures_year=YEAR)
    assert errors["parents_right_help"][0].startswith("Er kunnen niet meer ouders")


def test_a_future_data_date_is_rejected(demo):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    assert _errors(data_date=tomorrow)["data_date"] == ["De peildatum kan niet in de toekomst liggen."]


def test_valid_figures_are_saved(demo):
    page = make_approach(
        "JZ24",
        annual_budget=Decimal(120_000),
        fte=Decimal("1.5"),
        reached_parents=300,
        reached_children=150,
        desk_questions=400,
        parents_right_help=250,
        referrals_heavier_help=20,
        figures_year=YEAR,
    )
    assert page.reached_per_year == 450


def test_cost_per_inhabitant_from_the_named_municipalities(demo):
    zoetermeer = Municipality.objects.get(code="GM0637")
    page = make_approach("JZ24", municipalities=["GM0637"], annual_budget=Decimal(250_000), figures_year=YEAR)
    expected = (Decimal(250_000) / zoetermeer.population).quantize(Decimal("0.01"))
    assert page.cost_per_inhabitant == expected


def test_cost_per_inhabitant_of_a_regional_profile_uses_its_region(demo):
    page = make_approach("JZ24", level="regional", annual_budget=Decimal(1_000_000), figures_year=YEAR)
    population = YouthCareRegion.objects.get(code="JZ24").municipalities.aggregate(total=Sum("population"))
    assert page.cost_per_inhabitant == (Decimal(1_000_000) / population["total"]).quantize(Decimal("0.01"))
    municipal = make_approach("JZ24", level="municipal", annual_budget=Decimal(1_000), figures_year=YEAR)
    assert municipal.cost_per_inhabitant is None  # covers nothing known: no ratio invented
    assert costs.per_inhabitant(None, 1000) is None and costs.per_inhabitant(Decimal(10), 0) is None


def test_open_data_carries_the_cost_fields(client, demo):
    page = make_approach(
        "JZ24",
        municipalities=["GM0637"],
        annual_budget=Decimal(250_000),
        fte=Decimal("2.5"),
        reached_parents=100,
        reached_children=40,
        figures_year=YEAR,
    )
    record = next(r for r in client.get("/open-data/aanpakken.json").json()["results"] if r["id"] == page.pk)
    assert record["annual_budget"] == 250_000
    assert record["fte"] == 2.5
    assert record["reached_per_year"] == 140
    assert record["figures_year"] == YEAR
    assert record["cost_per_inhabitant"] == float(page.cost_per_inhabitant)
    header = client.get("/open-data/aanpakken.csv").content.decode().splitlines()[0].split(",")
    for column in ("annual_budget", "fte", "reached_per_year", "cost_per_inhabitant", "figures_year"):
        assert column in header
    schema = build_schema()["components"]["schemas"]
    for column in ("annual_budget", "fte", "reached_per_year", "cost_per_inhabitant", "figures_year"):
        assert column in schema["OpenDataRecord"]["properties"]


def test_api_v2_carries_the_cost_fields(client, demo):
    page = make_approach(
        "JZ24",
        municipalities=["GM0637"],
        annual_budget=Decimal(250_000),
        reached_parents=7,
        figures_year=YEAR,
    )
    data = client.get(f"/api/v2/approaches/{page.pk}/").json()
    assert data["annual_budget"] == "250000"
    assert data["reached_per_year"] == 7
    assert data["figures_year"] == YEAR
    assert data["cost_per_inhabitant"] == float(page.cost_per_inhabitant)
    properties = build_schema()["components"]["schemas"]["Approach"]["properties"]
    for name in ("annual_budget", "fte", "reached_per_year", "cost_per_inhabitant", "figures_year"):
        assert name in properties, name


def test_the_cost_questions_come_from_the_questionnaire():
    from practices.answers import answer_for

    for question, field in [
        ("p_figures_year", "figures_year"),
        ("p_reached_parents", "reached_parents"),
        ("p_reached_children", "reached_children"),
        ("p_desk_questions", "desk_questions"),
        ("p_parents_right_help", "parents_right_help"),
        ("p_referrals_heavier_help", "referrals_heavier_help"),
    ]:
        assert answer_for(question).name == field
    assert set(costs.FIGURE_FIELDS) <= {f.name for f in ApproachPage._meta.fields}
    assert "annual_budget" in exports.columns()


# --- the national picture: at least five reporting profiles ------------------------------------


def _row(stage="implemented", size="g4", budget=None, fte=None, per=None, reach=None):
    return {
        "stage": stage,
        "size_class": size,
        "annual_budget": budget,
        "fte": fte,
        "cost_per_inhabitant": per,
        "reached_per_year": reach,
    }


def test_a_measure_with_fewer_than_five_reports_is_not_distributed():
    rows = [_row(budget=Decimal(n * 1000)) for n in range(1, 5)] + [_row()]
    budget = cost_insight.distributions(rows)[0]
    assert budget.measure.key == "annual_budget"
    assert budget.reporting == 4 and not budget.shown
    assert budget.overall.median is None  # not even computed


def test_five_reports_give_a_distribution_and_small_groups_stay_hidden():
    rows = [_row(budget=Decimal(n * 1000)) for n in (1, 2, 3, 4)] + [
        _row(stage="planning", budget=Decimal(9000))
    ]
    budget = cost_insight.distributions(rows)[0]
    assert budget.shown
    assert (budget.overall.median, budget.overall.low, budget.overall.high) == (3000, 1000, 9000)
    by_stage = {group.code: group for group in budget.by_stage}
    assert by_stage["implemented"].count == 4 and not by_stage["implemented"].shown
    assert by_stage["planning"].count == 1 and by_stage["planning"].median is None
    (g4,) = budget.by_size
    assert g4.shown and g4.count == 5


def test_overview_page_notes_too_few_reports_then_shows_the_table(client, demo):
    from practices.models import OverviewPage

    url = OverviewPage.objects.get().url
    html = client.get(url).content.decode()
    assert "Nog geen verdeling: minder dan 5 gepubliceerde profielen vermelden dit cijfer." in html
    assert "Kostenanalyse van complexe scheidingen" in html and "Significant Public" in html
    for n in range(5):
        make_approach(
            "JZ24", municipalities=["GM0637"], annual_budget=Decimal(10_000 * (n + 1)), figures_year=YEAR
        )
    from django.core.cache import cache

    cache.clear()
    html = client.get(url).content.decode()
    assert "Jaarbudget (euro) per fase en grootteklasse" in html
    assert "5 profielen vermelden dit cijfer: mediaan 30.000" in html


def test_the_profile_page_shows_the_figures_their_year_and_the_cost_per_inhabitant(client, demo):
    page = make_approach(
        "JZ24",
        municipalities=["GM0637"],
        annual_budget=Decimal(250_000),
        referrals_heavier_help=14,
        figures_year=YEAR,
    )
    html = client.get(page.url).content.decode()
    per = f"{page.cost_per_inhabitant:.2f}".replace(".", ",")
    assert f"€ 250000 (€ {per} per inwoner" in html
    assert "Doorverwijzingen naar zwaardere hulp per jaar" in html and "14" in html
    assert "Jaar van budget, formatie en cijfers" in html and str(YEAR) in html
