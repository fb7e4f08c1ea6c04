"""The scoring rules of comparable approaches and "learn from" (practices.similarity) pinned
down: the fast scoring loop agrees with the definition (``score``) on any profiles, every feature
counts with its weight, the order and limits hold, and the Dutch reasons say what is shared."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from practices import taxonomy
from practices.similarity import (
    PROGRESSION,
    SET_FEATURES,
    SINGLE_FEATURES,
    learn_from,
    profile_from_data,
    reason,
    score,
    similar,
)

VOCABULARY = {name: vocab for name, (vocab, _w) in {**SINGLE_FEATURES, **SET_FEATURES}.items()}


def codes(name):
    return taxonomy.vocabulary(VOCABULARY[name]).codes


def profile(id, title=None, **data):  # noqa: A002
    return profile_from_data(id, data, title=title or f"P{id:02d}")


@st.composite
def profile_data(draw):
    data = {}
    for name in SINGLE_FEATURES:
        data[name] = draw(st.sampled_from(["", *codes(name)]))
    for name in SET_FEATURES:
        data[name] = draw(st.lists(st.sampled_from(codes(name)), max_size=4, unique=True))
    data["stage"] = draw(st.sampled_from(["", "no_attention", *PROGRESSION]))
    return data


@settings(max_examples=60, deadline=None)
@given(target=profile_data(), others=st.lists(profile_data(), min_size=1, max_size=8))
def test_the_fast_ranking_agrees_with_the_score_definition(target, others):
    me = profile(0, **target)
    candidates = [me, *(profile(i + 1, **data) for i, data in enumerate(others))]
    expected = sorted(
        ((score(me, other), other) for other in candidates[1:] if score(me, other) > 0),
        key=lambda item: (-item[0], item[1].title, item[1].id),
    )
    matches = similar(me, candidates, limit=len(candidates))
    assert [m.profile.id for m in matches] == [other.id for _s, other in expected]  # self never
    # the fast loop adds the same terms in another order: the last float bit may differ, and with
    # it the fourth decimal where a score ends in 5 (0.01875 -> 0.0187 or 0.0188)
    assert [m.score for m in matches] == pytest.approx([value for value, _o in expected], abs=1e-4)
    assert similar(me, candidates, limit=2) == matches[:2]


def test_an_identical_profile_scores_one_an_empty_target_matches_nothing():
    data = {"size_class": "g4", "offer": ["mediation"], "stage": "planning", "funding": ["wmo"]}
    assert score(profile(1, **data), profile(2, **data)) == 1.0
    assert score(profile(1), profile(2, **data)) == 0.0
    assert similar(profile(1), [profile(2, **data)]) == []


@pytest.mark.parametrize(
    ("feature", "weight"),
    [
        ("level", 1.0),
        ("front_door", 1.0),
        ("funding", 1.0),
        ("offer", 2.0),
        ("partner_type", 1.5),
        ("cooperation_bottleneck", 0.75),
        ("execution_bottleneck", 0.75),
    ],
)
def test_every_feature_counts_with_its_weight(feature, weight):
    """Target: the same size class (weight 2) and two values of ``feature``; the other shares the
    size class and one of the two values (plus one of its own): 2 + weight x 1/3 of 2 + weight."""
    first, second, third = codes(feature)[:3]
    if feature in SINGLE_FEATURES:
        target = profile(1, size_class="g4", **{feature: first})
        same = profile(2, size_class="g4", **{feature: first})
        different = profile(3, size_class="g4", **{feature: second})
        assert score(target, same) == pytest.approx(1.0)
        assert score(target, different) == pytest.approx(2 / (2 + weight))
        assert [m.profile.id for m in similar(target, [different, same])] == [2, 3]
        return
    target = profile(1, size_class="g4", **{feature: [first, second]})
    other = profile(2, size_class="g4", **{feature: [second, third]})
    expected = (2 + weight / 3) / (2 + weight)
    assert score(target, other) == pytest.approx(expected)
    assert similar(target, [other])[0].score == round(expected, 4)
    assert score(target, profile(3, size_class="g4")) == pytest.approx(2 / (2 + weight))


def test_stage_closeness_over_the_progression():
    target = profile(1, stage="implemented")
    by_stage = {stage: profile(i + 2, stage=stage) for i, stage in enumerate(PROGRESSION)}
    for steps, stage in enumerate(PROGRESSION):
        assert score(target, by_stage[stage]) == pytest.approx(1 - steps / len(PROGRESSION))
    assert score(target, profile(9, stage="no_attention")) == 0.0  # outside the progression
    assert score(profile(1, stage="no_attention"), by_stage["implemented"]) == 0.0
    assert [m.profile.id for m in similar(target, list(by_stage.values()), limit=3)] == [2, 3, 4]


def test_ties_are_broken_by_title_then_id():
    target = profile(1, offer=["mediation"])
    twins = [profile(5, "Beta", offer=["mediation"]), profile(4, "Alfa", offer=["mediation"])]
    twins.append(profile(3, "Alfa", offer=["mediation"]))
    assert [m.profile.id for m in similar(target, twins)] == [3, 4, 5]


@pytest.mark.parametrize(
    ("target_stage", "other_stage", "phrase"),
    [
        ("planning", "planning", "zelfde fase"),
        ("planning", "implementing", "een fase verder"),
        ("not_started", "implemented", "vier fasen verder"),
        ("implementing", "planning", "een fase minder ver"),
        ("implemented", "exploring", "drie fasen minder ver"),
    ],
)
def test_the_reason_ends_with_the_stage_in_words(target_stage, other_stage, phrase):
    text = reason(profile(1, stage=target_stage), profile(2, stage=other_stage))
    assert text == phrase


def test_the_reason_names_at_most_three_shared_features_then_the_stage():
    data = {
        "size_class": "g4",
        "level": "municipal",
        "front_door": "desk",
        "funding": ["wmo"],
        "stage": "planning",
    }
    assert reason(profile(1, **data), profile(2, **data)) == (
        "zelfde grootteklasse, zelfde niveau, deels zelfde financiering, zelfde fase"
    )
    door_and_funding = {"front_door": "desk", "funding": ["wmo"]}
    assert reason(profile(1, **door_and_funding), profile(2, **door_and_funding)) == (
        "deels zelfde financiering, zelfde voordeur"
    )
    assert reason(profile(1, level="municipal"), profile(2, level="regional")) == ""


def test_the_reason_counts_offers_partners_and_bottlenecks():
    target = profile(
        1,
        offer=["mediation"],
        partner_type=["cjg", "gp"],
        cooperation_bottleneck=["lack_of_knowledge"],
        execution_bottleneck=["waiting_lists", "late_recognition"],
    )
    other = profile(
        2,
        offer=["mediation", "divorce_desk"],
        partner_type=["cjg", "gp"],
        cooperation_bottleneck=["lack_of_knowledge"],
        execution_bottleneck=["waiting_lists"],
    )
    assert reason(target, other) == (
        "1 van 1 aanbodvorm gedeeld, 2 soorten partners gedeeld, 2 knelpunten gedeeld"
    )
    lone = profile(3, cooperation_bottleneck=["lack_of_knowledge"], partner_type=["gp"])
    assert reason(target, lone) == "1 soort partner gedeeld, 1 knelpunt gedeeld"


def labels(vocabulary, *names):
    return "; ".join(taxonomy.label(vocabulary, name) for name in names)


def test_learn_from_orders_by_missing_bottlenecks_then_similarity_and_names_them():
    target = profile(
        1,
        stage="planning",
        size_class="g4",
        cooperation_bottleneck=["lack_of_knowledge", "poor_cooperation"],
        execution_bottleneck=["waiting_lists"],
    )
    free_of_all = profile(2, "Zeta", stage="implemented")
    free_of_two = profile(3, "Alfa", stage="implementing", cooperation_bottleneck=["poor_cooperation"])
    free_of_two_similar = profile(
        4, "Omega", stage="implementing", size_class="g4", cooperation_bottleneck=["poor_cooperation"]
    )
    free_of_one = profile(
        5, "Beta", stage="implemented", cooperation_bottleneck=["lack_of_knowledge", "poor_cooperation"]
    )
    behind = profile(6, stage="exploring")  # not further along
    level = profile(7, stage="planning")  # same stage
    unranked = profile(8, stage="no_attention")
    everyone = [target, behind, level, unranked, free_of_one, free_of_two, free_of_two_similar, free_of_all]

    matches = learn_from(target, everyone)
    assert [m.profile.id for m in matches] == [2, 4, 3, 5]
    coop, execution = "cooperation_bottleneck", "execution_bottleneck"
    assert matches[0].reason == (
        "twee fasen verder; meldt deze 3 knelpunten niet: "
        f"{labels(coop, 'lack_of_knowledge', 'poor_cooperation')}; {labels(execution, 'waiting_lists')}"
    )
    assert matches[3].reason == (
        f"twee fasen verder; meldt dit knelpunt niet: {labels(execution, 'waiting_lists')}"
    )
    assert matches[1].score == round(score(target, free_of_two_similar), 4) > matches[2].score
    assert [m.profile.id for m in learn_from(target, everyone, limit=2)] == [2, 4]
    assert [m.profile.id for m in learn_from(target, everyone, limit=1)] == [2]


def test_learn_from_needs_a_ranked_stage_and_a_bottleneck():
    further = profile(2, stage="implemented")
    assert learn_from(profile(1, stage="planning"), [further]) == []
    troubled = {"execution_bottleneck": ["waiting_lists"]}
    assert learn_from(profile(1, stage="no_attention", **troubled), [further]) == []
    same_troubles = profile(3, stage="implemented", **troubled)
    assert learn_from(profile(1, stage="planning", **troubled), [same_troubles]) == []


def test_the_features_of_a_page_are_its_codes_and_its_partners_kinds():
    from types import SimpleNamespace as Fields  # the page's fields, without a database

    from practices.similarity import features_from_page

    page = Fields(
        level="municipal",
        front_door="desk",
        stage="planning",
        funding_sources=["wmo", "jeugdwet"],
        offers=["mediation"],
        cooperation_bottlenecks=["lack_of_knowledge"],
        execution_bottlenecks=["waiting_lists"],
    )
    partners = [Fields(partner_type=kind) for kind in ("gp", "cjg", "gp", "")]
    assert features_from_page(page, "g4", partners) == {
        "size_class": "g4",
        "level": "municipal",
        "front_door": "desk",
        "stage": "planning",
        "funding": ["wmo", "jeugdwet"],
        "offer": ["mediation"],
        "partner_type": ["cjg", "gp"],  # each kind once, sorted; a partner without a kind adds none
        "cooperation_bottleneck": ["lack_of_knowledge"],
        "execution_bottleneck": ["waiting_lists"],
    }
    blank = Fields(
        level=None,
        front_door="",
        stage=None,
        funding_sources=None,
        offers=None,
        cooperation_bottlenecks=[],
        execution_bottlenecks=None,
    )
    assert features_from_page(blank, partners=[]) == {
        "size_class": "",
        "level": "",
        "front_door": "",
        "stage": "",
        "funding": [],
        "offer": [],
        "partner_type": [],
        "cooperation_bottleneck": [],
        "execution_bottleneck": [],
    }
