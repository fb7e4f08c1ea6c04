"""The online questionnaire through a personal link: routes, saving, resuming, submitting."""

from __future__ import annotations

import pytest
from django.urls import reverse
from hypothesis import given
from hypothesis import strategies as st

from practices import questionnaire
from practices.models import ApproachPage
from quickscan import flow
from quickscan.models import Response


def step_url(token, step):
    return reverse("quickscan:step", kwargs={"token": token, "step": step})


def post_step(client, token, step, data, expect=302):
    response = client.post(step_url(token, step), data)
    assert response.status_code == expect, response.content.decode()[:2000]
    return response


def q4_code(letter):
    return next(term.code for term in questionnaire.question("q4").options() if term.letter == letter)


def test_start_page_explains_and_the_first_step_asks_q1_to_q3(client, token):
    page = client.get(reverse("quickscan:start", kwargs={"token": token}))
    assert page.status_code == 200
    html = page.content.decode()
    assert "Middelburg" in html
    assert "anoniem" in html  # the questionnaire's own promise, verbatim from the data
    first = client.get(step_url(token, "general")).content.decode()
    assert "Welke gemeente(n) vertegenwoordigt u?" in first
    assert "Wat is de grootte van uw gemeente?" in first
    assert "Waar staat uw gemeente" not in first


def test_short_route_asks_only_q5_to_q7_then_closing(client, token, invitation):
    post_step(client, token, "general", {"q2": "Beleidsadviseur", "q3": "50k_100k"})
    post_step(client, token, "attention", {"q4": q4_code("f")})
    response = Response.objects.get(invitation=invitation)
    keys = [step.key for step in flow.steps_for(response.answers)]
    assert keys == ["general", "attention", "not_active", flow.CLOSING, flow.SUMMARY]
    html = client.get(step_url(token, "not_active")).content.decode()
    assert "Wat is de voornaamste reden" in html
    post_step(client, token, "not_active", {"q5": "Geen capaciteit.", "q6": "sometimes", "q7": "Walcheren."})
    post_step(client, token, flow.CLOSING, {"interview_consent": "no"})
    summary = client.get(step_url(token, flow.SUMMARY)).content.decode()
    assert "Geen capaciteit." in summary and "Soms" in summary
    done = client.post(step_url(token, flow.SUMMARY))
    assert done.status_code == 302 and done["Location"].endswith("/bedankt/")
    response.refresh_from_db()
    assert response.is_complete
    assert response.answers["q4"] == q4_code("f") and response.answers["q6"] == "sometimes"


def test_a_step_outside_the_route_redirects_back(client, token):
    post_step(client, token, "attention", {"q4": q4_code("e")})
    page = client.get(step_url(token, "implemented"))
    assert page.status_code == 302


def test_resume_where_the_respondent_left_off_from_another_device(client, token):
    post_step(client, token, "general", {"q2": "Adviseur"})
    post_step(client, token, "attention", {"q4": q4_code("a")})
    from django.test import Client

    other_device = Client()
    again = other_device.get(reverse("quickscan:start", kwargs={"token": token}))
    assert again.status_code == 302 and again["Location"] == step_url(token, "implemented")
    page = other_device.get(step_url(token, "general")).content.decode()
    assert "Adviseur</textarea>" in page


def test_changing_q4_drops_answers_outside_the_new_route_with_a_warning(client, token, invitation):
    post_step(client, token, "attention", {"q4": q4_code("a")})
    post_step(client, token, "implemented", {"q8": "after_2021", "q11": "Minder escalaties."})
    page = client.post(step_url(token, "attention"), {"q4": q4_code("b")}, follow=True)
    assert "verandert de route" in page.content.decode()
    response = Response.objects.get(invitation=invitation)
    assert "q8" not in response.answers and "q11" not in response.answers


def test_exclusive_option_stands_alone(client, token):
    post_step(client, token, "attention", {"q4": q4_code("c")})
    page = post_step(client, token, "bottlenecks", {"q24": ["none", "poor_cooperation"]}, expect=400)
    assert "niet combineren" in page.content.decode()


def test_other_explanation_is_kept_with_its_option(client, token, invitation):
    post_step(client, token, "attention", {"q4": q4_code("a")})
    post_step(
        client, token, "implemented", {"q10": "other", "q10_other": "Alleen de training is onderzocht."}
    )
    response = Response.objects.get(invitation=invitation)
    assert response.answers["q10"] == "other"
    assert response.explanations["q10_other"] == "Alleen de training is onderzocht."


def test_q23_is_asked_as_four_statements_on_the_scale(client, token, invitation):
    post_step(client, token, "attention", {"q4": q4_code("d")})
    html = client.get(step_url(token, "professionals")).content.decode()
    assert html.count('name="q23_') >= 16  # four statements, four scale points each
    post_step(client, token, "professionals", {"q23_a": "always", "q23_d": "sometimes"})
    response = Response.objects.get(invitation=invitation)
    assert response.answers["q23"] == {"trust_not_control": "always", "child_central": "sometimes"}


