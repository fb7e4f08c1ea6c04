"""Import of a whole round (one row per response) and the ministry's exports: every kind of bad
row or file named in Dutch with row and column, all-or-nothing, idempotent re-import, joint
responses, dry-run, the export -> import round trip, ministry-only downloads."""

from __future__ import annotations

import csv
import io
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from practices import questionnaire
from quickscan import exports, round_import
from quickscan.models import Response, Round
from regions.models import Municipality

pytestmark = pytest.mark.django_db

LONG_ROUTE = (
    "q1,q2,q3,q4,q8,q9,q9_other,q10,q11,q12,q12_explanation,q16,q17,q18,q19,q20,q21,q22a,q22b,"
    "q23a,q23b,q23c,q23d,q24,q25,q26,q27,q28\n"
    'Middelburg,Beleidsadviseur,d,a,b,"Anders, namelijk: via de GGD-regio",,a,Minder escalaties,'
    "Ja,Het kind centraal,Vaak,Met de buren,a,a,b,f|g|h,a|b,a|d,Altijd,Soms,Zelden,Altijd,"
    "d,a|e,Geen,Meer kennis,Training\n"
)


def plan(round_, text):
    return round_import.plan_round_import(round_, text)


def problems(round_, text) -> list[str]:
    return [str(problem) for problem in plan(round_, text).problems]


def run(tmp_path, text, *args, name="ronde.csv"):
    path = tmp_path / name
    path.write_bytes(text.encode("utf-8") if isinstance(text, str) else text)
    out = StringIO()
    try:
        call_command("import_survey", str(path), *args, stdout=out)
    except CommandError as error:
        raise CommandError(f"{error}\n{out.getvalue()}") from error
    return out.getvalue()


def imported(round_):
    return list(Response.objects.filter(round=round_, source=Response.Source.IMPORT).order_by("pk"))


def state(round_):
    return sorted(
        (tuple(sorted(r.municipalities.values_list("code", flat=True))), r.source, repr(r.answers))
        for r in Response.objects.filter(round=round_)
    )


# --- a good file -------------------------------------------------------------------------------------


def test_long_route_row_becomes_a_submitted_imported_response(open_round, tmp_path):
    output = run(tmp_path, LONG_ROUTE, "--round", "2027")
    assert "1 antwoorden in ronde 2027" in output
    [response] = imported(open_round)
    assert response.is_complete and response.source == "import"
    assert [m.code for m in response.municipalities.all()] == ["GM0687"]
    assert response.answers["q4"] == "implemented"
    assert response.answers["q8"] == "2018_2021"  # letter b
    assert response.answers["q9"] == "other"
    assert response.answers["q12"] == "yes"
    assert response.answers["q21"] == ["mediation", "parent_meetings", "child_training"]
    assert response.answers["q23"] == {
        "trust_not_control": "always",
        "responsibility_with_parents": "sometimes",
        "language_awareness": "rarely",
        "child_central": "always",
    }
    assert response.answers["q24"] == ["none"]
    assert response.answers["q26"] == "Geen"
    assert response.explanations == {"q9_other": "via de GGD-regio", "q12_explanation": "Het kind centraal"}
    assert "q1" not in response.answers  # the municipalities are the relation


def test_joint_response_covers_each_municipality(open_round):
    result = plan(open_round, "q1,q4,q5\nMiddelburg|GM0654|Vlissingen,e,Geen capaciteit\n")
    assert result.ok, result.problems
    round_import.apply_round_plan(result)
    [response] = imported(open_round)
    assert sorted(response.municipalities.values_list("name", flat=True)) == [
        "Borsele",
        "Middelburg (Z.)",
        "Vlissingen",
    ]
    from quickscan import dashboard

    assert dashboard.round_counts(open_round).covered == 3


def test_reimport_replaces_imported_responses_and_leaves_online_ones(open_round, invitation, tmp_path):
    from quickscan.responding import response_for

    online = response_for(invitation)  # Middelburg answers online
    online.answers = {"q4": "exploring"}
    online.save()
    text = "q1,q4\nVlissingen,e\nGM0654,c\n"
    run(tmp_path, text, "--round", "2027")
    first = state(open_round)
    output = run(tmp_path, text, "--round", "2027")
    assert "2 eerder geïmporteerde vervangen" in output
    assert state(open_round) == first  # never doubles
    assert len(imported(open_round)) == 2
    assert Response.objects.get(pk=online.pk).answers == {"q4": "exploring"}
    run(tmp_path, "q1,q4\nVlissingen,f\n", "--round", "2027")
    assert [r.answers for r in imported(open_round)] == [{"q4": "no_action"}]


