"""Survey import: columns derived from the questionnaire, answers as a respondent read them, routes,
legacy names, every kind of bad row, dry-run, idempotent re-import, all-or-nothing."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Revision

from practices import answers, questionnaire, survey_import
from practices.models import ApproachPage, Intervention

pytestmark = pytest.mark.django_db

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "survey-import-example.csv"
HEADER = "gemeente,q4,q18,q21,q12,q23d,q22a,q24\n"
REST = ",,,,,,"  # the six cells after q4 in HEADER

# The example file of the first import format (before the questionnaire was data), unchanged.
LEGACY_EXAMPLE = Path(__file__).with_name("survey-import-legacy.csv")


def run(path, *args):
    out = StringIO()
    call_command("import_survey", str(path), *args, stdout=out)
    return out.getvalue()


def write(tmp_path, text, name="survey.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def snapshot():
    return (
        sorted(ApproachPage.objects.values_list("pk", "slug", "live")),
        Revision.objects.count(),
    )


def draft(slug):
    return ApproachPage.objects.get(slug=slug).get_latest_revision_as_object()


def plan(text):
    return survey_import.plan_import(text)


def problems(text):
    return [str(problem) for problem in plan(text).problems]


# --- the example file ---------------------------------------------------------------------------------


def test_example_file_creates_drafts_under_the_right_region(demo):
    before = ApproachPage.objects.live().count()
    output = run(EXAMPLE)
    assert "5 nieuw concept" in output and "let op" not in output
    pages = {p.slug: p for p in ApproachPage.objects.filter(slug__startswith="quickscan-")}
    assert set(pages) == {
        "quickscan-gm0153",
        "quickscan-gm0193",
        "quickscan-gm0344",
        "quickscan-gm0014",
        "quickscan-gm0093",
    }
    assert all(not page.live for page in pages.values())  # never published
    assert ApproachPage.objects.live().count() == before
    enschede = draft("quickscan-gm0153")
    assert enschede.region_page.youth_care_region == enschede.municipalities.first().youth_care_region
    assert enschede.stage == "implemented"  # the printed text of answer a
    assert enschede.start_period == "2018_2021"  # letter b
    assert enschede.evaluation_status == "not_evaluated"
    assert enschede.complex_divorce_frequency == "often"
    assert enschede.funding_quickscan == "jeugdwet"
    assert enschede.funding_sources == ["jeugdwet", "wmo"]
    assert enschede.offers == ["mediation", "parent_meetings", "child_training"]  # letters f;g;h
    assert enschede.has_vision is True
    assert enschede.vision == (
        "<p>Fictief voorbeeld: het kind staat centraal.</p><p>Ouders houden zelf de regie.</p>"
    )
    assert sorted(p.partner_type for p in enschede.partners.all()) == [
        "gp",
        "neighbourhood_team",
        "veilig_thuis",
    ]
    assert {p.principle: p.scale for p in enschede.principles.all()}["child_central"] == "always"
    assert [i.name for i in enschede.interventions.all()] == ["KIES (Kinderen In Echtscheiding Situatie)"]
    assert enschede.has_steering_group is True
    assert enschede.annual_budget == 85000 and str(enschede.fte) == "1.5"
    assert enschede.expertise_needs.startswith("Fictief: training")
    zwolle = draft("quickscan-gm0193")
    assert zwolle.stage == "planning"  # letter c
    assert zwolle.policy_ownership == "several_officers"
    assert zwolle.regional_cooperation.startswith("Fictief: afstemming")
    groningen = draft("quickscan-gm0014")
    assert groningen.stage == "implementing"
    assert groningen.consultation_mode == "partners_structural"
    assert groningen.has_vision is False  # Q15, stored as Q12
    assert groningen.execution_bottlenecks == ["none"]
    utrecht = draft("quickscan-gm0344")
    assert utrecht.stage == "exploring"  # the short label
    assert utrecht.cooperation_bottlenecks == ["none"]
    terschelling = draft("quickscan-gm0093")
    assert terschelling.stage == "no_action"
    assert terschelling.complex_divorce_frequency == "rarely"  # Q6, stored as Q16
    assert terschelling.regional_cooperation.startswith("Fictief: geen vaste")  # Q7, stored as Q17
    assert terschelling.no_approach_reason.startswith("Fictief")
    assert pages["quickscan-gm0093"].title == "Aanpak relaties en scheiding Terschelling"


def test_reimport_is_idempotent_and_updates_changes(demo, tmp_path):
    run(EXAMPLE)
    state = snapshot()
    output = run(EXAMPLE)
    assert "0 nieuw concept, 0 bijgewerkt, 5 ongewijzigd" in output
    assert snapshot() == state
    text = EXAMPLE.read_text(encoding="utf-8")
    changed = text.replace(",Zelden,Fictief: geen vaste", ",Nooit,Fictief: geen vaste")
    assert changed != text
    output = run(write(tmp_path, changed))
    assert "1 bijgewerkt" in output
    page = ApproachPage.objects.get(slug="quickscan-gm0093")
    assert page.get_latest_revision_as_object().complex_divorce_frequency == "never"
    assert not page.live


def test_dry_run_changes_nothing(demo):
    state = snapshot()
    output = run(EXAMPLE, "--dry-run")
    assert "Proefrun" in output and "5 nieuw concept" in output
    assert snapshot() == state


def test_update_of_published_profile_stays_a_draft(demo, tmp_path):
    run(EXAMPLE)
    page = ApproachPage.objects.get(slug="quickscan-gm0344")
    page.get_latest_revision().publish()
    run(write(tmp_path, HEADER + f"GM0344,implemented{REST}\n"))
    page.refresh_from_db()
    assert page.stage == "exploring"  # the live version is untouched
    assert page.has_unpublished_changes
    assert page.get_latest_revision_as_object().stage == "implemented"


# --- answers as a respondent read them -----------------------------------------------------------------


def _single_row(header, values):
    result = plan(f"gemeente,{header}\nZwolle,{values}\n")
    assert result.ok, [str(problem) for problem in result.problems]
    return result.rows[0]


def test_verbatim_option_text_is_accepted(demo):
    row = _single_row(
        "q4,q19,q21",
        '"Gemeente is vergevorderd in de ontwikkeling, de plannen die zijn ontwikkeld worden '
        'geïmplementeerd.",'
        '"Nee, het thema is niet bij een bepaalde (beleids)medewerker belegd.",'
        '"Website(s) met informatie over (echt)scheidingen|Het Uniforme Hulpaanbod (UHA)"',
    )
    assert row.fields == {
        "stage": "implementing",
        "policy_ownership": "not_assigned",
        "offers": ["information_website", "uha"],
    }


def test_texts_without_accents_or_final_full_stop_and_english_texts_are_accepted(demo):
    row = _single_row(
        "q4,q22a",
        "Gemeente heeft een duidelijke aanpak geimplementeerd en werkt aan borging,"
        "Social neighbourhood teams/youth teams;JEUGD GGZ",
    )
    assert row.fields["stage"] == "implemented"
    assert row.partner_types == ["neighbourhood_team", "youth_mental_health"]


def test_letters_are_accepted(demo):
    row = _single_row("q4,q8,q24,q23a,q12", "a,c,a;c,b,B")
    assert row.fields == {
        "stage": "implemented",
        "start_period": "after_2021",
        "cooperation_bottlenecks": ["lack_of_knowledge", "different_principles"],
        "has_vision": True,  # Q12 printed a) Nee, b) Ja
    }
    assert row.principles == {"trust_not_control": "sometimes"}


def test_other_namely_with_an_explanation_is_accepted_with_a_warning(demo):
    result = plan('gemeente,q4,q9\nZwolle,a,"Anders, namelijk: via de GGD-regio"\n')
    assert result.ok
    assert result.rows[0].fields["cooperation_mode"] == "other"
    assert any(
        "via de GGD-regio" in str(warning) and "niet opgeslagen" in str(warning)
        for warning in result.warnings
    )


def test_same_as_questions_are_stored_in_one_field(demo):
    not_active = _single_row("q4,q6,q7", "e,Heel vaak,Fictief: met de buurgemeenten")
    assert not_active.fields == {
        "stage": "not_started",
        "complex_divorce_frequency": "very_often",
        "regional_cooperation": "Fictief: met de buurgemeenten",
    }
    advanced = _single_row("q4,q15", "b,Ja")
    assert advanced.fields == {"stage": "implementing", "has_vision": True}


def test_profile_questions_numbers_dates_and_relations(demo):
    Intervention.objects.get_or_create(name="Dappere Dino's")
    row = _single_row(
        "p_level,p_start_year,p_fte,p_annual_budget,p_last_evaluated,p_interventions,p_has_steering_group",
        'Regionaal,2019,"0,8",120000,17-03-2025,dappere dino\'s,nee',
    )
    assert row.fields["level"] == "regional"
    assert row.fields["start_year"] == 2019
    assert str(row.fields["fte"]) == "0.8"
    assert row.fields["annual_budget"] == 120000
    assert row.fields["last_evaluated"].isoformat() == "2025-03-17"
    assert row.fields["has_steering_group"] is False
    assert [item.name for item in row.relations["interventions"]] == ["Dappere Dino's"]


def test_q1_is_another_name_for_gemeente(demo):
    result = plan("q1,q4\nZwolle,c\n")
    assert result.ok and result.rows[0].municipality.code == "GM0193"


# --- legacy column names ------------------------------------------------------------------------------


def test_legacy_column_names_still_import(demo):
    output = run(LEGACY_EXAMPLE)
    assert "4 nieuw concept" in output
    assert "rij 1, kolom q4_fase: verouderde kolomnaam; gebruik voortaan q4" in output
    enschede = draft("quickscan-gm0153")
    assert enschede.stage == "implemented"
    assert enschede.complex_divorce_frequency == "often"
    assert enschede.cooperation_mode == "regional_joint"
    assert enschede.funding_sources == ["jeugdwet", "wmo"]  # q18_financiering: the profile's sources
    assert enschede.vision == "<p>Fictief voorbeeld: het kind staat centraal.</p>"
    assert enschede.national_bottlenecks == ["funding_measurability"]
    assert enschede.support_needs == ["basic_offer", "cost_benefit"]
    assert {p.principle: p.scale for p in enschede.principles.all()} == {
        "trust_not_control": "always",
        "responsibility_with_parents": "sometimes",
        "language_awareness": "sometimes",
        "child_central": "always",
    }
    zwolle = draft("quickscan-gm0193")
    assert zwolle.stage == "planning"
    assert zwolle.has_vision is False  # legacy columns are not checked against the route
    assert zwolle.funding_sources == ["jeugdwet"]  # Q18's printed text, mapped to the profile's code
    assert zwolle.support_needs == ["national_information"]


def test_every_legacy_name_points_at_a_current_column():
    by_name = survey_import.columns_by_name()
    for old, new in survey_import.LEGACY_NAMES.items():
        assert by_name[old].deprecated and by_name[old].target == by_name[new].target


def test_a_legacy_and_a_current_name_for_one_question_conflict(demo):
    assert (
        "rij 1, kolom q4: de kolommen q4_fase en q4 beantwoorden dezelfde vraag; gebruik er één"
        in problems("gemeente,q4_fase,q4\nZwolle,c,c\n")
    )


# --- derived columns ----------------------------------------------------------------------------------


def test_a_column_exists_for_every_answer_of_the_profile():
    stored = {column.target for column in survey_import.columns() if not column.alias_of}
    for answer in answers.profile_answers():
        if answer.kind == answers.PRINCIPLES:
            continue
        assert answer.name in stored, answer.question.id
    principles = {column.statement.code for column in survey_import.columns() if column.kind == "principle"}
    assert principles == {term.code for term in questionnaire.question("q23").options()}


def test_every_question_of_the_questionnaire_has_a_column_named_by_its_id():
    names = {column.name for column in survey_import.columns()}
    for question in questionnaire.load().questions:
        if question.type == questionnaire.SCALE:
            assert {f"{question.id}{term.letter}" for term in question.options()} <= names
        else:
            assert question.id in names, question.id


def test_columns_option_prints_questions_and_accepted_answers(demo):
    out = StringIO()
    call_command("import_survey", "--columns", stdout=out)
    text = out.getvalue()
    for column in survey_import.columns():
        assert column.name in text
    q4 = questionnaire.question("q4")
    assert q4.texts["nl"] in text
    for term in q4.options():
        assert f"{term.letter}) {dict(term.texts)['nl']}" in text and term.code in text
    assert "alleen bij q4 = a, b, c, d" in text
    assert "q4_fase -> q4" in text


def test_command_without_file_asks_for_one(demo):
    with pytest.raises(CommandError, match="--columns"):
        call_command("import_survey", stdout=StringIO())


# --- bad input ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "rows, expected",
    [
        (f"Nergenshuizen,c{REST}\n", "rij 2, kolom gemeente: onbekende gemeente 'Nergenshuizen'"),
        (f"GM9999,c{REST}\n", "rij 2, kolom gemeente: onbekende CBS-code 'GM9999'"),
        (f",c{REST}\n", "rij 2, kolom gemeente: leeg"),
        (f"Zwolle,c{REST}\nGM0193,d{REST}\n", "rij 3, kolom gemeente: Zwolle staat al in rij 2"),
        (
            f"Zwolle,bijna klaar{REST}\n",
            "rij 2, kolom q4: onbekende waarde 'bijna klaar' (gebruik de letter",
        ),
        (f"Zwolle,c;d{REST}\n", "rij 2, kolom q4: precies één antwoord verwacht"),
        ("Zwolle,c,a;b,,,,,\n", "rij 2, kolom q18: precies één antwoord verwacht"),
        ("Zwolle,c,,mediation;toverstaf,,,,\n", "rij 2, kolom q21: onbekende waarde 'toverstaf'"),
        ("Zwolle,a,,,misschien,,,\n", "rij 2, kolom q12: 'misschien' is geen ja of nee"),
        ("Zwolle,c,,,,vaak,,\n", "rij 2, kolom q23d: onbekende waarde 'vaak'"),
        ("Zwolle,c,,,,,tandarts,\n", "rij 2, kolom q22a: onbekende waarde 'tandarts'"),
        (
            'Zwolle,c,,,,,,"We ervaren momenteel geen knelpunten in de samenwerking.;b"\n',
            "rij 2, kolom q24: 'Geen knelpunten in de samenwerking' kunt u niet combineren met andere "
            "antwoorden",
        ),
        (
            "Zwolle,c,,,ja,,,\n",
            "rij 2, kolom q12: vraag 12 wordt niet gesteld bij antwoord c op vraag 4 (alleen bij a)",
        ),
        (
            "Zwolle,,a,,,,,\n",
            "rij 2, kolom q18: vraag 18 wordt alleen gesteld bij bepaalde antwoorden op vraag 4",
        ),
        (f"Zwolle,c{REST},extra\n", "rij 2, kolom -: meer waarden dan kolommen"),
    ],
)
def test_bad_rows_are_reported_and_nothing_changes(demo, tmp_path, rows, expected):
    state = snapshot()
    good_first = f"GM0153,a{REST}\n"
    out = StringIO()
    with pytest.raises(CommandError, match="Niets opgeslagen"):
        call_command("import_survey", str(write(tmp_path, HEADER + good_first + rows)), stdout=out)
    report = out.getvalue()
    shifted = expected.replace("rij 3", "rij 4").replace("rij 2", "rij 3")
    assert shifted in report
    assert snapshot() == state


def test_an_invalid_route_answer_is_reported_once(demo):
    reported = problems("gemeente,q4,q18\nZwolle,bijna klaar,a\n")
    assert len(reported) == 1 and "kolom q4: onbekende waarde" in reported[0]


@pytest.mark.parametrize(
    "header, value, expected",
    [
        ("p_annual_budget", "120.000", "'120.000' is geen geheel getal"),
        ("p_fte", '"1,255"', "'1,255' is geen getal met hoogstens 2 decimalen"),
        ("p_start_year", "1800", "'1800': "),
        ("p_meeting_cadence_weeks", "vaak", "'vaak' is geen geheel getal"),
        ("p_last_evaluated", "31-02-2025", "'31-02-2025' is geen datum"),
        ("p_interventions", "Toverdrank", "onbekende interventie 'Toverdrank'"),
        ("naam_aanpak", "x" * 256, "de naam is langer dan 255 tekens"),
    ],
)
def test_bad_profile_values(demo, header, value, expected):
    reported = problems(f"gemeente,{header}\nZwolle,{value}\n")
    assert any(f"kolom {header}: {expected}" in problem for problem in reported), reported


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", "rij 1, kolom -: het bestand is leeg"),
        ("gemeente,q4\n", "rij 2, kolom -: het bestand bevat geen rijen"),
        ("plaats,q4\nZwolle,c\n", "rij 1, kolom gemeente: verplichte kolom ontbreekt"),
        ("gemeente,q99_onzin\nZwolle,x\n", "rij 1, kolom q99_onzin: onbekende kolom"),
        ("gemeente,q4,q4\nZwolle,c,c\n", "rij 1, kolom -: een kolomnaam komt meer dan eens voor"),
    ],
)
def test_bad_files(demo, tmp_path, text, expected):
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("import_survey", str(write(tmp_path, text)), stdout=out)
    assert expected in out.getvalue()


def test_not_utf8(demo, tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("gemeente,q4\nSúdwest-Fryslân,c\n".encode("latin-1"))
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("import_survey", str(path), stdout=out)
    assert "geen UTF-8" in out.getvalue()


def test_semicolon_file_from_excel(demo, tmp_path):
    text = '\ufeffgemeente;q4;q21\nZwolle;c;"mediation;uha"\n'
    run(write(tmp_path, text))
    page = ApproachPage.objects.get(slug="quickscan-gm0193")
    assert page.get_latest_revision_as_object().offers == ["mediation", "uha"]


def test_failure_while_saving_rolls_back_everything(demo, tmp_path, monkeypatch):
    state = snapshot()
    original = survey_import.apply_row
    calls = []

    def flaky(row_plan, user=None):
        calls.append(row_plan.row)
        if len(calls) == 3:
            from django.core.exceptions import ValidationError

            raise ValidationError("kapot")
        return original(row_plan, user=user)

    monkeypatch.setattr(survey_import, "apply_row", flaky)
    with pytest.raises(CommandError, match="rij 4"):
        run(EXAMPLE)
    assert snapshot() == state  # the two rows saved before the failure are rolled back


def test_progress_is_reported(demo):
    output = run(EXAMPLE, "--progress-every", "2")
    assert "gecontroleerd: 2/5 rijen" in output
    assert "verwerkt: 5/5 rijen" in output
