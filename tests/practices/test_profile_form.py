"""The profile's admin form: a new profile from a title alone, errors that say where they are,
exclusive options, the route's notes, completeness."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model

from practices import completeness, questionnaire, taxonomy
from practices.answers import answers_by_section
from practices.models import ApproachPage
from regions.models import RegionPage
from tests.admin_forms import form_data, post_data, streamfield_post_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def coordinator(demo):
    return get_user_model().objects.get(username="coordinator-haaglanden")


@pytest.fixture
def haaglanden(demo):
    return RegionPage.objects.get(slug="haaglanden")


def _add_url(region):
    return f"/admin/pages/add/practices/approachpage/{region.pk}/"


def _new_form(client, region):
    response = client.get(_add_url(region))
    assert response.status_code == 200
    return response.content.decode()


def _post(client, url, html, **changes):
    data = post_data(form_data(html), **changes)
    data.update(streamfield_post_data("body", []))
    return client.post(url, data)


def test_a_new_profile_needs_only_a_title_and_gets_its_slug_from_it(client, coordinator, haaglanden):
    client.force_login(coordinator)
    html = _new_form(client, haaglanden)
    response = _post(
        client,
        _add_url(haaglanden),
        html,
        title="Ouderschap na scheiding Delft",
        summary="Kort verhaal.",
        slug="",
    )
    assert response.status_code == 302, BeautifulSoup(response.content, "html.parser").select(".messages")
    page = ApproachPage.objects.get(title="Ouderschap na scheiding Delft")
    assert page.slug == "ouderschap-na-scheiding-delft"
    assert page.get_parent().specific == haaglanden
    assert page.summary == "Kort verhaal."
    assert not page.live


def test_the_title_field_fills_the_slug_in_the_browser(client, coordinator, haaglanden):
    client.force_login(coordinator)
    soup = BeautifulSoup(_new_form(client, haaglanden), "html.parser")
    title = soup.select_one("#id_title")
    assert "w-sync" in title.get("data-controller", "")
    assert "#id_slug" in title.get("data-w-sync-target-value", "")


def test_the_form_has_four_tabs_and_every_section_as_a_part(client, coordinator, haaglanden):
    client.force_login(coordinator)
    soup = BeautifulSoup(_new_form(client, haaglanden), "html.parser")
    tabs = [tab.get_text(" ", strip=True) for tab in soup.select("[role=tablist] [role=tab]")]
    assert len(tabs) <= 4, tabs  # a coordinator has no "Instellingen" (no publishing schedule)
    assert tabs[0].startswith("Profiel")
    headings = [h.get_text(" ", strip=True) for h in soup.select("section[data-profile-section] h2")]
    assert headings == [section.title for section, _answers in answers_by_section()]


def test_errors_name_the_tab_part_and_field(client, coordinator, haaglanden):
    client.force_login(coordinator)
    response = _post(
        client,
        _add_url(haaglanden),
        _new_form(client, haaglanden),
        title="Tegenstrijdig",
        cooperation_bottlenecks=["none", "poor_cooperation"],
    )
    assert response.status_code == 200
    messages = (
        BeautifulSoup(response.content, "html.parser").select_one(".messages").get_text(" ", strip=True)
    )
    assert "kunt u niet combineren met andere antwoorden" in messages
    assert "Geen knelpunten" in messages
    assert "tabblad ‘Profiel’ › Knelpunten en behoeften: Knelpunten in de samenwerking" in messages
    assert not ApproachPage.objects.filter(title="Tegenstrijdig").exists()


def test_a_taken_slug_names_the_promote_tab(client, coordinator, haaglanden):
    client.force_login(coordinator)
    response = _post(
        client,
        _add_url(haaglanden),
        _new_form(client, haaglanden),
        title="Dubbel",
        slug="scheidingspunt-zoetermeer",
    )
    messages = (
        BeautifulSoup(response.content, "html.parser").select_one(".messages").get_text(" ", strip=True)
    )
    assert "tabblad ‘Promoten’" in messages


@pytest.mark.parametrize("code", ["none"])
def test_an_exclusive_option_alone_is_accepted(client, coordinator, haaglanden, code):
    client.force_login(coordinator)
    html = _new_form(client, haaglanden)
    response = _post(
        client, _add_url(haaglanden), html, title="Geen knelpunten hier", cooperation_bottlenecks=[code]
    )
    assert response.status_code == 302
    assert ApproachPage.objects.get(title="Geen knelpunten hier").cooperation_bottlenecks == [code]


def _parts(html):
    soup = BeautifulSoup(html, "html.parser")
    return {
        section.select_one("h2").get_text(" ", strip=True): section
        for section in soup.select("section[data-profile-section]")
    }


def _visible_notes(section):
    return [
        note.get_text(" ", strip=True)
        for note in section.select("[data-route-note]")
        if not note.has_attr("hidden")
    ]


def test_parts_outside_the_route_are_collapsed_with_a_note(client, coordinator, haaglanden):
    page = ApproachPage.objects.get(slug="scheidingspunt-zoetermeer")
    page.stage = "no_action"  # q4 f: the short version, Q5-Q7 only
    page.save_revision()
    client.force_login(coordinator)
    parts = _parts(client.get(f"/admin/pages/{page.pk}/edit/").content.decode())
    routing = completeness.routing_for_stage("no_action")
    for section, _answers in answers_by_section():
        part = parts[section.title]
        if section.applies_to(routing):
            assert "collapsed" not in part["class"], section.key
        else:
            assert "collapsed" in part["class"], section.key
            assert any("alleen bij fase" in note for note in _visible_notes(part)), section.key
    assert not any("collapsed" in part["class"] for part in parts.values() if part is parts["Organisatie"])
    assert "collapsed" in parts["Knelpunten en behoeften"]["class"]


def test_questions_outside_the_route_carry_a_note(client, coordinator, haaglanden):
    page = ApproachPage.objects.get(slug="scheidingspunt-zoetermeer")
    page.stage = "implementing"  # q4 b: Q13-Q15, not Q8-Q12
    page.save_revision()
    client.force_login(coordinator)
    soup = BeautifulSoup(client.get(f"/admin/pages/{page.pk}/edit/").content.decode(), "html.parser")
    start = soup.select_one("#id_start_period").find_parent(attrs={"data-profile-question": True})
    consultation = soup.select_one("#id_consultation_mode").find_parent(attrs={"data-profile-question": True})
    assert "profile-question--not-asked" in start["class"]
    implemented = taxonomy.label("stage", "implemented")
    assert any(f"alleen bij fase ‘{implemented}’" in note for note in _visible_notes(start))
    assert "profile-question--not-asked" not in consultation["class"]
    assert not _visible_notes(consultation)


def test_the_stage_seen_is_the_one_posted(client, coordinator, haaglanden):
    """After an invalid post the notes follow the stage in the form, not the stored one."""
    client.force_login(coordinator)
    html = _new_form(client, haaglanden)
    parts = _parts(
        _post(client, _add_url(haaglanden), html, title="", stage="chosen_not_to").content.decode()
    )
    assert "collapsed" in parts["Financiering"]["class"]


def test_question_help_is_the_question_text(client, coordinator, haaglanden):
    client.force_login(coordinator)
    html = _new_form(client, haaglanden)
    for question_id in ("q4", "q24", "p_front_door"):
        assert questionnaire.question(question_id).texts["nl"] in html


def test_completeness_counts_what_the_route_asks():
    page = ApproachPage(title="x", stage="", cooperation_bottlenecks=["none"])
    everything = completeness.completeness(page)
    assert everything.total == sum(len(answers) for _section, answers in answers_by_section())
    assert everything.answered == 1  # Q24; related answers need a saved page

    page.stage = "no_attention"  # h: the short version
    short = completeness.completeness(page)
    assert short.total < everything.total
    names = {a.name for part in short.sections for a in (*part.answered, *part.empty)}
    assert "stage" in names and "no_approach_reason" in names
    assert "complex_divorce_frequency" in names  # asked as q6, stored like q16
    assert "cooperation_bottlenecks" not in names  # Q24 is for stages a-d
    assert short.answered == 1  # the stage; Q24's answer is not counted at this stage


def test_completeness_panel_lists_empty_questions(client, coordinator):
    page = ApproachPage.objects.get(slug="scheidingspunt-zoetermeer")
    client.force_login(coordinator)
    soup = BeautifulSoup(client.get(f"/admin/pages/{page.pk}/edit/").content.decode(), "html.parser")
    panel = soup.select_one(".profile-completeness")
    result = completeness.completeness(page.get_latest_revision_as_object())
    assert f"{result.answered} van {result.total} vragen beantwoord" in panel.get_text(" ", strip=True)
    empty = [str(a.label) for part in result.sections for a in part.empty]
    for label in empty:
        assert label in panel.get_text(" ", strip=True)


def test_anders_namelijk_is_stored_with_its_option(client, coordinator, haaglanden):
    client.force_login(coordinator)
    html = _new_form(client, haaglanden)
    soup = BeautifulSoup(html, "html.parser")
    wrapper = soup.select_one("#id_q24_other").find_parent(attrs={"data-other-answer": True})
    assert (
        wrapper["data-other-answer"] == "cooperation_bottlenecks" and wrapper["data-other-codes"] == "other"
    )
    response = _post(
        client,
        _add_url(haaglanden),
        html,
        title="Met toelichting",
        cooperation_bottlenecks=["other"],
        q24_other="Wisselende contactpersonen",
    )
    assert response.status_code == 302
    page = ApproachPage.objects.get(title="Met toelichting")
    assert page.other_answers == {"q24": "Wisselende contactpersonen"}
    edit = client.get(f"/admin/pages/{page.pk}/edit/").content.decode()
    assert (
        BeautifulSoup(edit, "html.parser").select_one("#id_q24_other")["value"]
        == "Wisselende contactpersonen"
    )


def test_anders_namelijk_without_its_option_is_refused_in_dutch(client, coordinator, haaglanden):
    client.force_login(coordinator)
    response = _post(
        client,
        _add_url(haaglanden),
        _new_form(client, haaglanden),
        title="Zonder optie",
        cooperation_bottlenecks=["poor_cooperation"],
        q24_other="Iets anders",
    )
    assert response.status_code == 200
    assert "maar koos die optie niet" in response.content.decode()
    assert not ApproachPage.objects.filter(title="Zonder optie").exists()