def test_dry_run_saves_nothing(open_round, tmp_path):
    output = run(tmp_path, LONG_ROUTE, "--round", "2027", "--dry-run")
    assert "Proefrun" in output and "1 antwoorden" in output
    assert not Response.objects.filter(round=open_round).exists()


def test_legacy_and_descriptive_names_are_aliases(open_round):
    result = plan(
        open_round,
        "gemeente,q4_fase,q21_aanbod,q23_vertrouwen,q12_visie,q12_toelichting\nMiddelburg,a,f,a,b,x\n",
    )
    assert result.ok, [str(p) for p in result.problems]
    row = result.rows[0]
    assert row.answers == {
        "q4": "implemented",
        "q21": ["mediation"],
        "q23": {"trust_not_control": "always"},
        "q12": "yes",
    }
    assert row.explanations == {"q12_explanation": "x"}
    assert any("verouderde kolomnaam" in str(warning) for warning in result.warnings)


def test_progress_is_reported(open_round, tmp_path):
    rows = "".join(f"{m.code},e\n" for m in Municipality.objects.order_by("code")[:6])
    output = run(tmp_path, "q1,q4\n" + rows, "--round", "2027", "--progress-every", "3")
    assert "gecontroleerd: 3/6 rijen" in output and "opgeslagen: 6/6 rijen" in output


def test_columns_of_a_round_are_listed(demo):
    out = StringIO()
    call_command("import_survey", "--columns", "--round", "2027", stdout=out)
    listed = out.getvalue()
    assert "q23b  [Q23b]  (alleen bij q4 = a, b, c, d)" in listed
    assert "q9_other  [Q9]" in listed and "gemeente  (andere naam voor q1)" in listed


# --- the round ------------------------------------------------------------------------------------------


def test_round_must_exist_and_be_live(demo, tmp_path):
    with pytest.raises(CommandError, match="Ronde '2031' bestaat niet"):
        run(tmp_path, "q1,q4\nMiddelburg,e\n", "--round", "2031")
    Round.objects.create(label="2021", title="Quickscan 2021", kind=Round.Kind.PUBLISHED)
    with pytest.raises(CommandError, match="alleen uit gepubliceerde cijfers"):
        run(tmp_path, "q1,q4\nMiddelburg,e\n", "--round", "2021")


# --- bad rows: every problem named, nothing saved -------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        (
            "q1,q4,q8\nMiddelburg,e,b\n",
            "rij 2, kolom q8: vraag 8 wordt niet gesteld bij antwoord e op vraag 4 (alleen bij a)",
        ),
        (
            "q1,q4,q5\nMiddelburg,a,Geen tijd\n",
            "rij 2, kolom q5: vraag 5 wordt niet gesteld bij antwoord a op vraag 4",
        ),
        (
            "q1,q4_fase,q8_startperiode\nMiddelburg,e,b\n",  # legacy names are routed too
            "rij 2, kolom q8_startperiode: vraag 8 wordt niet gesteld bij antwoord e",
        ),
        (
            "q1,q4,q24\nMiddelburg,c,d|a\n",
            "rij 2, kolom q24: 'Geen knelpunten in de samenwerking' kunt u niet combineren met andere "
            "antwoorden",
        ),
        ("q1,q4\nNergenshuizen,e\n", "rij 2, kolom q1: onbekende gemeente 'Nergenshuizen'"),
        ("q1,q4\nGM9999,e\n", "rij 2, kolom q1: onbekende CBS-code 'GM9999'"),
        (
            "q1,q4\nBergen,e\n",
            "rij 2, kolom q1: 'Bergen' is niet eenduidig: Bergen (NH.) (GM0373), Bergen (L.) (GM0893); "
            "gebruik de CBS-code",
        ),
        (
            "q1,q4\nMiddelburg,e\nVlissingen|Middelburg,f\n",
            "rij 3, kolom q1: Middelburg (Z.) staat al in rij 2",
        ),
        ("q1,q4\n,e\n", "rij 2, kolom q1: leeg"),
        ("q1,q4\nMiddelburg,bijna klaar\n", "rij 2, kolom q4: onbekende waarde 'bijna klaar'"),
        ("q1,q4\nMiddelburg,c|d\n", "rij 2, kolom q4: precies één antwoord verwacht"),
        (
            "q1,q4,q10,q10_other\nMiddelburg,a,b,Zelf gemeten\n",
            "rij 2, kolom q10_other: toelichting bij 'Anders, namelijk",
        ),
        ("q1,q4,naam_aanpak\nMiddelburg,e,Aanpak\n", "rij 1, kolom naam_aanpak: kolom van de profielimport"),
        (
            "q1,q4,q26_landelijke_knelpunten\nMiddelburg,a,x\n",
            "rij 1, kolom q26_landelijke_knelpunten: kolom van de profielimport (zonder --round), "
            "niet van een ronde; gebruik in een ronde q26",
        ),
        (
            "q1,gemeente,q4\nMiddelburg,Middelburg,e\n",
            "de kolommen q1 en gemeente beantwoorden dezelfde vraag",
        ),
        ("q4\ne\n", "rij 1, kolom q1: verplichte kolom ontbreekt"),
    ],
)
def test_bad_rows_are_reported_and_nothing_is_saved(open_round, tmp_path, text, expected):
    before = state(open_round)
    out = StringIO()
    path = tmp_path / "ronde.csv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError, match="Niets opgeslagen"):
        call_command("import_survey", str(path), "--round", "2027", stdout=out)
    assert expected in out.getvalue(), out.getvalue()
    assert state(open_round) == before


