"""A search's matches, kept in each process from one content generation to the next.

A common word matches most of a large archive. Asking PostgreSQL for every match of
"border training" at a million releases takes a few hundred milliseconds, and turning the
ids into index positions as much again. Yet a query's matches change only when a release's
search document does. So each process keeps the matches of its recent queries, and in a new
content generation asks again only about the releases the change log names. It asks about
everything again when the log is incomplete or the reference data changed, because term
names are in every document.

Only PostgreSQL's matches are kept. SQLite matches on the releases' own columns, and the
publication rule decides there what a match is, which the passing of time changes.
"""

from __future__ import annotations

import itertools
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass

from core.generations import changes_between, current_state
from listing.index import FacetIndex, RelevanceOrder
from press.fulltext import clean_query, is_postgresql
from press.models import PressRelease
from press.search import head_ranks, matching_release_ids

# Per process. A query's matches take a byte per release id (1 MB at a million releases);
# its ranks about 100 bytes a release whose head holds the words.
MAX_QUERIES = 32


@dataclass
class Matches:
    generation: int | str
    # Byte per release id: 1 where the release's document matches, drafts' included (the
    # index leaves them out).
    flags: bytearray
    ranks: dict[int, float] | None = None  # head ranks, asked for on first need
    bits: int = 0  # the matches as positions of the index numbered ``serial``
    serial: int | None = None
    order: RelevanceOrder | None = None  # ``ranks`` best first, bits in that index too
    # Releases changed since ``order`` was put right (their places in it are not).
    unsorted: frozenset[int] = frozenset()

    @classmethod
    def of(cls, generation: int | str, ids: list[int]) -> Matches:
        flags = bytearray(max(ids) + 1 if ids else 0)
        for pk in ids:
            flags[pk] = 1
        return cls(generation, flags)

    def matches(self, pk: int) -> bool:
        return pk < len(self.flags) and self.flags[pk] == 1

    def ids(self) -> Iterator[int]:
        return itertools.compress(itertools.count(), self.flags)

    def in_index(self, index: FacetIndex) -> None:
        """Make the bits positions of ``index``: carried over from the index they were of
        when ``index`` was patched from it, else from every match."""
        carried = index.carried(self.bits, self.serial) if self.serial is not None else None
        if carried is None:
            self.bits = index.positions_of(self.ids())
            self.order = None
        else:
            self.bits = _with_inserted(index, *carried, self.matches)
            if self.order is not None:
                ranks = self.ranks or {}
                bits, inserted = index.carried(self.order.bits, self.serial)
                self.order.bits = _with_inserted(index, bits, inserted, ranks.__contains__)
        self.serial = index.serial

    def sorted_in(self, index: FacetIndex) -> None:
        """Put the releases changed since the order was made in their places in it."""
        if self.order is None or not self.unsorted:
            return
        ranks, now = self.ranks or {}, time.time()
        order = self.order.without(self.unsorted)
        for pk in self.unsorted:
            key = index.relevance_key(pk, ranks[pk], now) if pk in ranks else None
            if key is not None:
                order.insert(pk, key)
        self.order, self.unsorted = order, frozenset()


def _with_inserted(index: FacetIndex, bits: int, inserted: int, member) -> int:
    """``bits`` with those of the positions ``inserted`` whose release is a ``member``."""
    while inserted:
        low = inserted & -inserted
        inserted ^= low
        if member(index.ids[low.bit_length() - 1]):
            bits |= low
    return bits


_lock = threading.Lock()
_kept: OrderedDict[tuple, Matches] = OrderedDict()


def forget() -> None:
    with _lock:
        _kept.clear()


def _ask(text: str, languages: list[str] | None, among: list[int] | None = None) -> list[int]:
    return matching_release_ids(PressRelease.objects.all(), text, languages, among=among)


def _brought_up_to_date(matches: Matches, generation: int | str, text: str, languages):
    """``matches`` of an older generation, brought to ``generation`` from the change log,
    or None when the log cannot say what changed."""
    changes = changes_between(matches.generation, generation)
    if changes is None or any(change.get("releases") is None for change in changes):
        return None
    changed = sorted({pk for change in changes for pk in change["releases"]})
    flags, ranks = matches.flags, matches.ranks
    if changed:
        flags = bytearray(flags)  # requests reading the older matches keep theirs
        flags.extend(bytes(max(0, changed[-1] + 1 - len(flags))))
        for pk in changed:
            flags[pk] = 0
        for pk in _ask(text, languages, among=changed):
            flags[pk] = 1
        if ranks is not None:
            asked = set(changed)
            ranks = {pk: rank for pk, rank in ranks.items() if pk not in asked}
            ranks.update(head_ranks(text, languages, among=changed))
    order = matches.order
    if order is not None:  # a copy: requests reading the older matches keep theirs
        order = RelevanceOrder(list(order.ids), list(order.keys), order.bits)
    return Matches(
        generation,
        flags,
        ranks,
        matches.bits,
        matches.serial,
        order,
        matches.unsorted | frozenset(changed),
    )


def search_matches(
    text: str, languages: list[str] | None, index: FacetIndex, ranked: bool
) -> tuple[int, RelevanceOrder | None]:
    """The bits in ``index`` of the releases matching ``text`` in ``languages`` and, when
    ``ranked``, the relevance order of those the search ranks (press.search.head_ranks).
    The order's ages are those of when the matches were last brought up to date."""
    if not is_postgresql():
        bits = index.positions_of(_ask(text, languages))
        return bits, (index.relevance_order({}) if ranked else None)
    text = clean_query(text)
    key = (text, tuple(languages or ()))
    generation = current_state()["generation"]
    with _lock:
        matches = _kept.get(key)
    if matches is not None and matches.generation != generation:
        matches = _brought_up_to_date(matches, generation, text, languages)
    if matches is None:
        matches = Matches.of(generation, _ask(text, languages))
    if matches.serial != index.serial:
        matches.in_index(index)
    if ranked:
        if matches.order is None:
            if matches.ranks is None:
                matches.ranks = head_ranks(text, languages)
            matches.order, matches.unsorted = index.relevance_order(matches.ranks), frozenset()
        matches.sorted_in(index)
    with _lock:
        _kept[key] = matches
        _kept.move_to_end(key)
        while len(_kept) > MAX_QUERIES:
            _kept.popitem(last=False)
    return matches.bits, (matches.order if ranked else None)
