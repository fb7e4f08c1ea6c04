"""The facet index of the database engine: every search document's facet codes as bit sets, kept
in each worker's memory and reloaded when the index changes.

Filtering and facet counting then cost a few big-integer ANDs and ``int.bit_count()`` calls per
facet value, whatever the number of profiles or hits, and never depend on SQL query plans. At
10,000 profiles the grouped ``COUNT`` queries over ``FacetValue`` took 0.2-1.5 s per search on
SQLite and 0.4 s on PostgreSQL (BENCHMARKS.md); the bit sets take milliseconds. Memory: one bit per
document per facet value (~1.3 kB per value at 10,000 documents, well under 1 MB in all).

Document ``n`` of the index is bit ``n`` of every mask (documents in pk order).
``IndexVersion.current()`` (a primary-key read) tells when the documents changed; every write of
``search.documents`` bumps it and logs the documents it wrote (``IndexChange``), so a worker
re-reads only those (``apply_changes``, a few milliseconds) and loads everything again only after a
rebuild or when it is too far behind (``load``, 0.6-0.7 s at 10,000 profiles).
"""

from __future__ import annotations

import bisect
import operator
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from functools import reduce

from django.db.models import Min, Q

from .changes import changed_since
from .facets import FACETS, NONE
from .models import FacetValue, IndexVersion, SearchDocument

# Facets whose values carry their label (reference data); taxonomy facets are labelled at query time.
LABELLED = frozenset(facet.name for facet in FACETS if facet.vocabulary is None)

_lock = threading.Lock()
_current: FacetIndex | None = None


