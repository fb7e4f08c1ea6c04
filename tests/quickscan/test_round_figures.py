"""Figures per round: the base follows the route, the unit is the response, small cells hide."""

from __future__ import annotations

import csv
import io

import pytest
from django.utils import timezone

from quickscan import figures
from quickscan.models import Response
from regions.models import Municipality


def respond(round_, answers, code="GM0687"):
    response = Response.objects.create(
        round=round_, source=Response.Source.IMPORT, answers=answers, submitted_at=timezone.now()
    )
    response.municipalities.add(Municipality.objects.get(code=code))
    return response


@pytest.fixture
def answered_round(open_round):
    # 3 implemented (a), 2 planning (c), 1 not acting (f); Q10 is only asked at a.
    for evaluation in ("not_evaluated", "not_evaluated", "other"):
        respond(open_round, {"q4": "implemented", "q10": evaluation, "q21": ["mediation", "uha"]})
    respond(open_round, {"q4": "planning", "q10": "evaluated_improved", "q21": ["mediation"]})
    respond(open_round, {"q4": "planning"})
    respond(open_round, {"q4": "no_action", "q6": "rarely"})
    return open_round


def number_of(question_id):
    return next(q.figure["number"] for q in figures.figure_questions() if q.id == question_id)


def test_base_counts_only_responses_routed_to_the_question(answered_round):
    figure = figures.round_figure(answered_round, number_of("q10"))
    assert figure.base == 3  # the planning response's stray q10 answer is outside its route
    rows = {row.code: row for row in figure.rows}
    assert rows["not_evaluated"].count == 2 and rows["not_evaluated"].percent == 66.7
    assert rows["other"].count == 1


def test_multiple_choice_counts_each_option_against_the_base(answered_round):
    figure = figures.round_figure(answered_round, number_of("q21"))
    assert figure.base == 4 and figure.not_answered == 1
    rows = {row.code: row for row in figure.rows}
    assert rows["mediation"].count == 4 and rows["mediation"].percent == 100.0
    assert rows["uha"].count == 3 and rows["uha"].percent == 75.0


def test_small_cells_are_hidden_in_the_size_breakdown(answered_round):
    figure = figures.round_figure(answered_round, number_of("q4"))
    row = next(row for row in figure.rows if row.code == "implemented")
    assert row.by_size["50k_100k"] is None  # 3 responses from Middelburg: fewer than 5
    assert row.by_size["g4"] == 0


