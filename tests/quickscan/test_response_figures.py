"""Optional cost, reach and outcome figures at the end of the online quickscan, on the Response."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from quickscan import flow
from quickscan.models import Response
from tests.quickscan.test_online_questionnaire import post_step, q4_code, step_url

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year - 1


def _to_closing(client, token):
    post_step(client, token, "general", {"q2": "Beleidsadviseur", "q3": "50k_100k"})
    post_step(client, token, "attention", {"q4": q4_code("f")})
    post_step(client, token, "not_active", {"q5": "Geen capaciteit."})


def test_the_closing_step_offers_the_figures_as_optional_and_stores_them(client, token, invitation):
    _to_closing(client, token)
    html = client.get(step_url(token, flow.CLOSING)).content.decode()
    assert "Jaarbudget (euro)" in html and "Optioneel; de quickscan 2025 vroeg hier niet naar." in html
    post_step(
        client,
        token,
        flow.CLOSING,
        {"annual_budget": "80000", "fte": "1.5", "reached_parents": "120", "figures_year": str(YEAR)},
    )
    response = Response.objects.get(invitation=invitation)
    assert response.annual_budget == Decimal(80000) and response.fte == Decimal("1.5")
    assert response.reached_parents == 120 and response.figures_year == YEAR
    again = client.get(step_url(token, flow.CLOSING)).content.decode()
    assert 'value="80000"' in again  # resumable like every other answer


def test_nothing_is_required(client, token, invitation):
    _to_closing(client, token)
    post_step(client, token, flow.CLOSING, {})
    assert Response.objects.get(invitation=invitation).annual_budget is None


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"reached_children": "5000000", "figures_year": str(YEAR)}, "reached_children", "niet aannemelijk"),
        ({"annual_budget": "1000"}, "figures_year", "Vul in op welk jaar"),
        (
            {"reached_parents": "3", "parents_right_help": "9", "figures_year": str(YEAR)},
            "parents_right_help",
            "Er kunnen niet meer ouders",
        ),
    ],
)
def test_bad_figures_get_a_dutch_message_and_nothing_is_saved(
    client, token, invitation, data, field, message
):
    _to_closing(client, token)
    page = post_step(client, token, flow.CLOSING, data, expect=400)
    assert message in page.content.decode()
    assert message in str(page.context["form"].errors[field])
    response = Response.objects.get(invitation=invitation)
    assert (
        response.reached_children is None
        and response.annual_budget is None
        and response.parents_right_help is None
    )


def test_the_figures_go_with_the_answers_to_the_profile_draft(token, invitation):
    from practices import survey_import
    from quickscan import handoff
    from quickscan.handoff import import_row

    response = Response.objects.create(
        round=invitation.round,
        invitation=invitation,
        answers={"q4": q4_code("a")},
        annual_budget=Decimal(90000),
        fte=Decimal("0.8"),
        referrals_heavier_help=12,
        figures_year=YEAR,
    )
    response.refresh_from_db()
    row = import_row(response)
    assert row["p_annual_budget"] == "90000" and row["p_fte"] == "0,80"
    assert row["p_referrals_heavier_help"] == "12" and row["p_figures_year"] == str(YEAR)
    assert "p_reached_parents" not in row  # not given, not sent
    plan = survey_import.plan_import(handoff._as_csv(row))  # the import takes them as they are
    assert plan.ok, plan.problems
    fields = plan.rows[0].fields
    assert fields["fte"] == Decimal("0.8") and fields["referrals_heavier_help"] == 12
    assert fields["figures_year"] == YEAR
