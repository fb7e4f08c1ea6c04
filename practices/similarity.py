"""Comparable approaches and "learn from": pure functions over plain data.

A profile is reduced to a few features (codes from taxonomy.json). ``features_from_page`` reads
them from an ApproachPage once (the search app stores the result with its search document);
``similar`` and ``learn_from`` compare one profile against candidates in memory. Code sets are
kept as integer bit masks over the vocabulary, so scoring 10,000 candidates is a tight loop of
``&`` and ``bit_count`` (see tests/search/test_similarity.py for the measurement).

Score: a weighted sum over the features the target profile has filled in, each in [0, 1]:
same size class, same level, closeness in stage, Jaccard overlap of funding, offer, partner
types and bottlenecks, same front door. Features the target leaves empty do not count, so a
sparse profile is not "similar" to everything.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from . import taxonomy

# feature -> (vocabulary, weight)
SINGLE_FEATURES = {
    "size_class": ("size_class", 2.0),
    "level": ("level", 1.0),
    "front_door": ("front_door", 1.0),
}
SET_FEATURES = {
    "funding": ("funding_source", 1.0),
    "offer": ("offer", 2.0),
    "partner_type": ("partner_type", 1.5),
    "cooperation_bottleneck": ("cooperation_bottleneck", 0.75),
    "execution_bottleneck": ("execution_bottleneck", 0.75),
}
STAGE_WEIGHT = 1.5
# Stages that form a progression (taxonomy order, most advanced first); the rest are not ranked.
PROGRESSION = ("implemented", "implementing", "planning", "exploring", "not_started")
BOTTLENECK_FEATURES = ("cooperation_bottleneck", "execution_bottleneck")
NUMBER_WORDS = {1: "een", 2: "twee", 3: "drie", 4: "vier"}


@dataclass(frozen=True, slots=True)
class Profile:
    """One profile's features: single codes as strings, code sets as bit masks."""

    id: int
    title: str = ""
    url: str = ""
    region: str = ""
    size_class: str = ""
    level: str = ""
    front_door: str = ""
    stage: str = ""
    funding: int = 0
    offer: int = 0
    partner_type: int = 0
    cooperation_bottleneck: int = 0
    execution_bottleneck: int = 0

    stage_rank: int | None = None


@dataclass(frozen=True)
class Match:
    profile: Profile
    score: float
    reason: str


@cache
def _bits(vocabulary_name: str) -> dict[str, int]:
    return {code: 1 << i for i, code in enumerate(taxonomy.vocabulary(vocabulary_name).codes)}


def _mask(vocabulary_name: str, codes: Iterable[str]) -> int:
    bits = _bits(vocabulary_name)
    mask = 0
    for code in codes or ():
        mask |= bits.get(code, 0)
    return mask


def _codes(vocabulary_name: str, mask: int) -> list[str]:
    return [code for i, code in enumerate(taxonomy.vocabulary(vocabulary_name).codes) if mask >> i & 1]


def features_from_page(page, size_class: str = "", partners=None) -> dict:
    """Plain, JSON-serialisable features of an ApproachPage (public data only).

    ``size_class`` is the class of the largest municipality the profile covers (computed by the
    caller, which already loads the municipalities; and the partners, when it has them)."""
    partners = list(page.partners.all()) if partners is None else partners
    return {
        "size_class": size_class,
        "level": page.level or "",
        "front_door": page.front_door or "",
        "stage": page.stage or "",
        "funding": list(page.funding_sources or []),
        "offer": list(page.offers or []),
        "partner_type": sorted({p.partner_type for p in partners if p.partner_type}),
        "cooperation_bottleneck": list(page.cooperation_bottlenecks or []),
        "execution_bottleneck": list(page.execution_bottlenecks or []),
    }


def profile_from_data(id: int, data: dict, title: str = "", url: str = "", region: str = "") -> Profile:  # noqa: A002
    data = data or {}
    return Profile(
        id=id,
        title=title,
        url=url,
        region=region,
        stage=data.get("stage", ""),
        stage_rank=PROGRESSION.index(data["stage"]) if data.get("stage") in PROGRESSION else None,
        **{name: data.get(name, "") for name in SINGLE_FEATURES},
        **{name: _mask(vocab, data.get(name, ())) for name, (vocab, _w) in SET_FEATURES.items()},
    )


