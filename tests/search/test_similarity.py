"""Comparable approaches and "learn from" (practices.similarity), pure functions over plain data."""

from __future__ import annotations

import pytest

from practices.similarity import learn_from, profile_from_data, reason, score, similar

BASE = {
    "size_class": "under_50k",
    "level": "municipal",
    "front_door": "desk",
    "stage": "planning",
    "funding": ["jeugdwet", "wmo"],
    "offer": [
        "relationship_courses",
        "information_website",
        "divorce_desk",
        "mediation",
        "local_team_help",
        "social_map_residents",
    ],
    "partner_type": ["cjg", "neighbourhood_team"],
    "cooperation_bottleneck": ["lack_of_knowledge", "poor_cooperation"],
    "execution_bottleneck": ["waiting_lists"],
}


def make(id, **changes):  # noqa: A002
    return profile_from_data(id, {**BASE, **changes}, title=f"P{id}")


def test_identical_profile_scores_one_and_empty_scores_zero():
    target = make(1)
    assert score(target, make(2)) == pytest.approx(1.0)
    assert score(target, profile_from_data(3, {})) == 0.0


def test_reason_names_shared_features_in_dutch():
    target = make(1)
    other = make(2, offer=BASE["offer"][:4], stage="implementing", front_door="none")
    text = reason(target, other)
    assert text.startswith("zelfde grootteklasse, zelfde niveau, 4 van 6 aanbodvormen gedeeld")
    assert text.endswith("een fase verder")


def test_similar_ranks_by_overlap_and_excludes_self():
    target = make(1)
    close = make(2, stage="exploring")
    far = make(3, size_class="g4", level="regional", offer=["mediation"], front_door="none")
    unrelated = profile_from_data(4, {"size_class": "over_100k"}, title="P4")
    matches = similar(target, [target, far, unrelated, close], limit=5)
    assert [m.profile.id for m in matches] == [2, 3]
    assert matches[0].score > matches[1].score
    assert "een fase minder ver" in matches[0].reason


def test_similar_limit():
    target = make(1)
    assert len(similar(target, [make(i) for i in range(2, 20)], limit=5)) == 5


def test_learn_from_needs_further_stage_and_a_missing_bottleneck():
    target = make(1)  # planning, with three bottlenecks
    ahead_without = make(
        2, stage="implemented", cooperation_bottleneck=["poor_cooperation"], execution_bottleneck=[]
    )
    ahead_with_all = make(3, stage="implementing")
    behind_without = make(4, stage="exploring", cooperation_bottleneck=[], execution_bottleneck=[])
    matches = learn_from(target, [ahead_without, ahead_with_all, behind_without])
    assert [m.profile.id for m in matches] == [2]
    assert matches[0].reason.startswith("twee fasen verder; meldt deze 2 knelpunten niet:")
    assert "Partijen ontbreekt de juiste kennis" in matches[0].reason


def test_learn_from_is_empty_without_bottlenecks_or_stage():
    assert (
        learn_from(
            make(1, cooperation_bottleneck=[], execution_bottleneck=[]), [make(2, stage="implemented")]
        )
        == []
    )
    assert learn_from(make(1, stage=""), [make(2, stage="implemented")]) == []


@pytest.mark.django_db
def test_comparable_on_demo_profiles(demo):
    from search.comparable import comparable_for
    from search.models import SearchDocument

    page_id = SearchDocument.objects.get(page_title="Scheidingspunt").pk
    result = comparable_for(page_id)
    titles = [m.profile.title for m in result["comparable"]]
    assert "Scheidingspunt" not in titles
    # the only other municipal approach with a desk comes first
    assert titles[0] == "Scheiden doe je Samen"
    assert "zelfde niveau" in result["comparable"][0].reason


def test_reason_counts_use_the_target_total_and_the_shared_part_only():
    """The other profile has offers and partner types of its own: '2 van 3', not of its 5."""
    target = make(1, offer=["relationship_courses", "mediation", "divorce_desk"], partner_type=["cjg", "gp"])
    other = make(
        2,
        size_class="g4",
        level="regional",
        offer=["mediation", "divorce_desk", "uha", "child_training", "buddy_parents"],
        partner_type=["gp", "youth_health", "social_work", "primary_school"],
    )
    text = reason(target, other)
    assert text.startswith("2 van 3 aanbodvormen gedeeld, 1 soort partner gedeeld"), text
    reverse = reason(other, target)
    assert reverse.startswith("2 van 5 aanbodvormen gedeeld, 1 soort partner gedeeld"), reverse
