"""Response counts of a round, as the quickscan report's chapter 3 presents them (figure 1, table 1).

Two measures, both as in the report:

* **Responses**: one per respondent. The response rate is complete responses divided by all
  municipalities (153 / 342 = 45 % in 2025). In a breakdown a joint response counts once, in the
  province or size class of most of the municipalities it names (the report's footnote 6; a tie
  goes to the group with more inhabitants among them); a response naming no municipality
  (anonymous, imported) counts under "unknown".
* **Municipalities covered**: a joint response covers every municipality it names (169 in 2025).
  A municipality is *complete* when any complete response names it, *started* when a response
  names it but none is complete yet.

Everything is counted with a constant number of aggregate queries, whatever the number of
responses (see ``tests/quickscan/test_dashboard.py``). ``public`` turns the counts into what may be
shown publicly: breakdown cells under ``SMALL_CELL`` are hidden, with one more cell hidden when a
single hidden cell could be worked out from the total.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q

from regions import size_classes
from regions.models import Municipality, Province

from .models import Invitation, Response

SMALL_CELL = 5
UNKNOWN = "unknown"

NOT_STARTED, STARTED, COMPLETE = "not_started", "started", "complete"


@dataclass
class GroupCounts:
    key: str
    label: str
    municipalities: int = 0
    invited: int = 0
    covered: int = 0  # municipalities named by any response (started or complete)
    covered_complete: int = 0
    responses: int = 0  # complete responses attributed to this group (majority rule)

    @property
    def covered_started(self) -> int:
        return self.covered - self.covered_complete

    @property
    def coverage_percent(self) -> float | None:
        return percent(self.covered_complete, self.municipalities)


@dataclass
class RoundCounts:
    invited: int
    responses: int  # all responses begun, complete or not (the report's "reacties")
    complete: int
    municipalities: int  # all municipalities in the registry (342)
    covered: int
    covered_complete: int
    anonymous: int  # complete responses that name no municipality
    by_province: list[GroupCounts] = field(default_factory=list)
    by_size_class: list[GroupCounts] = field(default_factory=list)

    @property
    def started(self) -> int:
        """Responses begun but not complete."""
        return self.responses - self.complete

    @property
    def covered_started(self) -> int:
        return self.covered - self.covered_complete

    @property
    def response_rate(self) -> float | None:
        return percent(self.complete, self.municipalities)

    @property
    def coverage_rate(self) -> float | None:
        return percent(self.covered_complete, self.municipalities)


def percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def _responses_in(round_):
    return Response.objects.filter(round=round_)


def _coverage_by(round_, group_field: str):
    """Municipality totals per group with invited and covered counts: one aggregate query."""
    in_round = Q(quickscan_responses__round=round_)
    invited = Q(quickscan_invitations__round=round_, quickscan_invitations__revoked_at__isnull=True)
    return (
        Municipality.objects.order_by()
        .values(group_field)
        .annotate(
            municipalities=Count("pk", distinct=True),
            invited=Count("pk", filter=invited, distinct=True),
            covered=Count("pk", filter=in_round, distinct=True),
            covered_complete=Count(
                "pk", filter=in_round & Q(quickscan_responses__submitted_at__isnull=False), distinct=True
            ),
        )
    )


def _attributed_responses(round_) -> tuple[Counter, Counter, int]:
    """Complete responses per province id and per size class (majority of the municipalities named)."""
    through = Response.municipalities.through
    rows = through.objects.filter(response__round=round_, response__submitted_at__isnull=False).values_list(
        "response_id", "municipality__province_id", "municipality__size_class", "municipality__population"
    )
    named: dict[int, list[tuple[int, str, int]]] = defaultdict(list)
    for response_id, province_id, size_class, population in rows:
        named[response_id].append((province_id, size_class, population))
    by_province, by_size = Counter(), Counter()
    for municipalities in named.values():
        by_province[_majority([(p, pop) for p, _s, pop in municipalities])] += 1
        by_size[_majority([(s, pop) for _p, s, pop in municipalities])] += 1
    return by_province, by_size, len(named)


def _majority(groups_with_population: list[tuple[object, int]]):
    count, inhabitants = Counter(), Counter()
    for group, population in groups_with_population:
        count[group] += 1
        inhabitants[group] += population
    return max(count, key=lambda group: (count[group], inhabitants[group]))


def round_counts(round_) -> RoundCounts:
    """The round's counts, nationally, per province and per size class (six queries)."""
    from practices import taxonomy

    totals = _responses_in(round_).aggregate(
        responses=Count("pk"), complete=Count("pk", filter=Q(submitted_at__isnull=False))
    )
    invited = Invitation.objects.filter(round=round_, revoked_at__isnull=True).count()
    by_province_id, by_size, attributed = _attributed_responses(round_)
    anonymous = totals["complete"] - attributed
    provinces = {pk: (code, name) for pk, code, name in Province.objects.values_list("pk", "code", "name")}

    province_rows = {
        row["province"]: GroupCounts(
            key=provinces[row["province"]][0],
            label=provinces[row["province"]][1],
            municipalities=row["municipalities"],
            invited=row["invited"],
            covered=row["covered"],
            covered_complete=row["covered_complete"],
            responses=by_province_id.get(row["province"], 0),
        )
        for row in _coverage_by(round_, "province")
    }
    size_rows = {
        row["size_class"]: GroupCounts(
            key=row["size_class"],
            label=taxonomy.label("size_class", row["size_class"]),
            municipalities=row["municipalities"],
            invited=row["invited"],
            covered=row["covered"],
            covered_complete=row["covered_complete"],
            responses=by_size.get(row["size_class"], 0),
        )
        for row in _coverage_by(round_, "size_class")
    }
    by_province = sorted(province_rows.values(), key=lambda group: group.label)
    by_size_class = [size_rows[code] for code in size_classes.ORDER if code in size_rows]
    by_size_class += [row for code, row in size_rows.items() if code not in size_classes.ORDER]
    if anonymous:
        for rows in (by_province, by_size_class):
            rows.append(GroupCounts(key=UNKNOWN, label=_unknown_label(), responses=anonymous))
    return RoundCounts(
        invited=invited,
        responses=totals["responses"],
        complete=totals["complete"],
        municipalities=sum(group.municipalities for group in by_province),
        covered=sum(group.covered for group in by_province),
        covered_complete=sum(group.covered_complete for group in by_province),
        anonymous=anonymous,
        by_province=by_province,
        by_size_class=by_size_class,
    )