def _jaccard(a: int, b: int) -> float:
    union = (a | b).bit_count()
    return (a & b).bit_count() / union if union else 0.0


def _target_weight(target: Profile) -> float:
    weight_sum = sum(w for name, (_v, w) in SINGLE_FEATURES.items() if getattr(target, name))
    weight_sum += sum(w for name, (_v, w) in SET_FEATURES.items() if getattr(target, name))
    return weight_sum + (STAGE_WEIGHT if target.stage_rank is not None else 0.0)


def _scores(target: Profile, candidates: Iterable[Profile]) -> list[tuple[float, Profile]]:
    """``score`` for many candidates in one tight loop (same arithmetic, inlined for speed)."""
    weight_sum = _target_weight(target)
    if not weight_sum:
        return []
    (w_size, w_level, w_door) = (SINGLE_FEATURES[n][1] for n in ("size_class", "level", "front_door"))
    w_fund, w_offer, w_partner, w_coop, w_exec = (
        SET_FEATURES[n][1]
        for n in ("funding", "offer", "partner_type", "cooperation_bottleneck", "execution_bottleneck")
    )
    t_id, size, level, door, rank = (
        target.id,
        target.size_class,
        target.level,
        target.front_door,
        target.stage_rank,
    )
    fund, offer, partner = target.funding, target.offer, target.partner_type
    coop, execution = target.cooperation_bottleneck, target.execution_bottleneck
    n_stages = len(PROGRESSION)
    out = []
    append = out.append
    for other in candidates:
        if other.id == t_id:
            continue
        total = 0.0
        if size and size == other.size_class:
            total += w_size
        if level and level == other.level:
            total += w_level
        if door and door == other.front_door:
            total += w_door
        if offer and other.offer & offer:
            total += w_offer * (offer & other.offer).bit_count() / (offer | other.offer).bit_count()
        if partner and other.partner_type & partner:
            total += (
                w_partner
                * (partner & other.partner_type).bit_count()
                / (partner | other.partner_type).bit_count()
            )
        if fund and other.funding & fund:
            total += w_fund * (fund & other.funding).bit_count() / (fund | other.funding).bit_count()
        if coop and other.cooperation_bottleneck & coop:
            total += (
                w_coop
                * (coop & other.cooperation_bottleneck).bit_count()
                / (coop | other.cooperation_bottleneck).bit_count()
            )
        if execution and other.execution_bottleneck & execution:
            total += (
                w_exec
                * (execution & other.execution_bottleneck).bit_count()
                / (execution | other.execution_bottleneck).bit_count()
            )
        if rank is not None and other.stage_rank is not None:
            total += STAGE_WEIGHT * (1 - abs(rank - other.stage_rank) / n_stages)
        if total > 0:
            append((total / weight_sum, other))
    return out


def score(target: Profile, other: Profile) -> float:
    total = weight_sum = 0.0
    for name, (_vocab, weight) in SINGLE_FEATURES.items():
        mine = getattr(target, name)
        if mine:
            weight_sum += weight
            if mine == getattr(other, name):
                total += weight
    for name, (_vocab, weight) in SET_FEATURES.items():
        mine = getattr(target, name)
        if mine:
            weight_sum += weight
            total += weight * _jaccard(mine, getattr(other, name))
    rank, other_rank = target.stage_rank, other.stage_rank
    if rank is not None:
        weight_sum += STAGE_WEIGHT
        if other_rank is not None:
            total += STAGE_WEIGHT * (1 - abs(rank - other_rank) / len(PROGRESSION))
    return total / weight_sum if weight_sum else 0.0


def _stage_phrase(target: Profile, other: Profile) -> str:
    rank, other_rank = target.stage_rank, other.stage_rank
    if rank is None or other_rank is None:
        return ""
    steps = rank - other_rank
    if steps == 0:
        return _("zelfde fase")
    word = NUMBER_WORDS.get(abs(steps), str(abs(steps)))
    if steps > 0:
        return ngettext("%(n)s fase verder", "%(n)s fasen verder", abs(steps)) % {"n": word}
    return ngettext("%(n)s fase minder ver", "%(n)s fasen minder ver", abs(steps)) % {"n": word}


