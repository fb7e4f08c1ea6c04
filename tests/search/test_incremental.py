"""Every worker keeps four structures over all published profiles: the facet bit sets
(search.facet_index), the similarity profiles (search.comparable), the overview's counts
(practices.figures) and the suggestions (search.suggest). After a publish, unpublish, edit, move
or deletion each worker applies only the documents logged as changed (search.changes). These
tests check, over random sequences of such changes, that the incremental path gives exactly what
a full load gives, and that it really is the incremental path that ran."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.db import transaction
from django.test.utils import override_settings
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from practices import cost_insight, figures, taxonomy
from practices.models import ApproachPage
from regions.models import RegionPage
from search import changes, comparable, facet_index, suggest
from search.models import IndexChange, IndexVersion
from tests.factories import make_approach

pytestmark = pytest.mark.django_db

REGIONS = (0, 1, 2)  # the first region pages of the demo tree
STAGES = taxonomy.vocabulary("stage").codes
OFFERS = taxonomy.vocabulary("offer").codes[:5]
TODAY = datetime.date(2026, 12, 1)

fields = st.fixed_dictionaries(
    {
        "stage": st.sampled_from(STAGES),
        "offers": st.lists(st.sampled_from(OFFERS), unique=True, max_size=3),
        "title": st.sampled_from(["Aanpak A", "Aanpak B", "Zorgpad", "aanpak a"]),
        # equal values too: the cost tally keeps duplicates in its sorted lists
        "annual_budget": st.sampled_from([None, Decimal("25000"), Decimal("25000"), Decimal("80001")]),
        "reached_parents": st.sampled_from([None, 12, 40]),
        "figures_year": st.just(2025),  # required beside a budget or reach
    }
)
operation = st.one_of(
    st.tuples(st.just("publish"), st.sampled_from(REGIONS), fields),
    st.tuples(st.just("edit"), st.integers(0, 9), fields),
    st.tuples(st.just("draft"), st.integers(0, 9), fields),
    st.tuples(st.just("unpublish"), st.integers(0, 9)),
    st.tuples(st.just("republish"), st.integers(0, 9)),
    st.tuples(st.just("move"), st.integers(0, 9), st.sampled_from(REGIONS)),
    st.tuples(st.just("delete"), st.integers(0, 9)),
)


def _region(n: int) -> RegionPage:
    return RegionPage.objects.order_by("path")[n]


def _apply(op, pages: list[ApproachPage]) -> None:
    kind = op[0]
    if kind == "publish":
        pages.append(make_approach(_region(op[1]), **op[2]))
        return
    if not pages:
        return
    page = ApproachPage.objects.get(pk=pages[op[1] % len(pages)].pk)
    if kind in ("edit", "draft"):
        for name, value in op[2].items():
            setattr(page, name, value)
        revision = page.save_revision()
        if kind == "edit":
            revision.publish()
    elif kind == "unpublish" and page.live:
        page.unpublish()
    elif kind == "republish" and not page.live:
        page.save_revision().publish()
    elif kind == "move":
        target = _region(op[2])
        if page.get_parent().pk != target.pk:
            page.move(target, pos="last-child")
    elif kind == "delete":
        page.delete()
        pages.remove(next(p for p in pages if p.pk == page.pk))


def _full_structures():
    version = IndexVersion.current()
    facts, paths = figures.facts_with_paths()
    return (
        facet_index.load(version),
        comparable.load_profiles(),
        figures.OverviewTally(facts, paths).overview(TODAY),
        figures.build_overview(figures.current_facts(), TODAY),
        suggest.build(version),
        cost_insight.CostTally(cost_insight.profile_values()).distributions(),
        cost_insight.distributions(cost_insight.profile_values().values()),
    )


def _kept_structures():
    return (
        facet_index.current(),
        comparable.all_profiles(),
        figures.overview_now(TODAY),
        suggest.current(),
        cost_insight.cost_insight()["distributions"],
    )


@override_settings(OVERVIEW_CACHE_SECONDS=3600)
@settings(
    max_examples=10,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],  # shrinking a sequence of publishes is slow
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(operations=st.lists(operation, min_size=2, max_size=7))
def test_incremental_updates_equal_a_full_load(demo, django_capture_on_commit_callbacks, operations):
    with pytest.MonkeyPatch.context() as monkeypatch:
        _check_sequence(monkeypatch, django_capture_on_commit_callbacks, operations)


def _check_sequence(monkeypatch, django_capture_on_commit_callbacks, operations):
    loads = {"facets": 0, "profiles": 0, "facts": 0, "suggest": 0, "costs": 0}

    def counting(name, function):
        def wrapper(*args, **kwargs):
            if name not in ("facts", "costs") or not args and not kwargs.get("page_ids"):
                loads[name] += 1
            return function(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(facet_index, "load", counting("facets", facet_index.load))
    monkeypatch.setattr(comparable, "load_profiles", counting("profiles", comparable.load_profiles))
    monkeypatch.setattr(figures, "facts_with_paths", counting("facts", figures.facts_with_paths))
    monkeypatch.setattr(suggest, "build", counting("suggest", suggest.build))
    monkeypatch.setattr(cost_insight, "profile_values", counting("costs", cost_insight.profile_values))
    monkeypatch.setattr(cost_insight, "MIN_REPORTING", 1)  # medians and ranges from the first value
    savepoint = transaction.savepoint()
    try:
        pages: list[ApproachPage] = []
        _kept_structures()  # each worker has served before
        for step, op in enumerate(operations):
            with django_capture_on_commit_callbacks(execute=True):
                _apply(op, pages)
            before = dict(loads)
            kept = _kept_structures()
            took_full_load = loads != before
            index, profiles, overview, overview_from_facts, suggestions, costs, costs_from_rows = (
                _full_structures()
            )
            assert kept[0] == index, op
            assert kept[1] == profiles, op
            assert kept[2] == overview, op
            assert kept[2] == overview_from_facts, op
            assert kept[3] == suggestions, op
            assert kept[4] == costs == costs_from_rows, op
            if step > 0:  # the first step may meet a version rolled back with the previous example
                assert not took_full_load, (op, before, loads)
            loads.update(dict.fromkeys(loads, 0))
    finally:
        transaction.savepoint_rollback(savepoint)


def test_a_rebuild_or_a_worker_too_far_behind_loads_in_full(demo, django_capture_on_commit_callbacks):
    held = IndexVersion.current()
    with django_capture_on_commit_callbacks(execute=True):
        page = make_approach("JZ24", title="Logproef")
    assert changes.changed_since(held, IndexVersion.current()) == {page.pk}
    assert changes.changed_since(IndexVersion.current(), IndexVersion.current()) is None

    IndexVersion.bump(None)  # what a rebuild writes
    assert changes.changed_since(held, IndexVersion.current()) is None

    # the held version is no longer in the log (trimmed), or was never logged (rolled back)
    middle = IndexVersion.current()
    with django_capture_on_commit_callbacks(execute=True):
        page.save_revision().publish()
    IndexChange.objects.filter(number=middle[0]).delete()
    assert changes.changed_since(middle, IndexVersion.current()) is None
    forged = (middle[0], datetime.datetime(2000, 1, 1, tzinfo=datetime.UTC))
    assert changes.changed_since(forged, IndexVersion.current()) is None


def test_the_change_log_is_trimmed(demo, monkeypatch):
    from search import models

    monkeypatch.setattr(models, "CHANGE_LOG_VERSIONS", 3)
    monkeypatch.setattr(models, "CHANGE_LOG_PRUNE_EVERY", 1)
    for _ in range(6):
        IndexVersion.bump([1])
    number = IndexVersion.current()[0]
    assert sorted(IndexChange.objects.values_list("number", flat=True)) == [number - 2, number - 1, number]