def test_one_bad_row_keeps_every_good_row_out(open_round, tmp_path):
    with pytest.raises(CommandError):
        run(tmp_path, "q1,q4\nVlissingen,e\nGM0654,e\nMiddelburg,z\n", "--round", "2027")
    assert not Response.objects.filter(round=open_round).exists()


def test_a_municipality_with_an_online_response_is_a_problem(open_round, invitation):
    from quickscan.responding import response_for

    response_for(invitation)
    assert problems(open_round, "q1,q4\nMiddelburg,e\n") == [
        "rij 2, kolom q1: Middelburg (Z.) heeft in ronde 2027 al een online antwoord (begonnen, nog niet "
        "verstuurd); een import vervangt alleen geïmporteerde antwoorden"
    ]


# --- bad files: the real cause ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Q1,q4\nMiddelburg,e\n", "rij 1, kolom Q1: kolomnaam 'Q1' moet 'q1' zijn"),
        ("q1,Q4\nMiddelburg,e\n", "rij 1, kolom Q4: kolomnaam 'Q4' moet 'q4' zijn"),
        ("q1\tq4\nMiddelburg\te\n", "rij 1, kolom -: het bestand gebruikt tabs als scheidingsteken"),
        (
            "q1|q4\nMiddelburg|e\n",
            "rij 1, kolom -: het bestand gebruikt | als scheidingsteken tussen kolommen",
        ),
        (
            'q1,q4,q5\nMiddelburg,e,"Geen tijd\n',
            "rij 2, kolom q5: aanhalingsteken niet gesloten (de cel loopt door tot",
        ),
        (
            'q1,q4,q5\nMiddelburg,e,"Geen tijd\nVlissingen,e,Geen geld\n',
            "rij 2, kolom q5: aanhalingsteken niet gesloten: de cel loopt door over de volgende regel",
        ),
        ("q1,q4,q5\nMiddelburg,e,Geen\x00tijd\n", "rij 2, kolom q5: het bestand bevat een NUL-teken"),
        ("q1,q4,q5\nMiddelburg;e;Geen tijd\n", "rij 2, kolom -: deze rij gebruikt ';' als scheidingsteken"),
        ("", "het bestand is leeg"),
        ("q1,q4\n", "rij 2, kolom -: het bestand bevat geen rijen"),
    ],
)
def test_bad_files_name_the_real_cause(open_round, text, expected):
    reported = problems(open_round, text)
    assert any(expected in problem for problem in reported), reported


def test_not_utf8_and_utf16(open_round, tmp_path):
    assert problems(open_round, "q1,q4\nSúdwest-Fryslân,e\n".encode("latin-1")) == [
        "rij 1, kolom -: het bestand is geen UTF-8-tekst"
    ]
    utf16 = "q1,q4\nMiddelburg,e\n".encode("utf-16-le")
    assert "NUL-teken" in problems(open_round, utf16)[0]


