"""Survey import: good file, every kind of bad row, dry-run, idempotent re-import, all-or-nothing."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from wagtail.models import Revision

from practices import survey_import
from practices.models import ApproachPage

pytestmark = pytest.mark.django_db

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "survey-import-example.csv"
HEADER = "gemeente,q4_fase,q18_financiering,q21_aanbod,q12_visie,q23_kind,q22_partners\n"


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


def test_example_file_creates_drafts_under_the_right_region(demo):
    before = ApproachPage.objects.live().count()
    output = run(EXAMPLE)
    assert "4 nieuw concept" in output
    pages = {p.slug: p for p in ApproachPage.objects.filter(slug__startswith="quickscan-")}
    assert set(pages) == {"quickscan-gm0153", "quickscan-gm0193", "quickscan-gm0344", "quickscan-gm0093"}
    assert all(not page.live for page in pages.values())  # never published
    assert ApproachPage.objects.live().count() == before
    enschede = pages["quickscan-gm0153"].get_latest_revision_as_object()
    assert enschede.region_page.youth_care_region == enschede.municipalities.first().youth_care_region
    assert enschede.stage == "implemented"
    assert enschede.complex_divorce_frequency == "often"
    assert enschede.funding_sources == ["jeugdwet", "wmo"]
    assert enschede.has_vision is True
    assert sorted(p.partner_type for p in enschede.partners.all()) == [
        "gp",
        "neighbourhood_team",
        "veilig_thuis",
    ]
    assert {p.principle: p.scale for p in enschede.principles.all()}["child_central"] == "always"
    zwolle = pages["quickscan-gm0193"].get_latest_revision_as_object()
    assert zwolle.stage == "planning"  # questionnaire text of answer c
    assert zwolle.funding_sources == ["jeugdwet"]
    assert zwolle.policy_ownership == "several_officers"
    assert zwolle.has_vision is False
    assert pages["quickscan-gm0093"].title == "Aanpak relaties en scheiding Terschelling"


def test_reimport_is_idempotent_and_updates_changes(demo, tmp_path):
    run(EXAMPLE)
    state = snapshot()
    output = run(EXAMPLE)
    assert "0 nieuw concept, 0 bijgewerkt, 4 ongewijzigd" in output
    assert snapshot() == state
    changed = EXAMPLE.read_text(encoding="utf-8").replace(
        "Terschelling,,no_action", "Terschelling,,exploring"
    )
    output = run(write(tmp_path, changed))
    assert "1 bijgewerkt" in output
    page = ApproachPage.objects.get(slug="quickscan-gm0093")
    assert page.get_latest_revision_as_object().stage == "exploring"
    assert not page.live


def test_dry_run_changes_nothing(demo):
    state = snapshot()
    output = run(EXAMPLE, "--dry-run")
    assert "Proefrun" in output and "4 nieuw concept" in output
    assert snapshot() == state


def test_update_of_published_profile_stays_a_draft(demo, tmp_path):
    run(EXAMPLE)
    page = ApproachPage.objects.get(slug="quickscan-gm0344")
    page.get_latest_revision().publish()
    run(write(tmp_path, HEADER + "GM0344,implemented,,,,,\n"))
    page.refresh_from_db()
    assert page.stage == "exploring"  # the live version is untouched
    assert page.has_unpublished_changes
    assert page.get_latest_revision_as_object().stage == "implemented"


@pytest.mark.parametrize(
    "rows, expected",
    [
        ("Nergenshuizen,planning,,,,,\n", "rij 2, kolom gemeente: onbekende gemeente 'Nergenshuizen'"),
        ("GM9999,planning,,,,,\n", "rij 2, kolom gemeente: onbekende CBS-code 'GM9999'"),
        (",planning,,,,,\n", "rij 2, kolom gemeente: leeg"),
        ("Zwolle,planning,,,,,\nGM0193,exploring,,,,,\n", "rij 3, kolom gemeente: Zwolle staat al in rij 2"),
        ("Zwolle,bijna klaar,,,,,\n", "rij 2, kolom q4_fase: onbekende waarde 'bijna klaar'"),
        ("Zwolle,planning;exploring,,,,,\n", "rij 2, kolom q4_fase: precies één antwoord verwacht"),
        ("Zwolle,,jeugdwet;toverstaf,,,,\n", "rij 2, kolom q18_financiering: onbekende waarde 'toverstaf'"),
        ("Zwolle,,,,misschien,,\n", "rij 2, kolom q12_visie: 'misschien' is geen ja of nee"),
        ("Zwolle,,,,,vaak,\n", "rij 2, kolom q23_kind: onbekende waarde 'vaak'"),
        ("Zwolle,,,,,,tandarts\n", "rij 2, kolom q22_partners: onbekende waarde 'tandarts'"),
        ("Zwolle,planning,,,,,,extra\n", "rij 2, kolom -: meer waarden dan kolommen"),
    ],
)
def test_bad_rows_are_reported_and_nothing_changes(demo, tmp_path, rows, expected):
    state = snapshot()
    good_first = "GM0153,implemented,,,,,\n"
    out = StringIO()
    with pytest.raises(CommandError, match="Niets opgeslagen"):
        call_command(
            "import_survey",
            str(write(tmp_path, HEADER + good_first + rows.replace("rij 2", "rij 3"))),
            stdout=out,
        )
    report = out.getvalue()
    shifted = expected.replace("rij 3", "rij 4").replace("rij 2", "rij 3")
    assert shifted in report
    assert snapshot() == state


@pytest.mark.parametrize(
    "text, expected",
    [
        ("", "rij 1, kolom -: het bestand is leeg"),
        ("gemeente,q4_fase\n", "rij 2, kolom -: het bestand bevat geen rijen"),
        ("plaats,q4_fase\nZwolle,planning\n", "rij 1, kolom gemeente: verplichte kolom ontbreekt"),
        ("gemeente,q99_onzin\nZwolle,x\n", "rij 1, kolom q99_onzin: onbekende kolom"),
    ],
)
def test_bad_files(demo, tmp_path, text, expected):
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("import_survey", str(write(tmp_path, text)), stdout=out)
    assert expected in out.getvalue()


def test_not_utf8(demo, tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes("gemeente,q4_fase\nSúdwest-Fryslân,planning\n".encode("latin-1"))
    out = StringIO()
    with pytest.raises(CommandError):
        call_command("import_survey", str(path), stdout=out)
    assert "geen UTF-8" in out.getvalue()


def test_semicolon_file_from_excel(demo, tmp_path):
    text = '\ufeffgemeente;q4_fase;q21_aanbod\nZwolle;planning;"mediation;uha"\n'
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
    assert "gecontroleerd: 2/4 rijen" in output
    assert "verwerkt: 4/4 rijen" in output