def test_csv_follows_the_contract(client, answered_round, demo):
    from practices.models import OverviewPage

    page = OverviewPage.objects.get()
    response = client.get(f"{page.url}?ronde=2027&figuur={number_of('q10')}&format=csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0] == ["optie", "label", "aantal", "basis", "procent"]
    assert [row[0] for row in rows[1:]] == ["a", "b", "c", "d"]
    assert {row[3] for row in rows[1:]} == {"3"}
    assert rows[1][2:] == ["2", "3", "66.7"]


def test_round_page_and_unknown_round_or_figure(client, answered_round, demo):
    from practices.models import OverviewPage

    page = OverviewPage.objects.get()
    html = client.get(f"{page.url}?ronde=2027").content.decode()
    assert "n = 3" in html and "Quickscan 2027" in html
    missing = client.get(f"{page.url}?ronde=1999")
    assert missing.status_code == 404 and "Er is geen quickscanronde" in missing.content.decode()
    no_figure = client.get(f"{page.url}?ronde=2027&figuur=99&format=csv")
    assert no_figure.status_code == 404 and "bestaat niet" in no_figure.content.decode()


def test_published_round_shows_the_report_with_its_sources(client, demo):
    from practices.models import OverviewPage

    page = OverviewPage.objects.get()
    html = client.get(f"{page.url}?ronde=2025").content.decode()
    assert "233" in html  # reactions, as the report states them
    assert "regel 157" in html or ">157<" in html  # every statement with its seed line
    assert "Status van ontwikkeling aanpak" in html  # figure 2's printed title
    no_csv = client.get(f"{page.url}?ronde=2025&figuur=2&format=csv")
    assert no_csv.status_code == 404


def test_live_round_figures_show_the_published_round_beside_them(client, answered_round, demo):
    from practices.models import OverviewPage

    page = OverviewPage.objects.get()
    html = client.get(f"{page.url}?ronde=2027").content.decode()
    assert "Quickscan 2025 (rapport)" in html
    assert "niet strikt vergelijkbaar" in html


def test_figure_numbers_agree_with_the_published_report():
    from quickscan import published

    report = published.published_round("2025")
    for question in figures.figure_questions():
        assert report.figure(question.figure["number"]).question_id == question.id


def test_figures_are_kept_until_a_response_changes(answered_round, django_assert_num_queries):
    figures.round_figures(answered_round)
    with django_assert_num_queries(1):  # only the version check
        figures.round_figures(answered_round)
    respond(answered_round, {"q4": "implemented", "q10": "being_evaluated"})
    figure = figures.round_figure(answered_round, number_of("q10"))
    assert figure.base == 4


def test_public_map_names_only_complete_responses_that_agreed(client, answered_round, demo):
    import re

    from practices.models import OverviewPage
    from quickscan.public_map import public_map

    def answered(code, stage, *, consent, submitted=True):
        response = respond(answered_round, {"q4": stage}, code=code)
        response.show_on_map = consent
        response.submitted_at = timezone.now() if submitted else None
        response.save()

    answered("GM0363", "implementing", consent=True)  # Amsterdam
    answered("GM0599", "no_action", consent=False)  # Rotterdam: counted, never named
    answered("GM0518", "planning", consent=True, submitted=False)  # Den Haag: not complete
    mapped = public_map(answered_round)
    assert [(m.name, m.stage) for m in mapped.municipalities] == [("Amsterdam", "implementing")]
    assert (mapped.consenting, mapped.complete) == (1, 8)  # six in the fixture

    html = client.get(f"{OverviewPage.objects.get().url}?ronde=2027").content.decode()
    table = html[html.index('id="kaart"') : html.index("</section>", html.index('id="kaart"'))]
    named = re.findall(r'<th scope="row">(?:<a [^>]*>)?([^<]+)', table)
    assert named == ["Amsterdam"]
    assert "1 van de 8 volledige reacties" in table
    assert "<svg" in table and "Geen openbaar antwoord" in table


def test_figures_count_only_submitted_responses(answered_round):
    before = figures.round_figure(answered_round, number_of("q4")).base
    unfinished = respond(answered_round, {"q4": "implemented"})
    unfinished.submitted_at = None  # an online respondent who may still change the answers
    unfinished.save()
    assert figures.round_figure(answered_round, number_of("q4")).base == before


def test_each_figure_has_a_text_summary(answered_round):
    q21 = figures.round_figure(answered_round, number_of("q21"))
    assert q21.summary().startswith("4 reacties beantwoordden deze vraag.")
    assert "(4, 100%)" in q21.summary() and "Meerdere antwoorden mogelijk" in q21.summary()
    empty = figures.round_figure(answered_round, number_of("q23"))
    assert empty.summary() == "Nog geen volledige reacties hebben deze vraag beantwoord."


def test_an_earlier_live_round_shows_as_a_trend_column(client, answered_round, demo):
    from practices.models import OverviewPage
    from quickscan.models import Round

    earlier = Round.objects.create(label="2026", title="Quickscan 2026", status=Round.Status.CLOSED)
    for _ in range(4):
        respond(earlier, {"q4": "implemented"})
    html = client.get(f"{OverviewPage.objects.get().url}?ronde=2027").content.decode()
    q4 = html[html.index(f'id="f{number_of("q4")}"') :]
    q4 = q4[: q4.index("</section>")]
    assert "<th scope=\"col\">Ronde 2026</th>" in q4
    assert "dezelfde vraag in ronde 2026 (n = 4)" in q4
    assert ">100%<" in q4  # all four earlier responses answered a


def test_round_page_body_is_kept_until_a_response_changes(client, answered_round, demo):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from practices.models import OverviewPage

    def body(html):
        return html[html.index('id="kaart"') : html.index("</article>")]

    url = f"{OverviewPage.objects.get().url}?ronde=2027"
    with CaptureQueriesContext(connection) as first_queries:
        first = body(client.get(url).content.decode())
    assert "n = 6" in first  # figure 2 counts the six complete responses
    with CaptureQueriesContext(connection) as kept_queries:
        assert body(client.get(url).content.decode()) == first
    assert len(kept_queries) < len(first_queries)
    respond(answered_round, {"q4": "implemented"})
    assert "n = 7" in body(client.get(url).content.decode())


def test_round_page_and_response_summary_link_each_other(client, answered_round, demo):
    from practices.models import OverviewPage

    overview = OverviewPage.objects.get().url
    html = client.get(f"{overview}?ronde=2027").content.decode()
    assert 'href="/quickscan/ronde/2027/"' in html
    summary = client.get("/quickscan/ronde/2027/").content.decode()
    assert f'href="{overview}?ronde=2027"' in summary
    assert "Figuur 1:" in summary and "Tabel 1:" in summary
