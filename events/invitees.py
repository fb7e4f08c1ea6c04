"""Suggested invitees for a session: who has the session's themes as a bottleneck or need, and who
is further along and could present on them. Pure logic over published approach profiles; every
suggestion carries its reasons in Dutch so the organiser can judge it.

Signals, per theme ("vocabulary:code"):

* need: the profile lists the code in the matching field (bottlenecks, support needs), or names a
  related hindering factor from the 2018 study (``HINDERING_RELATED``, weaker, said so);
* presenter: the profile does not have the theme itself and is further along (a better stage than
  the best stage among the regions with the need, or at least "implementing" when no stage is
  known there) and/or shows a strength that bears on the theme (``STRENGTHS``).

Suggestions are grouped per region page (a region with several profiles appears once).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from practices import taxonomy
from practices.models import ApproachPage

from .models import THEME_FIELDS

# theme vocabulary -> profile field holding the same codes
PROFILE_FIELD = {
    "cooperation_bottleneck": "cooperation_bottlenecks",
    "execution_bottleneck": "execution_bottlenecks",
    "national_bottleneck": "national_bottlenecks",
    "support_need": "support_needs",
}
NEED_PHRASE = {
    "cooperation_bottleneck": "Noemt '%(label)s' als knelpunt in de samenwerking",
    "execution_bottleneck": "Noemt '%(label)s' als knelpunt in de uitvoering",
    "national_bottleneck": "Noemt '%(label)s' als landelijk knelpunt",
    "support_need": "Heeft behoefte aan ondersteuning: '%(label)s'",
}
NONE_PHRASE = {
    "cooperation_bottleneck": "Meldt geen knelpunten in de samenwerking",
    "execution_bottleneck": "Meldt geen knelpunten in de uitvoering",
}

# 2018 study: what held initiatives back, and the quickscan themes it relates to (our reading).
HINDERING_RELATED = {
    "care_legal_tension": (
        "cooperation_bottleneck:different_principles",
        "national_bottleneck:chain_and_judiciary",
    ),
    "privacy_rules": ("cooperation_bottleneck:poor_cooperation", "national_bottleneck:fragmentation"),
    "organisation_interests": (
        "cooperation_bottleneck:poor_cooperation",
        "cooperation_bottleneck:different_principles",
    ),
    "extra_costs": ("national_bottleneck:funding_measurability", "support_need:cost_benefit"),
    "lack_of_time": ("execution_bottleneck:not_embedded",),
    "declining_motivation": ("execution_bottleneck:not_embedded",),
    "bureaucracy": ("national_bottleneck:fragmentation",),
}

IMPLEMENTING = "implementing"


def _expertise(page) -> str | None:
    if page.expertise_measures:
        labels = ", ".join(taxonomy.vocabulary("expertise_measure").labels(page.expertise_measures))
        return _("Deskundigheidsmaatregelen: %(labels)s") % {"labels": labels}
    return None


def _evaluated(page) -> str | None:
    if page.evaluation_status == "evaluated_improved":
        return _("Effectiviteit onderzocht en aanpak op basis daarvan verbeterd")
    if page.measurable_results.strip():
        return _("Beschrijft meetbare resultaten")
    return None


def _front_door(page) -> str | None:
    if page.front_door and page.front_door != "none":
        return _("Heeft een voordeur voor ouders: %(label)s") % {
            "label": taxonomy.label("front_door", page.front_door)
        }
    return None


def _case_consultation(page) -> str | None:
    if page.case_consultation.strip():
        return _("Heeft een casusoverleg voor vastgelopen situaties")
    return None


def _cooperation(page) -> str | None:
    factors = [
        code for code in page.success_factors if code in ("management_support", "face_to_face", "leadership")
    ]
    if factors:
        labels = ", ".join(taxonomy.vocabulary("success_factor").labels(factors))
        return _("Noemt als succesfactor: %(labels)s") % {"labels": labels}
    if page.has_steering_group:
        return _("Heeft een stuurgroep")
    return None


def _embedded(page) -> str | None:
    if page.funding_structure == "structural":
        return _("Structureel gefinancierd")
    return None


# theme key -> strengths that make a profile a good presenter on it
STRENGTHS: dict[str, tuple[Callable, ...]] = {
    "cooperation_bottleneck:lack_of_knowledge": (_expertise,),
    "cooperation_bottleneck:poor_cooperation": (_cooperation,),
    "cooperation_bottleneck:different_principles": (_cooperation, _case_consultation),
    "execution_bottleneck:late_recognition": (_case_consultation, _expertise),
    "execution_bottleneck:offer_incoherent": (_front_door,),
    "execution_bottleneck:not_embedded": (_embedded,),
    "execution_bottleneck:waiting_lists": (_case_consultation,),
    "national_bottleneck:funding_measurability": (_evaluated, _embedded),
    "national_bottleneck:fragmentation": (_cooperation,),
    "national_bottleneck:chain_and_judiciary": (_case_consultation,),
    "support_need:national_information": (_front_door,),
    "support_need:basic_offer": (_front_door,),
    "support_need:quality_mark": (_evaluated,),
    "support_need:regional_coordination": (_cooperation,),
    "support_need:expertise": (_expertise,),
    "support_need:cost_benefit": (_evaluated,),
}


@dataclass
class Suggestion:
    region: object  # RegionPage (or None for a profile outside the region tree)
    approaches: list = field(default_factory=list)
    reasons: list[str] = field(default_factory=list)
    score: int = 0

    @property
    def title(self) -> str:
        return self.region.title if self.region is not None else self.approaches[0].title

    def add(self, page, reason: str, weight: int = 1) -> None:
        if page not in self.approaches:
            self.approaches.append(page)
        text = f"{page.title}: {reason}"
        if text not in self.reasons:
            self.reasons.append(text)
            self.score += weight


@dataclass
class Invitees:
    needs: list[Suggestion]
    presenters: list[Suggestion]

    def __bool__(self) -> bool:
        return bool(self.needs or self.presenters)


def session_themes(session) -> list[tuple[str, str]]:
    return [
        (vocabulary, code) for field_name, vocabulary in THEME_FIELDS for code in getattr(session, field_name)
    ]


def published_profiles():
    return ApproachPage.objects.published().real().order_by("title")


def _stage_rank(page) -> int | None:
    position = taxonomy.vocabulary("stage").position(page.stage)
    return None if position < 0 else position


def suggest(themes: Iterable[tuple[str, str]], profiles: Iterable, featured: Iterable = ()) -> Invitees:
    """Group the profiles that need each theme and those that could present on it."""
    themes = list(themes)
    profiles = list(profiles)
    featured_ids = {page.pk for page in featured}
    parents = _regions_of(profiles)
    needs: dict = {}
    presenters: dict = {}
    stage_vocabulary = taxonomy.vocabulary("stage")
    implementing_rank = stage_vocabulary.position(IMPLEMENTING)

    for vocabulary, code in themes:
        key = f"{vocabulary}:{code}"
        theme_label = taxonomy.label(vocabulary, code)
        needing = set()
        for page in profiles:
            reasons = []
            if code in (getattr(page, PROFILE_FIELD[vocabulary]) or ()):
                reasons.append((_(NEED_PHRASE[vocabulary]) % {"label": theme_label}, 3))
            for factor in page.hindering_factors or ():
                if key in HINDERING_RELATED.get(factor, ()):
                    reasons.append(
                        (
                            _("Noemde '%(factor)s' als belemmering (verwant aan '%(theme)s')")
                            % {"factor": taxonomy.label("hindering_factor", factor), "theme": theme_label},
                            1,
                        )
                    )
            if reasons:
                needing.add(page.pk)
                suggestion = _entry(needs, parents[page.pk])
                for reason, weight in reasons:
                    suggestion.add(page, reason, weight)

        need_ranks = [
            rank for page in profiles if page.pk in needing if (rank := _stage_rank(page)) is not None
        ]
        threshold = min(need_ranks) if need_ranks else implementing_rank + 1
        for page in profiles:
            if page.pk in needing:
                continue
            reasons = []
            rank = _stage_rank(page)
            if rank is not None and rank < threshold:
                reasons.append(
                    (_("Verder gevorderd: %(stage)s") % {"stage": stage_vocabulary.label(page.stage)}, 2)
                )
            none_phrase = NONE_PHRASE.get(vocabulary)
            if none_phrase and "none" in (getattr(page, PROFILE_FIELD[vocabulary]) or ()):
                reasons.append((_(none_phrase), 1))
            for strength in STRENGTHS.get(key, ()):
                text = strength(page)
                if text:
                    reasons.append(
                        (_("%(strength)s (thema '%(theme)s')") % {"strength": text, "theme": theme_label}, 2)
                    )
            if not reasons:
                continue
            if page.pk in featured_ids:
                reasons.append((_("Al uitgelicht in deze bijeenkomst"), 0))
            suggestion = _entry(presenters, parents[page.pk])
            for reason, weight in reasons:
                suggestion.add(page, reason, weight)

    def ordered(entries: dict) -> list[Suggestion]:
        return sorted(entries.values(), key=lambda s: (-s.score, s.title))

    return Invitees(needs=ordered(needs), presenters=ordered(presenters))


def suggest_for_session(session, profiles=None) -> Invitees:
    return suggest(
        session_themes(session),
        published_profiles() if profiles is None else profiles,
        featured=session.featured_approaches.all(),
    )


def _regions_of(pages: list) -> dict:
    """Parent region page of each profile, in one query (parent path = path minus one step)."""
    from regions.models import RegionPage

    steplen = ApproachPage.steplen
    parent_paths = {page.path[:-steplen] for page in pages}
    by_path = {region.path: region for region in RegionPage.objects.filter(path__in=parent_paths)}
    return {page.pk: by_path.get(page.path[:-steplen]) for page in pages}


def _entry(entries: dict, region) -> Suggestion:
    key = region.pk if region is not None else None
    if key not in entries:
        entries[key] = Suggestion(region=region)
    return entries[key]