def _unknown_label() -> str:
    from django.utils.translation import gettext as _

    return _("Onbekend (geen gemeente genoemd)")


# --- per municipality ----------------------------------------------------------------------------


def _covering(round_, *, complete: bool):
    through = Response.municipalities.through
    rows = through.objects.filter(municipality_id=OuterRef("municipality_id"), response__round=round_)
    return Exists(rows.filter(response__submitted_at__isnull=False) if complete else rows)


def invitations_with_status(round_):
    """The round's invitations, each annotated with ``status`` (not started / started / complete).

    The status follows coverage: a municipality named in a neighbour's joint response is complete
    when that response is, also if its own link was never used (one query)."""
    return (
        Invitation.objects.filter(round=round_)
        .select_related("municipality__province")
        .annotate(
            covered=_covering(round_, complete=False), covered_complete=_covering(round_, complete=True)
        )
        .order_by("municipality__sort_name", "municipality__name")
    )


def status_of(invitation) -> str:
    if invitation.covered_complete:
        return COMPLETE
    return STARTED if invitation.covered else NOT_STARTED


def municipality_statuses(round_) -> dict[str, str]:
    """CBS code -> status for every municipality named by a response or invited (two queries)."""
    through = Response.municipalities.through
    statuses = dict.fromkeys(
        Invitation.objects.filter(round=round_, revoked_at__isnull=True).values_list(
            "municipality__code", flat=True
        ),
        NOT_STARTED,
    )
    for code, submitted in through.objects.filter(response__round=round_).values_list(
        "municipality__code", "response__submitted_at"
    ):
        if submitted is not None:
            statuses[code] = COMPLETE
        elif statuses.get(code) != COMPLETE:
            statuses[code] = STARTED
    return statuses


# --- what may be shown publicly -----------------------------------------------------------------


@dataclass(frozen=True)
class PublicCell:
    value: int | None  # None: hidden (fewer than SMALL_CELL)
    percent: float | None = None

    @property
    def hidden(self) -> bool:
        return self.value is None


@dataclass(frozen=True)
class PublicRow:
    label: str
    municipalities: int  # public reference data (CBS)
    covered: PublicCell
    responses: PublicCell


def suppress(values: list[int]) -> list[int | None]:
    """Hide cells under ``SMALL_CELL``; if that hides exactly one cell of a breakdown whose total
    is shown, hide the smallest other cell too, so the hidden one cannot be subtracted out."""
    shown: list[int | None] = [value if value >= SMALL_CELL else None for value in values]
    hidden = [i for i, value in enumerate(shown) if value is None]
    if len(hidden) == 1 and len(values) > 1:
        visible = [i for i, value in enumerate(shown) if value is not None]
        shown[min(visible, key=lambda i: values[i])] = None
    return shown


def public_rows(groups: list[GroupCounts], total_responses: int) -> list[PublicRow]:
    """The breakdown as shown publicly. The "unknown" row covers no municipality by definition, so
    it takes no part in hiding the covered column (its 0 would otherwise count as a hidden cell)."""
    places = [i for i, group in enumerate(groups) if group.municipalities]
    covered: list[int | None] = [None] * len(groups)
    for i, value in zip(places, suppress([groups[i].covered_complete for i in places]), strict=True):
        covered[i] = value
    responses = suppress([group.responses for group in groups])
    return [
        PublicRow(
            label=group.label,
            municipalities=group.municipalities,
            covered=PublicCell(cov, None if cov is None else percent(cov, group.municipalities)),
            responses=PublicCell(resp, None if resp is None else percent(resp, total_responses)),
        )
        for group, cov, resp in zip(groups, covered, responses, strict=True)
    ]