def test_joint_response_covers_the_municipalities_named_in_q1(client, token, invitation):
    post_step(client, token, "general", {"q1": "Vlissingen, Veere"})
    response = Response.objects.get(invitation=invitation)
    assert sorted(m.code for m in response.municipalities.all()) == ["GM0687", "GM0717", "GM0718"]
    page = post_step(client, token, "general", {"q1": "Atlantis"}, expect=400)
    assert "Onbekende gemeente" in page.content.decode()


def test_consent_hands_the_answers_to_a_draft_profile_never_published(client, token, invitation):
    post_step(client, token, "attention", {"q4": q4_code("a")})
    post_step(client, token, "implemented", {"q8": "before_2018", "q11": "Minder vechtscheidingen."})
    post_step(client, token, "offer", {"q21": ["mediation", "parent_meetings"]})
    post_step(client, token, flow.CLOSING, {"use_for_profile": "on"})
    client.post(step_url(token, flow.SUMMARY))
    response = Response.objects.get(invitation=invitation)
    page = response.profile
    assert page is not None and not page.live
    draft = page.get_latest_revision_as_object()
    assert draft.stage == "implemented" and draft.start_period == "before_2018"
    assert draft.offers == ["mediation", "parent_meetings"]
    assert draft.measurable_results == "Minder vechtscheidingen."
    assert not ApproachPage.objects.filter(pk=page.pk, live=True).exists()


def test_without_consent_no_profile_is_touched(client, token, invitation):
    before = ApproachPage.objects.count()
    post_step(client, token, "attention", {"q4": q4_code("b")})
    post_step(client, token, flow.CLOSING, {})
    client.post(step_url(token, flow.SUMMARY))
    assert ApproachPage.objects.count() == before


@pytest.mark.parametrize(
    ("mutate", "status", "text"),
    [
        (lambda token, inv: token[:-3] + "abc", 400, "Deze link werkt niet"),
        (lambda token, inv: "niets", 400, "Deze link werkt niet"),
    ],
)
def test_tampered_links_get_a_dutch_explanation(client, token, invitation, mutate, status, text):
    page = client.get(reverse("quickscan:start", kwargs={"token": mutate(token, invitation)}))
    assert page.status_code == status
    assert text in page.content.decode()


def test_revoked_link_and_closed_round(client, token, invitation, open_round):
    from django.utils import timezone

    invitation.revoked_at = timezone.now()
    invitation.save()
    page = client.get(reverse("quickscan:start", kwargs={"token": token}))
    assert page.status_code == 410 and "ingetrokken" in page.content.decode()
    invitation.revoked_at = None
    invitation.save()
    open_round.close()
    page = client.get(step_url(token, "general"))
    assert page.status_code == 403 and "gesloten" in page.content.decode()


@given(st.sampled_from([term.letter for term in questionnaire.question("q4").options()]))
def test_routing_asks_exactly_the_routed_questions(letter):
    code = q4_code(letter)
    asked = {q.id for step in flow.steps_for({"q4": code}) for q in step.questions}
    expected = {"q1", "q2", "q3", "q4"}
    if letter in "efgh":
        expected |= {"q5", "q6", "q7"}
    else:
        expected |= {f"q{n}" for n in range(16, 29) if n != 22} | {"q22a", "q22b"}
        if letter == "a":
            expected |= {f"q{n}" for n in range(8, 13)}
        if letter == "b":
            expected |= {"q13", "q14", "q15"}
    assert asked == expected


def test_guessing_links_is_rate_limited_in_dutch(client, token, settings):
    from django.core.cache import cache

    cache.clear()
    settings.QUICKSCAN_BAD_LINK_RATE = "3/h"
    for attempt in range(3):
        page = client.get(reverse("quickscan:start", kwargs={"token": f"geraden{attempt}"}))
        assert page.status_code == 400
    page = client.get(reverse("quickscan:start", kwargs={"token": "geraden9"}))
    assert page.status_code == 429 and "te veel ongeldige links" in page.content.decode()
    assert client.get(reverse("quickscan:start", kwargs={"token": token})).status_code == 200
    cache.clear()


def test_map_consent_is_asked_at_the_close_and_kept(client, token, invitation):
    post_step(client, token, "attention", {"q4": q4_code("b")})
    page = client.get(step_url(token, flow.CLOSING)).content.decode()
    assert 'name="show_on_map"' in page and "openbare kaart" in page
    post_step(client, token, flow.CLOSING, {"show_on_map": "on"})
    assert Response.objects.get(invitation=invitation).show_on_map is True
    post_step(client, token, flow.CLOSING, {})  # taking it back before submitting
    assert Response.objects.get(invitation=invitation).show_on_map is False
