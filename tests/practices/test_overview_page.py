"""The overview page renders figures, charts, tables and downloads; bad input gives a Dutch 400."""

import csv
import io

import pytest

from practices.models import OverviewPage

pytestmark = pytest.mark.django_db


def overview_url():
    return OverviewPage.objects.get().url


def test_overview_page_exists_in_tree(demo):
    page = OverviewPage.objects.get()
    assert page.slug == "landelijk-beeld"
    assert page.get_parent().specific_class.__name__ == "HomePage"


def test_overview_renders_figures_tables_and_downloads(client, demo):
    response = client.get(overview_url())
    assert response.status_code == 200
    html = response.content.decode()
    for key in (
        "stage",
        "funding",
        "offer",
        "partners",
        "expertise",
        "evaluation",
        "cooperation_bottlenecks",
        "execution_bottlenecks",
    ):
        assert f'id="fig-{key}"' in html
        assert f"figure={key}&amp;format=csv" in html
    from practices.figures import FIGURES

    assert html.count('role="img"') == len(FIGURES) + 1  # every figure + the map
    assert html.count("<table") >= 9
    assert 'rel="alternate" type="text/csv"' in html
    assert 'rel="alternate" type="application/json"' in html
    # CSP-safe inline SVG: no style attributes or elements, no scripts
    assert " style=" not in html
    assert "<style" not in html
    assert "<script" not in html


def test_figure_csv_download(client, demo):
    response = client.get(overview_url(), {"figure": "stage", "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    by_code = {row["code"]: row for row in rows}
    assert int(by_code["answered"]["count"]) + int(by_code["not_filled"]["count"]) == 5
    assert "count_g4" in rows[0]


def test_map_csv_download(client, demo):
    response = client.get(overview_url(), {"figure": "map", "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert len(rows) == 42
    assert sum(int(row["profiles"]) for row in rows) == 5


@pytest.mark.parametrize(
    "params, word",
    [
        ({"at": "gisteren"}, "JJJJ-MM-DD"),
        ({"at": "2999-01-01"}, "verleden"),
        ({"at": "1990-01-01"}, "2000"),
        ({"figure": "nope", "format": "csv"}, "Onbekende figuur"),
        ({"figure": "stage", "format": "xlsx"}, "format=csv"),
    ],
)
def test_bad_parameters_give_dutch_400(client, demo, params, word):
    response = client.get(overview_url(), params)
    assert response.status_code == 400
    assert word in response.content.decode()


def test_compare_with_past_date_renders(client, demo):
    response = client.get(overview_url(), {"at": "2021-06-01"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "vergeleken met vandaag" in html


def test_profile_figures_show_the_latest_published_round_beside_them(client, demo):
    from quickscan import published

    report = published.published_round("2025").figure_for("q4")
    stated = next(
        e
        for e in report.entries
        if len(e.options) == 1 and not e.point and e.share_of(report.base.n) is not None
    )
    html = client.get(overview_url()).content.decode()
    section = html[html.index('id="fig-stage"') : html.index("</section>", html.index('id="fig-stage"'))]
    assert "Quickscan 2025 (rapport)" in section
    assert f"n = {report.base.n}" in section
    assert f"{round(stated.share_of(report.base.n))}%" in section
    assert "niet strikt vergelijkbaar" in section
    assert f'href="?ronde=2025#f{report.number}"' in section


def test_map_table_links_regions_and_gives_the_spread(client, demo):
    html = client.get(overview_url()).content.decode()
    section = html[html.index('id="fig-map"') : html.index("</section>", html.index('id="fig-map"'))]
    assert "Gemeenten per fase" in section and "Zonder gepubliceerd profiel" in section
    assert 'tabindex="0" role="region"' in section
    from regions.models import RegionPage

    region = RegionPage.objects.live().exclude(youth_care_region=None).first()
    assert f'href="{region.url}"' in section
