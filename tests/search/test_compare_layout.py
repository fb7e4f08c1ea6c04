"""Compare view: long dates in the active language, rows empty for every profile on one line."""

import datetime

import pytest
from django.utils import translation

from search.compare import collapse_empty, comparison_rows
from tests.factories import make_approach

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(demo):
    first = make_approach("JZ24", title="Eerste", last_evaluated=datetime.date(2026, 12, 1))
    second = make_approach("JZ24", title="Tweede")
    return first, second


@pytest.mark.parametrize(("language", "expected"), [("nl", "1 december 2026"), ("en", "1 December 2026")])
def test_django_date_formats_are_long_in_both_languages(language, expected):
    from django.utils import formats

    with translation.override(language):
        assert formats.date_format(datetime.date(2026, 12, 1)) == expected
        assert (
            formats.date_format(datetime.datetime(2026, 12, 1, 9, 30), "DATETIME_FORMAT")
            == f"{expected} 09:30"
        )


def test_dates_are_long_dutch_dates_and_english_in_english(pair):
    dutch = comparison_rows(list(pair))
    assert any(row["values"][0] == ["1 december 2026"] for row in dutch)
    assert not any("2026-12-01" in value for row in dutch for values in row["values"] for value in values)
    with translation.override("en"):
        english = comparison_rows(list(pair))
    assert any(row["values"][0] == ["1 December 2026"] for row in english)


def test_rows_empty_for_every_profile_collapse(pair):
    rows = comparison_rows(list(pair))
    shown, empty = collapse_empty(rows)
    assert empty and shown
    assert len(shown) + len(empty) == len(rows)
    assert all(any(row["values"]) for row in shown)
    assert all(not any(row["values"]) for row in rows if row["label"] in empty)


def test_compare_page_shows_one_line_for_the_empty_rows(client, pair):
    html = client.get("/vergelijk/", {"ids": [page.pk for page in pair]}).content.decode()
    _shown, empty = collapse_empty(comparison_rows(list(pair)))
    assert html.count("Niet ingevuld bij alle profielen") == 1
    line = html.split("Niet ingevuld bij alle profielen", 1)[1].split("</tr>", 1)[0]
    for label in empty:
        assert str(label) in line
        assert f'<th scope="row">{label}' not in html
    assert "1 december 2026" in html
