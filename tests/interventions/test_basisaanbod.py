"""/basisaanbod/: the explanation before a proposal exists; with one, coverage per region and
municipality from published profiles and the latest quickscan round (anonymous: per region only,
counts under 5 hidden), the gaps, and the trend over rounds."""

from __future__ import annotations

import pytest
from django.utils import timezone

from interventions import coverage
from interventions.models import BasisaanbodElement, BasisaanbodPage
from practices.models import Intervention
from quickscan.models import Response, Round
from regions.models import Municipality
from tests.factories import make_approach

pytestmark = pytest.mark.django_db

REGION, SMALL, OTHER = "JZ39", "JZ41", "JZ02"  # Zuidoost-Brabant (21), Zuid-Limburg (16), Friesland (18)


def _codes(region, n):
    return list(
        Municipality.objects.filter(youth_care_region__code=region)
        .order_by("code")
        .values_list("code", flat=True)[:n]
    )


def _respond(round_, code, offers):
    response = Response.objects.create(
        round=round_,
        source=Response.Source.IMPORT,
        answers={"q4": "implemented", "q21": offers},
        submitted_at=timezone.now(),
    )
    response.municipalities.set(Municipality.objects.filter(code=code))
    return response


@pytest.fixture
def proposal(demo):
    page = BasisaanbodPage.objects.get()
    kies = Intervention.objects.get(name__startswith="KIES")
    page.proposed_on = timezone.localdate()
    page.elements = [
        BasisaanbodElement(offer="divorce_desk", reason="Eén loket voor ouders.", sort_order=0),
        BasisaanbodElement(intervention=kies, reason="Erkend effectief.", sort_order=1),
    ]
    page.save_revision().publish()
    return BasisaanbodPage.objects.get()


@pytest.fixture
def survey(demo):
    old = Round.objects.create(label="2026", title="Ronde 2026", status=Round.Status.CLOSED)
    for code in _codes(REGION, 5):
        _respond(old, code, ["local_team_help"])
    latest = Round.objects.create(label="2027", title="Ronde 2027", status=Round.Status.CLOSED)
    for code in _codes(REGION, 6):
        _respond(latest, code, ["divorce_desk", "mediation"])
    for code in _codes(SMALL, 4):  # a region with fewer than 5 responses
        _respond(latest, code, ["divorce_desk"])
    only = _respond(latest, _codes(OTHER, 1)[0], ["divorce_desk"])  # one municipality alone
    return latest, only


def test_before_a_proposal_the_page_explains_what_it_will_show(client, demo):
    response = client.get("/basisaanbod/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Hier komt een voorstel voor een landelijk basisaanbod" in html
    assert "hoe de dekking verandert over de quickscanrondes" in html


def test_coverage_numbers_on_a_small_fixture(proposal, survey):
    one, two = _codes(REGION, 2)
    profile = make_approach(REGION, municipalities=[one, two], offers=["divorce_desk"])
    regional = make_approach(SMALL, offers=["divorce_desk"])  # names no municipality
    assert profile.live and regional.live
    result = coverage.basisaanbod_coverage(proposal.elements.select_related("intervention"))
    desk, kies = result.elements
    regions = {r.code: r for r in result.regions}

    assert result.round_label == "2027"
    main = regions[REGION]
    assert main.municipalities == 21
    assert main.by_profile[desk.key] == 2 and main.in_region[desk.key]
    assert main.survey_base == 6 and main.by_survey[desk.key] == 6
    assert main.by_survey[kies.key] is None  # KIES has no Q21 answer to be reported under
    assert [e.key for e in main.gaps(result.elements)] == [kies.key]

    small = regions[SMALL]
    assert small.in_region[desk.key] and desk.key not in small.by_profile  # regional profile
    assert small.survey_base is None and small.by_survey[desk.key] is None  # 4 responses: hidden

    # No demo profile links KIES: the study names it "in enkele regio's" without saying which
    assert not any(region.in_region.get(kies.key) for region in result.regions)
    assert result.covered_regions(desk.key) == 2


def test_a_single_municipalitys_answer_is_never_shown(client, proposal, survey):
    latest, only = survey
    result = coverage.basisaanbod_coverage(proposal.elements.select_related("intervention"))
    friesland = next(r for r in result.regions if r.code == OTHER)
    assert friesland.survey_base is None and set(friesland.by_survey.values()) == {None}
    lone = only.municipalities.get()
    # per municipality only profiles count: the survey answer does not make it "covered"
    assert lone.code not in result.municipality_offers
    html = client.get("/basisaanbod/").content.decode()
    assert lone.name not in html


def test_small_counts_in_a_large_region_are_hidden(proposal, demo):
    round_ = Round.objects.create(label="2028", title="Ronde 2028", status=Round.Status.CLOSED)
    codes = _codes(REGION, 7)
    for code in codes[:3]:
        _respond(round_, code, ["divorce_desk"])
    for code in codes[3:]:
        _respond(round_, code, ["mediation"])
    result = coverage.basisaanbod_coverage(proposal.elements.select_related("intervention"))
    main = next(r for r in result.regions if r.code == REGION)
    assert main.survey_base == 7
    assert main.by_survey[result.elements[0].key] is None  # 3 of 7: fewer than 5, hidden


def test_the_page_shows_elements_reasons_coverage_and_trend(client, proposal, survey):
    response = client.get("/basisaanbod/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Eén loket voor ouders." in html and "Erkend effectief." in html
    assert "Dekking per jeugdregio" in html and "Zuidoost-Brabant" in html
    trend = {row.round_label: row for row in response.context["trend"]}
    assert set(trend) == {"2026", "2027"}
    desk = response.context["coverage"].elements[0].key
    assert trend["2026"].shares[desk] == 0.0
    assert trend["2027"].base == 11 and trend["2027"].shares[desk] == 100.0


def test_an_element_is_an_offer_type_or_an_intervention(demo):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        BasisaanbodElement(reason="x").clean()
    with pytest.raises(ValidationError):
        BasisaanbodElement(reason="x", offer="uha", intervention=Intervention.objects.first()).clean()
    BasisaanbodElement(reason="x", offer="uha").clean()