def test_semicolons_and_quoted_cells_from_excel(open_round):
    result = plan(open_round, '\ufeffq1;q4;q21\nMiddelburg;a;"f|g"\n')
    assert result.ok and result.rows[0].answers == {
        "q4": "implemented",
        "q21": ["mediation", "parent_meetings"],
    }


# --- exports ------------------------------------------------------------------------------------------------


def test_export_then_import_gives_identical_answers(open_round, invitation, tmp_path):
    from quickscan.responding import response_for

    run(tmp_path, LONG_ROUTE.replace("Middelburg,", "Vlissingen|GM0654,") + "Goes,e,,,\n", "--round", "2027")
    online = response_for(invitation)  # an online response with an answer that looks like a formula
    online.answers = {"q4": "not_started", "q5": "=SOM(A1:A3) -- geen tijd", "q6": "often"}
    online.save()
    before = {
        tuple(sorted(r.municipalities.values_list("code", flat=True))): (r.answers, r.explanations)
        for r in Response.objects.filter(round=open_round)
    }
    exported = exports.responses_csv(open_round)
    assert "'=SOM(A1:A3)" in exported  # neutralised for spreadsheets
    header = next(csv.reader(io.StringIO(exported)))
    assert header == round_import.export_columns()

    other = Round.objects.create(label="2029", title="Kopie")
    run(tmp_path, exported, "--round", "2029")
    after = {
        tuple(sorted(r.municipalities.values_list("code", flat=True))): (r.answers, r.explanations)
        for r in Response.objects.filter(round=other)
    }
    assert after == before and len(after) == 3
    # and re-importing the export of the imported round changes nothing
    run(tmp_path, exports.responses_csv(other), "--round", "2029")
    assert {
        tuple(sorted(r.municipalities.values_list("code", flat=True))): (r.answers, r.explanations)
        for r in Response.objects.filter(round=other)
    } == before


def test_question_table_counts_per_option(open_round, tmp_path):
    run(tmp_path, "q1,q4,q21\nVlissingen,a,f|g\nGM0654,b,f\nGoes,e,\n", "--round", "2027")
    rows = list(csv.reader(io.StringIO(exports.question_table_csv(open_round))))
    assert rows[0] == list(exports.TABLE_HEADER)
    by_key = {(row[0], row[1]): row for row in rows[1:]}
    assert by_key[("Q4", "a")][3:] == ["1", "3"]
    assert by_key[("Q4", "e")][3:] == ["1", "3"]
    mediation = by_key[("Q21", "f")]
    assert mediation[2] == questionnaire.question("q21").options()[5].text  # the printed option text
    assert mediation[3:] == ["2", "2"]
    assert by_key[("Q21", "g")][3:] == ["1", "2"]


def test_exports_are_for_the_ministry_only(client, open_round, ministry_user, coordinator_user):
    url = reverse("quickscan_exports:responses", args=["2027"])
    table = reverse("quickscan_exports:question_table", args=["2027"])
    client.force_login(coordinator_user)
    for address in (url, table):  # Wagtail turns the PermissionDenied into a redirect home
        refused = client.get(address)
        assert refused.status_code == 302 and refused["Location"] == reverse("wagtailadmin_home")
    client.force_login(ministry_user)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert "no-store" in response["Cache-Control"]
    assert response.content.decode("utf-8-sig").startswith("q1,q2,q3,q4")
    assert client.get(table).status_code == 200
    assert client.get(reverse("quickscan_exports:responses", args=["1999"])).status_code == 404
    client.logout()
    assert "login" in client.get(url)["Location"]


def test_neutralise():
    assert [exports.neutralise(v) for v in ("=1+1", "+31", "-x", "@a", "\tx", "\rx", "a=b", "", None)] == [
        "'=1+1",
        "'+31",
        "'-x",
        "'@a",
        "'\tx",
        "'\rx",
        "a=b",
        "",
        "",
    ]
    assert exports.neutralise("'=x") == "''=x" and exports.neutralise("'quoted") == "'quoted"
    for text in ("=1+1", "'=x", "''@y", "'quoted", "-"):
        assert round_import.restore_cell(exports.neutralise(text)) == text
