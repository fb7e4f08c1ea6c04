"""The one CSV writer: cells a spreadsheet would run as a formula are neutralised in every export
(open data, figures, registrations); numbers and ordinary text are written unchanged."""

from __future__ import annotations

import csv
import io

import pytest

from practices.csv_export import FORMULA_STARTS, SafeDictWriter, SafeWriter, safe_cell
from tests.factories import make_approach

FORMULAS = ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1:A9)", "\t=1", "\r=1"]


@pytest.mark.parametrize("value", FORMULAS)
def test_formula_cells_get_an_apostrophe(value):
    assert value.startswith(FORMULA_STARTS)
    assert safe_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["Gemeente Den Haag", "", "a=b", "1-2", "e@mail.nl", 42, -3, None, 2.5])
def test_other_cells_are_unchanged(value):
    assert safe_cell(value) == value


def test_writers_apply_it_to_every_cell():
    buffer = io.StringIO()
    SafeWriter(buffer).writerows([["=1", "ok", -1]])
    SafeDictWriter(buffer, fieldnames=["a", "b"]).writerow({"a": "@x", "b": "y"})
    assert list(csv.reader(io.StringIO(buffer.getvalue()))) == [["'=1", "ok", "-1"], ["'@x", "y"]]


@pytest.mark.django_db
def test_open_data_csv_neutralises_formulas(client, demo):
    make_approach(title='=HYPERLINK("http://evil","klik")', summary="+31 70 123 4567 @iedereen")
    rows = list(csv.DictReader(io.StringIO(client.get("/open-data/aanpakken.csv").content.decode("utf-8"))))
    titles = {row["title"] for row in rows}
    assert '\'=HYPERLINK("http://evil","klik")' in titles
    assert not any(value.startswith(FORMULA_STARTS) for row in rows for value in row.values() if value)
    json_titles = {row["title"] for row in client.get("/open-data/aanpakken.json").json()["results"]}
    assert '=HYPERLINK("http://evil","klik")' in json_titles  # JSON carries the text as typed
