"""Suggested invitees on demo data (the five real profiles) plus profiles with known needs."""

import pytest

from events.invitees import suggest, suggest_for_session
from events.models import ExchangeSessionPage
from practices.models import ApproachPage
from tests.factories import make_approach

pytestmark = pytest.mark.django_db


def _titles(items):
    return [item.title for item in items]


def test_demo_voordeur_session_suggests_presenters_with_reasons(demo):
    session = ExchangeSessionPage.objects.get(slug="demo-een-voordeur-voor-ouders")
    result = suggest_for_session(session)
    presenters = {item.title: item for item in result.presenters}
    # Real demo facts: Scheidingspunt and Dalfsen have a desk, Wijzer-Scheiden a website, JOOP a connector.
    assert {"Haaglanden", "IJsselland", "Zeeland"} <= set(presenters)
    reasons = " ".join(presenters["IJsselland"].reasons)
    assert "Heeft een voordeur voor ouders" in reasons
    assert "Al uitgelicht" in " ".join(presenters["Haaglanden"].reasons)


def test_demo_zorg_en_recht_session_finds_2018_hindering_factor(demo):
    session = ExchangeSessionPage.objects.get(slug="demo-terugblik-zorg-en-recht")
    result = suggest_for_session(session)
    needs = {item.title: item for item in result.needs}
    # Wijzer-Scheiden and JOOP named the tension between care and law (2018 study).
    assert "Zeeland" in needs
    assert any("Spanning tussen zorg en recht" in reason for reason in needs["Zeeland"].reasons)
    assert "Haaglanden" not in needs


def test_needs_and_further_along_presenters(demo):
    needing = make_approach(
        "JZ24", stage="planning", support_needs=["expertise"], execution_bottlenecks=["late_recognition"]
    )
    presenter = make_approach(
        "JZ01", stage="implemented", expertise_measures=["training_all_staff"], execution_bottlenecks=["none"]
    )
    behind = make_approach("JZ02", stage="exploring")
    profiles = ApproachPage.objects.filter(pk__in=[needing.pk, presenter.pk, behind.pk])
    result = suggest([("support_need", "expertise")], profiles)
    assert len(result.needs) == 1
    [need] = result.needs
    assert need.approaches == [needing]
    assert any("Heeft behoefte aan ondersteuning: 'Deskundigheidsbevordering'" in r for r in need.reasons)
    [present] = result.presenters
    assert present.approaches == [presenter]
    joined = " ".join(present.reasons)
    assert "Verder gevorderd" in joined and "Deskundigheidsmaatregelen" in joined
    assert behind not in [page for item in result.presenters for page in item.approaches]

    result = suggest([("execution_bottleneck", "late_recognition")], profiles)
    assert [item.approaches for item in result.needs] == [[needing]]
    assert "Meldt geen knelpunten in de uitvoering" in " ".join(result.presenters[0].reasons)


def test_region_with_two_profiles_appears_once(demo):
    first = make_approach("JZ05", support_needs=["cost_benefit"])
    second = make_approach("JZ05", support_needs=["cost_benefit"])
    result = suggest(
        [("support_need", "cost_benefit")], ApproachPage.objects.filter(pk__in=[first.pk, second.pk])
    )
    assert len(result.needs) == 1
    assert set(result.needs[0].approaches) == {first, second}


def test_unpublished_profiles_are_not_suggested(demo):
    draft = make_approach("JZ07", publish=False, live=False, support_needs=["basic_offer"])
    result = suggest([("support_need", "basic_offer")], ApproachPage.objects.live())
    assert draft not in [page for item in result.needs for page in item.approaches]