def _mask(positions) -> int:
    """A bit set from bit positions, built in one pass (OR-ing big ints one bit at a time is
    quadratic)."""
    positions = list(positions)
    if not positions:
        return 0
    bits = bytearray(max(positions) // 8 + 1)
    for position in positions:
        bits[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(bits, "little")


@dataclass
class FacetIndex:
    version: tuple
    ids: list[int]  # bit position -> document pk, ascending
    masks: dict[str, dict[str, int]]  # facet -> code -> documents having it (no empty masks)
    labels: dict[tuple[str, str], str]  # (facet, code) -> stored label (the smallest one stored)
    by_title: list[int]  # bit positions in (sort_title, pk) order
    by_updated: list[int]  # bit positions in (-updated_at, sort_title, pk) order
    titles: list[str] = field(default_factory=list)  # bit position -> sort_title
    updated: list = field(default_factory=list)  # bit position -> updated_at
    position: dict[int, int] = field(init=False, compare=False, repr=False)
    everything: int = field(init=False)

    def __post_init__(self):
        self.position = {pk: n for n, pk in enumerate(self.ids)}
        self.everything = (1 << len(self.ids)) - 1

    def title_key(self, n: int) -> tuple:
        return (self.titles[n], self.ids[n])

    def updated_key(self, n: int) -> tuple:
        # Newest first, undated documents last on every database (SQL puts NULLs first on PostgreSQL).
        return (_age(self.updated[n]), self.titles[n], self.ids[n])

    def of_ids(self, ids) -> int:
        """The bit set of these document ids (ids not in the index are ignored)."""
        return _mask(n for n in map(self.position.get, ids) if n is not None)

    def matching(self, name: str, codes) -> int:
        """Documents with any of ``codes`` for facet ``name`` (OR within a facet)."""
        values = self.masks.get(name, {})
        return reduce(int.__or__, (values.get(code, 0) for code in codes), 0)

    def filtered(self, base: int, filters: dict, exclude: str | None = None) -> int:
        """``base`` narrowed by every filter except ``exclude`` (AND between facets)."""
        for name, codes in filters.items():
            if name != exclude:
                base &= self.matching(name, codes)
        return base

    def counts(self, name: str, mask: int) -> dict[str, int]:
        """How many documents of ``mask`` have each code of facet ``name`` (zero counts left out)."""
        result = {}
        for code, values in self.masks.get(name, {}).items():
            count = (values & mask).bit_count()
            if count:
                result[code] = count
        return result

    def ordered_ids(self, mask: int, order: str, start: int, stop: int) -> list[int]:
        """Document ids of ``mask`` at ranks ``start:stop`` of a stored order ("title"/"updated")."""
        positions = self.by_updated if order == "updated" else self.by_title
        found: list[int] = []
        seen = 0
        for n in positions:
            if mask >> n & 1:
                if seen >= start:
                    found.append(self.ids[n])
                    if len(found) >= stop - start:
                        break
                seen += 1
        return found

    def contains(self, mask: int, pk: int) -> bool:
        n = self.position.get(pk)
        return n is not None and bool(mask >> n & 1)


def load(version: tuple) -> FacetIndex:
    documents = list(SearchDocument.objects.order_by("pk").values_list("pk", "sort_title", "updated_at"))
    ids = [pk for pk, _title, _updated in documents]
    position = {pk: n for n, pk in enumerate(ids)}
    positions: dict[tuple[str, str], list[int]] = defaultdict(list)
    labels: dict[tuple[str, str], str] = {}
    # Large chunks: with 5,000 rows per fetch the round trips cost a third of the load; one
    # fetch of all 318,000 rows at 10,000 profiles would hold ~70 MB at once in every worker.
    rows = FacetValue.objects.values_list("document_id", "facet", "code", "label")
    for document_id, facet, code, label in rows.iterator(chunk_size=50_000):
        n = position.get(document_id)
        if n is None:  # written after the documents were read; the next version picks it up
            continue
        positions[(facet, code)].append(n)
        if label and ((facet, code) not in labels or label < labels[(facet, code)]):
            labels[(facet, code)] = label
    masks: dict[str, dict[str, int]] = defaultdict(dict)
    for (facet, code), members in positions.items():
        masks[facet][code] = _mask(members)
    index = FacetIndex(
        version=version,
        ids=ids,
        masks=dict(masks),
        labels=labels,
        by_title=[],
        by_updated=[],
        titles=[title for _pk, title, _updated in documents],
        updated=[updated for _pk, _title, updated in documents],
    )
    index.by_title = sorted(range(len(ids)), key=index.title_key)
    index.by_updated = sorted(range(len(ids)), key=index.updated_key)
    return index


def apply_changes(index: FacetIndex, version: tuple, changed: set[int]) -> FacetIndex:
    """A new index equal to ``load(version)``, from ``index`` and the documents ``changed`` since
    (re-read from the database: two queries, three when stored labels are involved). Bit
    positions stay in pk order, so a document that appears or goes shifts the higher bits of
    every mask: a few big-integer operations per facet value."""
    fresh = {
        pk: (title, updated)
        for pk, title, updated in SearchDocument.objects.filter(pk__in=changed).values_list(
            "pk", "sort_title", "updated_at"
        )
    }
    values: dict[int, set[tuple[str, str]]] = defaultdict(set)
    if fresh:
        for document_id, facet, code in FacetValue.objects.filter(document_id__in=list(fresh)).values_list(
            "document_id", "facet", "code"
        ):
            values[document_id].add((facet, code))
    ids, titles, updated = list(index.ids), list(index.titles), list(index.updated)
    masks = {facet: dict(codes) for facet, codes in index.masks.items()}
    touched: set[tuple[str, str]] = set()
    for pk in sorted(changed):
        n = bisect.bisect_left(ids, pk)
        present = n < len(ids) and ids[n] == pk
        if present:
            bit = 1 << n
            for facet, codes in masks.items():
                for code, mask in codes.items():
                    if mask & bit:
                        codes[code] = mask & ~bit
                        touched.add((facet, code))
            if pk in fresh:
                titles[n], updated[n] = fresh[pk]
            else:  # gone: close the gap
                low = bit - 1
                for codes in masks.values():
                    for code, mask in codes.items():
                        if mask >> n:
                            codes[code] = (mask & low) | (mask >> (n + 1) << n)
                del ids[n], titles[n], updated[n]
        elif pk in fresh:  # new: open a gap
            low = (1 << n) - 1
            for codes in masks.values():
                for code, mask in codes.items():
                    if mask >> n:
                        codes[code] = (mask & low) | (mask >> n << (n + 1))
            ids.insert(n, pk)
            titles.insert(n, fresh[pk][0])
            updated.insert(n, fresh[pk][1])
        if pk in fresh:
            bit = 1 << n
            for facet, code in values[pk]:
                codes = masks.setdefault(facet, {})
                codes[code] = codes.get(code, 0) | bit
                touched.add((facet, code))
    masks = {facet: {c: m for c, m in codes.items() if m} for facet, codes in masks.items()}
    masks = {facet: codes for facet, codes in masks.items() if codes}
    result = FacetIndex(
        version=version,
        ids=ids,
        masks=masks,
        labels=_relabel(index.labels, touched),
        by_title=[],
        by_updated=[],
        titles=titles,
        updated=updated,
    )
    # The stored orders: unchanged documents keep their relative order (renumbered), changed ones
    # are inserted where they sort.
    old_ids, moved = index.ids, set(changed)
    new_position = result.position
    for name, key in (("by_title", result.title_key), ("by_updated", result.updated_key)):
        order = [new_position[old_ids[n]] for n in getattr(index, name) if old_ids[n] not in moved]
        for pk in sorted(changed & fresh.keys()):
            bisect.insort(order, new_position[pk], key=key)
        setattr(result, name, order)
    return result


def _relabel(labels: dict, touched: set[tuple[str, str]]) -> dict:
    """Stored labels after a change: those of the touched values of label-carrying facets are read
    again (the smallest label stored for the value, as ``load`` keeps)."""
    keys = [(facet, code) for facet, code in touched if facet in LABELLED and code != NONE]
    if not keys:
        return labels
    again = set(keys)
    result = {key: label for key, label in labels.items() if key not in again}
    condition = reduce(operator.or_, (Q(facet=facet, code=code) for facet, code in keys))
    stored = FacetValue.objects.filter(condition).exclude(label="").values("facet", "code")
    for facet, code, label in stored.annotate(smallest=Min("label")).values_list("facet", "code", "smallest"):
        result[(facet, code)] = label
    return result


def _age(updated) -> tuple:
    return (1, 0.0) if updated is None else (0, -updated.timestamp())


def current() -> FacetIndex:
    """The facet index of the current search documents: updated with the documents that changed
    since this worker's version (``search.changes``), loaded in full when the log cannot say."""
    global _current
    version = IndexVersion.current()
    index = _current
    if index is not None and index.version == version:
        return index
    changed = changed_since(index.version, version) if index is not None else None
    index = load(version) if changed is None else apply_changes(index, version, changed)
    with _lock:
        _current = index
    return index
