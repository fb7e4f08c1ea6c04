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
