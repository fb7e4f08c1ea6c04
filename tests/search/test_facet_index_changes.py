"""The facet index kept by each worker, checked step by step and fast (the hypothesis test in
test_incremental.py covers random sequences but takes too long for mutation testing): a full load
against the stored rows, ``apply_changes`` against a full load after each kind of change (new
documents, edits, a document leaving or coming back between others so bit positions shift,
stored labels changing), and ``current()`` choosing between the two."""

from __future__ import annotations

import datetime

import pytest

from practices.models import ApproachPage
from search import changes, facet_index
from search.models import FacetValue, IndexVersion, SearchDocument
from tests.factories import make_approach

FIELDS = ("version", "ids", "masks", "labels", "by_title", "by_updated", "titles", "updated", "everything")


def _at(*date) -> datetime.datetime:
    return datetime.datetime(*date, tzinfo=datetime.UTC)


def _index(titles, updated) -> facet_index.FacetIndex:
    ids = list(range(10, 10 + len(titles)))
    return facet_index.FacetIndex(
        version=(0, None),
        ids=ids,
        masks={"stage": {"a": 0b0011, "b": 0b1100}},
        labels={},
        by_title=[],
        by_updated=[],
        titles=list(titles),
        updated=list(updated),
    )


def test_everything_is_exactly_the_documents_of_the_index():
    assert _index("abcd", [None] * 4).everything == 0b1111
    assert _index("", []).everything == 0


def test_an_unknown_facet_or_no_codes_match_nothing():
    index = _index("abcd", [None] * 4)
    assert index.matching("province", {"a"}) == 0
    assert index.matching("stage", set()) == 0
    assert index.counts("province", index.everything) == {}


def test_a_page_in_the_middle_of_an_order_has_the_page_size():
    index = _index("abcdef", [None] * 6)
    index.by_title = [0, 1, 2, 3, 4, 5]
    assert index.ordered_ids(index.everything, "title", 2, 4) == [12, 13]


def test_updated_order_is_newest_first_and_undated_after_every_dated_document():
    index = _index(["b", "a", "c", "d"], [None, _at(1960, 1, 1), _at(2026, 1, 1), None])
    order = sorted(range(4), key=index.updated_key)
    assert [index.ids[n] for n in order] == [12, 11, 10, 13]  # undated: by title, then pk


def _expected_load(version) -> facet_index.FacetIndex:
    """The facet index computed the slow way, straight from the stored rows."""
    documents = list(SearchDocument.objects.order_by("pk").values_list("pk", "sort_title", "updated_at"))
    position = {pk: n for n, (pk, _title, _updated) in enumerate(documents)}
    masks: dict = {}
    labels: dict = {}
    for document_id, facet, code, label in FacetValue.objects.values_list(
        "document_id", "facet", "code", "label"
    ):
        codes = masks.setdefault(facet, {})
        codes[code] = codes.get(code, 0) | 1 << position[document_id]
        if label:
            labels[(facet, code)] = min(label, labels.get((facet, code), label))
    index = facet_index.FacetIndex(
        version=version,
        ids=[pk for pk, _title, _updated in documents],
        masks=masks,
        labels=labels,
        by_title=[],
        by_updated=[],
        titles=[title for _pk, title, _updated in documents],
        updated=[updated for _pk, _title, updated in documents],
    )
    index.by_title = sorted(range(len(documents)), key=lambda n: (documents[n][1], documents[n][0]))

    def newest_first(n):
        pk, title, updated = documents[n]
        return (updated is None, -updated.timestamp() if updated else 0, title, pk)

    index.by_updated = sorted(range(len(documents)), key=newest_first)
    return index


def _assert_same(actual: facet_index.FacetIndex, expected: facet_index.FacetIndex, step: str) -> None:
    for name in FIELDS:
        assert getattr(actual, name) == getattr(expected, name), (step, name)
    assert actual.position == expected.position, step


