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

import threading
import weakref
from array import array
from collections import OrderedDict
from dataclasses import dataclass

from core.generations import changes_between, current_state
from listing.index import FacetIndex
from press.fulltext import clean_query, is_postgresql
from press.models import PressRelease
from press.search import head_ranks, matching_release_ids

# Per process. A query's ids take 4 bytes a match (4 MB at a million matches), its ranks
# about 100 bytes a release whose head holds the words.
MAX_QUERIES = 32


@dataclass
class Matches:
    generation: int | str
    ids: array  # every matching release's id, drafts' included (the index leaves them out)
    ranks: dict[int, float] | None = None  # head ranks, asked for on first need
    bits: int = 0  # ``ids`` as positions of ``index``
    index: weakref.ref | None = None


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
    changed = {pk for change in changes for pk in change["releases"]}
    if not changed:
        return Matches(generation, matches.ids, matches.ranks)
    asked = sorted(changed)
    ids = array("i", (pk for pk in matches.ids if pk not in changed))
    ids.extend(_ask(text, languages, among=asked))
    ranks = None
    if matches.ranks is not None:
        ranks = {pk: rank for pk, rank in matches.ranks.items() if pk not in changed}
        ranks.update(head_ranks(text, languages, among=asked))
    return Matches(generation, ids, ranks)


def search_matches(
    text: str, languages: list[str] | None, index: FacetIndex, ranked: bool
) -> tuple[int, dict[int, float] | None]:
    """The bits in ``index`` of the releases matching ``text`` in ``languages`` and, when
    ``ranked``, the head ranks of those that have them."""
    if not is_postgresql():
        bits = index.positions_of(_ask(text, languages))
        return bits, (head_ranks(text, languages) if ranked else None)
    text = clean_query(text)
    key = (text, tuple(languages or ()))
    generation = current_state()["generation"]
    with _lock:
        matches = _kept.get(key)
    if matches is not None and matches.generation != generation:
        matches = _brought_up_to_date(matches, generation, text, languages)
    if matches is None:
        matches = Matches(generation, array("i", _ask(text, languages)))
    if ranked and matches.ranks is None:
        matches.ranks = head_ranks(text, languages)
    if matches.index is None or matches.index() is not index:
        matches.bits = index.positions_of(matches.ids)
        # Weakly: an index of a past generation must not be kept alive by its matches.
        matches.index = weakref.ref(index)
    with _lock:
        _kept[key] = matches
        _kept.move_to_end(key)
        while len(_kept) > MAX_QUERIES:
            _kept.popitem(last=False)
    return matches.bits, (matches.ranks if ranked else None)