def reason(target: Profile, other: Profile) -> str:
    """A one-line Dutch reason, e.g. 'zelfde grootteklasse, 4 van 6 aanbodvormen gedeeld, een fase
    verder'."""
    parts = []
    if target.size_class and target.size_class == other.size_class:
        parts.append(_("zelfde grootteklasse"))
    if target.level and target.level == other.level:
        parts.append(_("zelfde niveau"))
    if target.offer:
        shared = (target.offer & other.offer).bit_count()
        if shared:
            parts.append(
                ngettext(
                    "%(shared)s van %(total)s aanbodvorm gedeeld",
                    "%(shared)s van %(total)s aanbodvormen gedeeld",
                    target.offer.bit_count(),
                )
                % {"shared": shared, "total": target.offer.bit_count()}
            )
    if target.partner_type:
        shared = (target.partner_type & other.partner_type).bit_count()
        if shared:
            text = ngettext("%(n)s soort partner gedeeld", "%(n)s soorten partners gedeeld", shared)
            parts.append(text % {"n": shared})
    if target.funding and target.funding & other.funding:
        parts.append(_("deels zelfde financiering"))
    if target.front_door and target.front_door == other.front_door:
        parts.append(_("zelfde voordeur"))
    shared_bottlenecks = sum(
        (getattr(target, n) & getattr(other, n)).bit_count() for n in BOTTLENECK_FEATURES
    )
    if shared_bottlenecks:
        parts.append(
            ngettext("%(n)s knelpunt gedeeld", "%(n)s knelpunten gedeeld", shared_bottlenecks)
            % {"n": shared_bottlenecks}
        )
    stage = _stage_phrase(target, other)
    return ", ".join(parts[:3] + ([stage] if stage else []))


def similar(target: Profile, candidates: Iterable[Profile], limit: int = 5) -> list[Match]:
    """The ``limit`` most similar other profiles (score > 0), best first, ties by title."""
    scored = heapq.nsmallest(
        limit, _scores(target, candidates), key=lambda item: (-item[0], item[1].title, item[1].id)
    )
    return [Match(other, round(value, 4), reason(target, other)) for value, other in scored]


def learn_from(target: Profile, candidates: Iterable[Profile], limit: int = 5) -> list[Match]:
    """Profiles further along (stage) that do not report a bottleneck the target reports; the
    reason names the bottlenecks they do not have. Ordered by how many such bottlenecks, then by
    similarity."""
    rank = target.stage_rank
    if rank is None or not (target.cooperation_bottleneck or target.execution_bottleneck):
        return []
    found = []
    coop, execution = target.cooperation_bottleneck, target.execution_bottleneck
    for other in candidates:
        other_rank = other.stage_rank
        if other_rank is None or other_rank >= rank or other.id == target.id:
            continue
        count = (coop & ~other.cooperation_bottleneck).bit_count() + (
            execution & ~other.execution_bottleneck
        ).bit_count()
        if count:
            found.append((count, other))
    if not found:
        return []
    # Most missing bottlenecks first; similarity breaks ties, computed only where it matters.
    found.sort(key=lambda item: -item[0])
    threshold = found[min(limit, len(found)) - 1][0]
    contenders = [other for count, other in found if count >= threshold]
    counts = {other.id: count for count, other in found if count >= threshold}
    scores = {other.id: value for value, other in _scores(target, contenders)}
    ranked = sorted(contenders, key=lambda o: (-counts[o.id], -scores.get(o.id, 0.0), o.title, o.id))[:limit]
    found = [
        (
            counts[o.id],
            scores.get(o.id, 0.0),
            o,
            {name: getattr(target, name) & ~getattr(o, name) for name in BOTTLENECK_FEATURES},
        )
        for o in ranked
    ]
    matches = []
    for count, value, other, missing in found[:limit]:
        labels = [
            taxonomy.label(vocab_name, code)
            for name in BOTTLENECK_FEATURES
            for vocab_name in [SET_FEATURES[name][0]]
            for code in _codes(vocab_name, missing[name])
        ]
        text = ngettext(
            "meldt dit knelpunt niet: %(labels)s", "meldt deze %(n)s knelpunten niet: %(labels)s", count
        ) % {"n": count, "labels": "; ".join(labels)}
        matches.append(Match(other, round(value, 4), f"{_stage_phrase(target, other)}; {text}"))
    return matches