@pytest.mark.django_db
def test_a_full_load_holds_every_stored_facet_value_label_and_order(demo, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        make_approach("JZ24", title="Aaa eerst op titel", stage="planning", offers=["mediation"])
    SearchDocument.objects.filter(pk=SearchDocument.objects.order_by("pk").first().pk).update(updated_at=None)
    version = IndexVersion.current()
    index = facet_index.load(version)
    _assert_same(index, _expected_load(version), "load")
    assert index.by_title != sorted(index.by_title)  # titles are not in pk order here
    assert all(index.labels.values()) and any(facet == "region" for facet, _code in index.labels)


@pytest.mark.django_db
def test_a_load_skips_facet_values_of_documents_written_after_the_documents_were_read(demo, monkeypatch):
    late = SearchDocument.objects.order_by("pk").last()
    late_values = list(FacetValue.objects.filter(document=late).values("facet", "code", "label"))
    late_document = SearchDocument.objects.filter(pk=late.pk).values().get()
    late.delete()  # the document and its facet values

    class WrittenBetweenTheReads:
        class objects:  # noqa: N801
            @staticmethod
            def values_list(*fields):
                document = SearchDocument.objects.create(**late_document)
                FacetValue.objects.bulk_create(
                    FacetValue(document=document, **value) for value in late_values
                )
                # the newest rows first: the skipped document comes before the others
                return FacetValue.objects.order_by("-pk").values_list(*fields)

    version = IndexVersion.current()
    without = _expected_load(version)
    monkeypatch.setattr(facet_index, "FacetValue", WrittenBetweenTheReads)
    index = facet_index.load(version)
    assert late.pk not in index.position
    _assert_same(index, without, "load during a write")


def _page_ids() -> list[int]:
    return list(SearchDocument.objects.order_by("pk").values_list("pk", flat=True))


def _follow(held: facet_index.FacetIndex, step: str) -> facet_index.FacetIndex:
    """The kept index after a change, which must equal a full load field by field."""
    version = IndexVersion.current()
    changed = changes.changed_since(held.version, version)
    assert changed, step  # the log can say: the incremental path is the one checked
    kept = facet_index.apply_changes(held, version, changed)
    full = facet_index.load(version)
    _assert_same(kept, full, step)
    _assert_same(kept, _expected_load(version), step)
    return kept


@pytest.mark.django_db
def test_applied_changes_equal_a_full_load_after_every_kind_of_change(
    demo, django_capture_on_commit_callbacks
):
    kept = facet_index.load(IndexVersion.current())
    assert len(kept.ids) >= 4

    with django_capture_on_commit_callbacks(execute=True):
        first = make_approach("JZ24", title="Mmm midden op titel", stage="planning", offers=["mediation"])
        make_approach("JZ24", title="Aaa eerst op titel", stage="implementing")
    kept = _follow(kept, "two new documents, sorting between the others")

    middle = ApproachPage.objects.get(pk=_page_ids()[2])
    with django_capture_on_commit_callbacks(execute=True):
        middle.stage = "planning" if middle.stage != "planning" else "implementing"
        middle.save_revision().publish()
    kept = _follow(kept, "an edited document in the middle")

    with django_capture_on_commit_callbacks(execute=True):
        middle.unpublish()
    kept = _follow(kept, "a document in the middle goes: higher bits shift down")

    with django_capture_on_commit_callbacks(execute=True):
        ApproachPage.objects.get(pk=middle.pk).save_revision().publish()
    kept = _follow(kept, "it comes back between the others: higher bits shift up")

    with django_capture_on_commit_callbacks(execute=True):
        ApproachPage.objects.get(pk=_page_ids()[1]).delete()
    kept = _follow(kept, "a deleted document")

    with django_capture_on_commit_callbacks(execute=True):
        first.unpublish()
        make_approach("JZ24", title="Zzz laatst", stage="planning")
    _follow(kept, "one goes and one comes in the same version")


@pytest.mark.django_db
def test_applied_changes_add_facets_and_values_the_index_did_not_have(
    demo, django_capture_on_commit_callbacks
):
    SearchDocument.objects.all().delete()
    kept = facet_index.load(IndexVersion.current())
    assert kept.ids == [] and kept.masks == {}
    with django_capture_on_commit_callbacks(execute=True):
        make_approach("JZ24", title="Eerste", stage="planning")
        make_approach("JZ24", title="Tweede", stage="planning")
    _follow(kept, "the first documents of an empty index")


def _relabel_step(kept, document_id: int, step: str, **change) -> facet_index.FacetIndex:
    """Stored labels change when a profile is indexed again (a renamed region, intervention)."""
    facet, code, label = change["facet"], change["code"], change.get("label")
    if label is None:
        FacetValue.objects.filter(document_id=document_id, facet=facet, code=code).delete()
    else:
        FacetValue.objects.update_or_create(
            document_id=document_id, facet=facet, code=code, defaults={"label": label}
        )
    IndexVersion.bump([document_id])
    return _follow(kept, step)


@pytest.mark.django_db
def test_applied_changes_keep_the_smallest_stored_label_of_each_value(demo):
    ids = _page_ids()
    kept = facet_index.load(IndexVersion.current())
    unrelated = dict(kept.labels)
    kept = _relabel_step(kept, ids[0], "a new labelled value", facet="intervention", code="x-1", label="Mmm")
    assert kept.labels[("intervention", "x-1")] == "Mmm"
    kept = _relabel_step(
        kept, ids[1], "a smaller label elsewhere", facet="intervention", code="x-1", label="Bbb"
    )
    assert kept.labels[("intervention", "x-1")] == "Bbb"
    kept = _relabel_step(kept, ids[0], "a renamed value", facet="intervention", code="x-1", label="Aaa")
    assert kept.labels[("intervention", "x-1")] == "Aaa"
    kept = _relabel_step(kept, ids[0], "the smallest goes", facet="intervention", code="x-1")
    assert kept.labels[("intervention", "x-1")] == "Bbb"
    kept = _relabel_step(kept, ids[2], "an empty label is no label", facet="tag", code="leeg", label="")
    assert ("tag", "leeg") not in kept.labels
    kept = _relabel_step(kept, ids[1], "the last label goes", facet="intervention", code="x-1")
    assert ("intervention", "x-1") not in kept.labels
    assert {key: label for key, label in kept.labels.items() if key in unrelated} == unrelated


@pytest.mark.django_db
def test_current_applies_logged_changes_and_loads_in_full_only_when_the_log_cannot_say(
    demo, django_capture_on_commit_callbacks, monkeypatch
):
    calls = {"load": 0, "apply_changes": 0}

    def counting(name):
        function = getattr(facet_index, name)

        def wrapper(*args):
            calls[name] += 1
            return function(*args)

        monkeypatch.setattr(facet_index, name, wrapper)

    counting("load")
    counting("apply_changes")
    monkeypatch.setattr(facet_index, "_current", None)

    def current(expected: dict) -> facet_index.FacetIndex:
        calls.update(load=0, apply_changes=0)
        index = facet_index.current()
        assert calls == expected
        assert index.version == IndexVersion.current()
        _assert_same(index, _expected_load(index.version), expected)
        return index

    first = current({"load": 1, "apply_changes": 0})  # a worker's first search
    assert current({"load": 0, "apply_changes": 0}) is first  # nothing changed: kept as is
    with django_capture_on_commit_callbacks(execute=True):
        page = make_approach("JZ24", title="Bijgewerkt", stage="planning")
    changed = current({"load": 0, "apply_changes": 1})
    assert page.pk in changed.position
    assert current({"load": 0, "apply_changes": 0}) is changed
    IndexVersion.bump(None)  # a rebuild: the log cannot say what changed
    current({"load": 1, "apply_changes": 0})
