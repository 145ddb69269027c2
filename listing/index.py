"""An in-memory facet index of the public releases: filters and facet counts as bit sets.

Counting facets in SQL means one aggregate over the filtered releases per facet; at 100,000
releases that is hundreds of milliseconds a page. Here every listed release (public and not
past its expiry) has a bit position (newest first) and every filter value a bit set of the
releases it matches, so a filter is an OR of sets, a combination an AND, a facet count a
population count and a page of results the next set bits: microseconds, whatever the
archive's size. The database still fetches the twenty releases shown, through
``PressRelease.objects.published()``.

Each process keeps one index per content generation (see ``core.generations``): any
publication, edit, withdrawal, taxonomy change or scheduled release going live starts a new
generation. When the generations in between name the releases that changed (their change
log), the next request patches the previous index: it re-reads those releases and the ones
whose publication or expiry time has passed since, and moves their bits. Anything else (a
taxonomy change, a bulk load, a lost log entry, many releases at once) rebuilds it whole.
"""

from __future__ import annotations

import bisect
import datetime
import itertools
import time
from array import array
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from taggit.models import Tag, TaggedItem

from core.generations import per_generation
from press.fulltext import AGE_HALVING_DAYS
from press.models import PressRelease
from taxonomy.catalogue import term_catalogue
from taxonomy.kinds import KINDS, STRUCTURE
from taxonomy.models import Structure, TreeTerm

# The filters that are sets of releases per value: each kind of term, the type, the tag,
# the language of the version.
TERM_KEYS = (*(kind.key for kind in KINDS), "type", "tag", "language")
# Besides the filters' own sets, a structure's releases by relation, the structure alone
# (not what is under it): those it issued or supported, and those about it.
ISSUED, ABOUT = "issued", "about"
# Which sets each link of a release puts it in (the lead source is a column, read apart:
# it counts for the structure filter and as issued).
LINKS: dict[str, tuple[str, ...]] = {kind.release_field: (kind.key,) for kind in KINDS}
LINKS[STRUCTURE.release_field] = (STRUCTURE.key, ABOUT)
LINKS["supporting_sources"] = (STRUCTURE.key, ISSUED)


def _bits(positions: Iterable[int], size: int) -> int:
    """A Python int with the given bit positions set, built in linear time."""
    buffer = bytearray((size + 7) // 8)
    for position in positions:
        buffer[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(buffer, "little")


def _union(sets: Iterable[int]) -> int:
    union = 0
    for bits in sets:
        union |= bits
    return union


def _count_between(data: bytes, start: int, stop: int) -> int:
    """How many bits of positions ``start`` to ``stop`` (excluded) are set in ``data``
    (little-endian), touching only those bytes."""
    if start >= stop:
        return 0
    run = int.from_bytes(data[start >> 3 : ((stop - 1) >> 3) + 1], "little") >> (start & 7)
    return (run & ((1 << (stop - start)) - 1)).bit_count()


def _local_midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


# Rows read per round of the link tables while building: the index streams them, so a
# million releases never sit in memory as Python tuples all at once.
BUILD_CHUNK = 20_000
# A patch moves every set's bits once per release changed: past this many releases a
# rebuild is as quick.
PATCH_LIMIT = 200
# How many patches back an index can still translate positions (``FacetIndex.carried``).
LINEAGE = 16
_serials = itertools.count(1)
# Publication and expiry times are compared across machines' clocks: a patch re-reads the
# releases whose times fall this close before the index's own time too.
CLOCK_SLACK = datetime.timedelta(seconds=5)
RELEASE_COLUMNS = ("pk", "published_at", "type", "lead_source_id", "language")


def _link_queries(release_ids: list[int] | None = None):
    """(sets, SQL, parameters) reading (release id, term) pairs of every link table, of
    every release or only of ``release_ids``. Plain rows: the ORM's per-row work would
    dominate a build."""
    quote = connection.ops.quote_name
    only = ""
    params: list = []
    if release_ids is not None:
        only = f" IN ({', '.join(['%s'] * len(release_ids))})"
        params = list(release_ids)
    for field, keys in LINKS.items():
        through = getattr(PressRelease, field).through
        column = getattr(PressRelease, field).field.m2m_reverse_field_name()
        table = quote(through._meta.db_table)
        sql = f"SELECT pressrelease_id, {quote(column + '_id')} FROM {table}"
        yield keys, sql + (f" WHERE pressrelease_id{only}" if only else ""), params
    sql = (
        f"SELECT i.object_id, t.slug FROM {quote(TaggedItem._meta.db_table)} i "
        f"JOIN {quote(Tag._meta.db_table)} t ON t.id = i.tag_id "
        "WHERE i.content_type_id = %s"
    )
    content_type = ContentType.objects.get_for_model(PressRelease).pk
    yield ("tag",), sql + (f" AND i.object_id{only}" if only else ""), [content_type, *params]


@dataclass
class RelevanceOrder:
    """The releases a search ranks, best first (``keys``: their negated scores, rising),
    and their positions in one index as bits."""

    ids: list[int]
    keys: list[tuple[float, int]]
    bits: int

    def without(self, release_ids: set[int]) -> RelevanceOrder:
        kept = [i for i, pk in enumerate(self.ids) if pk not in release_ids]
        return RelevanceOrder([self.ids[i] for i in kept], [self.keys[i] for i in kept], self.bits)

    def insert(self, pk: int, key: tuple[float, int]) -> None:
        at = bisect.bisect_left(self.keys, key)
        self.keys.insert(at, key)
        self.ids.insert(at, pk)


class FacetIndex:
    def __init__(self):
        # In a transaction, PostgreSQL's server-side cursors end with it; outside one they
        # are materialised whole to outlive the commit (a quarter of the build's time).
        with transaction.atomic():
            self._build()
        self.serial = next(_serials)
        # A patched copy remembers how positions moved in the patches that made it, by
        # the serial of the index each started from (see ``carried``).
        self.lineage: list[tuple[int, list[tuple[int, int]]]] = []

    def _build(self) -> None:
        # What the index knows is as of now: a patch later re-reads what passed since.
        self.as_of = timezone.now()
        self.patches = 0
        releases = (
            PressRelease.objects.listed()
            .order_by("-published_at", "-pk")
            .values_list(*RELEASE_COLUMNS)
        )
        self.ids = array("q")
        # Ascending, for bisect: position order is newest first.
        self._negated_times = array("d")
        groups: dict[str, dict[str, array]] = {
            key: defaultdict(lambda: array("i")) for key in (*TERM_KEYS, ISSUED, ABOUT)
        }
        for i, (pk, when, release_type, source, language) in enumerate(
            releases.iterator(chunk_size=BUILD_CHUNK)
        ):
            self.ids.append(pk)
            self._negated_times.append(-when.timestamp())
            groups["type"][release_type].append(i)
            groups["language"][language].append(i)
            if source is not None:
                groups[STRUCTURE.key][source].append(i)
                groups[ISSUED][source].append(i)
        self.size = len(self.ids)
        self.all = (1 << self.size) - 1
        # Release id -> rank, counted from the oldest (position = size - 1 - rank), -1
        # where not indexed: a flat array is a tenth of a dict's memory and as fast to read
        # (ids come from a sequence, so they are dense). Ranks from the oldest, because a
        # patch then renumbers only the releases newer than the one it moves: none, for a
        # publication.
        self._ranks = array("i", [-1]) * ((max(self.ids) + 1) if self.ids else 0)
        last = self.size - 1
        for i, pk in enumerate(self.ids):
            self._ranks[pk] = last - i

        def link(keys: tuple[str, ...], cursor) -> None:
            targets = [groups[key] for key in keys]
            ranks = self._ranks
            known = len(ranks)
            while rows := cursor.fetchmany(BUILD_CHUNK):
                for release_id, term_id in rows:
                    if release_id < known and (rank := ranks[release_id]) >= 0:
                        for target in targets:
                            target[term_id].append(last - rank)

        # A server-side cursor where the database has one: the link tables arrive in chunks.
        with connection.chunked_cursor() as cursor:
            for keys, sql, params in _link_queries():
                cursor.execute(sql, params)
                link(keys, cursor)

        catalogue = term_catalogue()
        models = {kind.key: kind.model for kind in KINDS} | {ISSUED: Structure, ABOUT: Structure}
        self.sets: dict[str, dict[str, int]] = {}
        for key, members in groups.items():
            by_id = {term: _bits(positions, self.size) for term, positions in members.items()}
            model = models.get(key)
            if key in self._kind_keys and issubclass(model, TreeTerm):
                # A term stands for everything under it: the Secretariat filter finds what
                # its units issued, "Institutions" what ODIHR, HCNM and RFoM did.
                by_id = {
                    pk: _union(by_id.get(part, 0) for part in catalogue.subtree(model, pk))
                    for pk in catalogue.by_id[model]
                }
            if model is None:  # types, tags and languages are keyed by their own values
                self.sets[key] = {term: bits for term, bits in by_id.items() if bits}
            else:
                slugs = {pk: term.slug for pk, term in catalogue.by_id[model].items()}
                self.sets[key] = {
                    slugs[term]: bits for term, bits in by_id.items() if bits and term in slugs
                }

    _kind_keys = frozenset(kind.key for kind in KINDS)

    # Building blocks

    def _start_before(self, moment: datetime.datetime) -> int:
        """The first position published before ``moment`` (all later ones are too)."""
        return bisect.bisect_right(self._negated_times, -moment.timestamp())

    def _before(self, moment: datetime.datetime) -> int:
        """Bit positions of the releases published before ``moment``: a suffix."""
        return self.all & ~((1 << self._start_before(moment)) - 1)

    def date_range(self, start: datetime.date | None, end: datetime.date | None) -> int:
        """Releases published on local dates ``start`` to ``end``, both included."""
        bits = self.all
        if start is not None:
            bits &= ~self._before(_local_midnight(start))
        if end is not None:
            bits &= self._before(_local_midnight(end + datetime.timedelta(days=1)))
        return bits

    def position(self, release_id: int) -> int:
        """The release's bit position, -1 when it is not in the index."""
        ranks = self._ranks
        if 0 <= release_id < len(ranks) and (rank := ranks[release_id]) >= 0:
            return self.size - 1 - rank
        return -1

    def positions_of(self, release_ids: Iterable[int]) -> int:
        """The bit set of these releases (ids not in the index are left out)."""
        # Inlined rather than calling position(): a broad search passes 100,000 ids.
        ranks = self._ranks
        known = len(ranks)
        last = self.size - 1
        buffer = bytearray((self.size + 7) // 8)
        for release_id in release_ids:
            if 0 <= release_id < known and (rank := ranks[release_id]) >= 0:
                i = last - rank
                buffer[i >> 3] |= 1 << (i & 7)
        return int.from_bytes(buffer, "little")

    # Queries

    def matching(
        self,
        values: dict[str, list[str]],
        dates: dict[str, datetime.date],
        search: int | None = None,
        without: str | None = None,
    ) -> int:
        """The releases every active filter (except ``without``'s) lets through."""
        bits = self.all if search is None else search
        for key in TERM_KEYS:
            chosen = values.get(key) or []
            if key == without or not chosen:
                continue
            union = 0
            for value in chosen:
                union |= self.sets[key].get(value, 0)
            bits &= union
        years = values.get("year") or []
        if years and without != "year":
            union = 0
            for year in years:
                union |= self.date_range(
                    datetime.date(int(year), 1, 1), datetime.date(int(year), 12, 31)
                )
            bits &= union
        if dates:
            bits &= self.date_range(dates.get("from"), dates.get("to"))
        return bits

    def counts(self, key: str, bits: int) -> dict[str, int]:
        """For each value of ``key``, how many of ``bits`` it matches (zeros left out)."""
        if key == "year":
            # A year is a run of positions (newest first): count each run in one pass over
            # the set's bytes rather than building a set per year.
            data = bits.to_bytes((self.size + 7) // 8, "little")
            counts = {}
            for year, (start, stop) in self._year_positions.items():
                n = _count_between(data, start, stop)
                if n:
                    counts[str(year)] = n
            return counts
        counts = {value: (bits & members).bit_count() for value, members in self.sets[key].items()}
        return {value: n for value, n in counts.items() if n}

    def page(self, bits: int, offset: int, limit: int, oldest_first: bool = False) -> list[int]:
        """Release ids of one page of ``bits``, newest (or oldest) first."""
        if oldest_first:
            bits = int(f"{bits:0{self.size}b}"[::-1] or "0", 2) if bits else 0
        ids = []
        skipped = 0
        chunk_bits = 4096
        chunk_start = 0
        # Skip whole chunks by their population count, then walk bit by bit.
        while bits >> chunk_start:
            chunk = (bits >> chunk_start) & ((1 << chunk_bits) - 1)
            n = chunk.bit_count()
            if skipped + n <= offset:
                skipped += n
                chunk_start += chunk_bits
                continue
            while chunk and len(ids) < limit:
                low = chunk & -chunk
                i = chunk_start + low.bit_length() - 1
                chunk ^= low
                if skipped < offset:
                    skipped += 1
                    continue
                ids.append(self.ids[self.size - 1 - i] if oldest_first else self.ids[i])
            if len(ids) >= limit:
                break
            chunk_start += chunk_bits
        return ids

    def relevance_key(self, pk: int, rank: float, now: float) -> tuple[float, int] | None:
        """Where a ranked release sorts: its rank tempered by age (see press.search),
        negated, and its position (newest first among equals); None when not listed."""
        position = self.position(pk)
        if position < 0:
            return None
        age = max(0.0, now + self._negated_times[position])
        return (-rank / (1.0 + age / (AGE_HALVING_DAYS * 86400)), position)

    def relevance_order(self, ranks: dict[int, float]) -> RelevanceOrder:
        """The ranked releases (``ranks``: release id -> text rank) best first, as of now."""
        now = time.time()
        scored = []
        for pk, rank in ranks.items():
            key = self.relevance_key(pk, rank, now)
            if key is not None:
                scored.append((key, pk))
        scored.sort()
        return RelevanceOrder(
            [pk for _key, pk in scored], [key for key, _pk in scored], self.positions_of(ranks)
        )

    def relevance_page(
        self, bits: int, order: RelevanceOrder, offset: int, limit: int
    ) -> list[int]:
        """Ids of one page of ``bits`` by relevance: the ranked releases among them in
        ``order``, then the others newest first. Only as much of the order is walked as
        the page needs, however many releases a common word matches."""
        ranked = order.bits & bits
        count = ranked.bit_count()
        ids: list[int] = []
        if offset < count:
            member = ranked.to_bytes((self.size + 7) // 8, "little")
            skipped = 0
            for pk in order.ids:
                position = self.position(pk)
                if position < 0 or not member[position >> 3] >> (position & 7) & 1:
                    continue
                if skipped < offset:
                    skipped += 1
                    continue
                ids.append(pk)
                if len(ids) >= limit:
                    return ids
        return ids + self.page(bits & ~order.bits, max(0, offset - count), limit - len(ids))

    def related(self, release: PressRelease, limit: int) -> list[int]:
        """Ids of the releases sharing most terms with ``release``, newest first among
        equals. Shared terms are added up per release in bit-sliced counters: a few
        operations on whole sets, however large the archive."""
        of = release.terms
        # What makes two releases related: the terms they are about, not who issued them.
        terms = {
            (ABOUT if kind is STRUCTURE else kind.key): [t.slug for t in of.by_kind[kind.key]]
            for kind in KINDS
        }
        terms["tag"] = [t.slug for t in of.tags]
        planes: list[int] = []  # planes[i]: releases whose count has bit i set
        for key, values in terms.items():
            for value in values:
                carry = self.sets[key].get(value, 0)
                for i, plane in enumerate(planes):
                    planes[i], carry = plane ^ carry, plane & carry
                    if not carry:
                        break
                if carry:
                    planes.append(carry)
        own = self.positions_of([release.pk])
        # In the release's own language, its other versions aside (the switcher names them).
        same_language = self.sets["language"].get(release.language, 0)
        found: list[int] = []
        for score in range((1 << len(planes)) - 1, 0, -1):
            mask = same_language & ~own
            for i, plane in enumerate(planes):
                mask &= plane if score >> i & 1 else ~plane
            if mask:
                found += self.page(mask, 0, limit - len(found))
                if len(found) >= limit:
                    break
        return found

    @cached_property
    def _year_positions(self) -> dict[int, tuple[int, int]]:
        """Each year's releases as positions ``start`` to ``stop`` (excluded)."""
        if not self.size:
            return {}
        positions = {}
        for year in range(self._year_of(self.size - 1), self._year_of(0) + 1):
            start = self._start_before(_local_midnight(datetime.date(year + 1, 1, 1)))
            stop = self._start_before(_local_midnight(datetime.date(year, 1, 1)))
            positions[year] = (start, stop)
        return positions

    def _year_of(self, position: int) -> int:
        moment = datetime.datetime.fromtimestamp(-self._negated_times[position], datetime.UTC)
        return timezone.localtime(moment).year

    # Patching

    def patched(self, changes: list[dict]) -> FacetIndex | None:
        """A copy of this index brought up to date with the generations' change log
        (``core.generations.changes_between``), or None when a rebuild is due instead."""
        changed: set[int] = set()
        for change in changes:
            changed.update(change["releases"])
        with transaction.atomic():
            now = timezone.now()
            since = self.as_of - CLOCK_SLACK
            # Besides what the log names: releases that went live or expired meanwhile.
            changed.update(
                PressRelease.objects.filter(
                    Q(published_at__gt=since, published_at__lte=now)
                    | Q(expires_at__gt=since, expires_at__lte=now)
                ).values_list("pk", flat=True)
            )
            if len(changed) > PATCH_LIMIT:
                return None
            rows = list(
                PressRelease.objects.listed().filter(pk__in=changed).values_list(*RELEASE_COLUMNS)
            )
            members = self._memberships(rows)
        index = self._copy()
        index.as_of, index.patches = now, self.patches + 1
        moves = []
        for position in sorted((index.position(pk) for pk in changed), reverse=True):
            if position >= 0:
                index._remove(position)
                moves.append((position, -1))
        for pk, when, *_ in sorted(rows, key=lambda row: (row[1], row[0])):
            moves.append((index._insert(pk, when, members[pk]), 1))
        index.lineage = [*self.lineage[-(LINEAGE - 1) :], (self.serial, moves)]
        return index

    def carried(self, bits: int, serial: int) -> tuple[int, int] | None:
        """``bits``, a set of positions of the index numbered ``serial``, as positions of
        this one, when this one was patched from it (through at most ``LINEAGE`` patches),
        and the positions the patches inserted (releases new or changed since, left out of
        the bits). None when this index does not descend from that one."""
        if serial == self.serial:
            return bits, 0
        steps = [i for i, (source, _moves) in enumerate(self.lineage) if source == serial]
        if not steps:
            return None
        inserted = 0
        for _source, moves in self.lineage[steps[0] :]:
            for position, move in moves:
                below = (1 << position) - 1
                if move < 0:
                    bits = ((bits >> (position + 1)) << position) | (bits & below)
                    inserted = ((inserted >> (position + 1)) << position) | (inserted & below)
                else:
                    bits = ((bits >> position) << (position + 1)) | (bits & below)
                    inserted = ((inserted >> position) << (position + 1)) | (inserted & below)
                    inserted |= 1 << position
        return bits, inserted

    def _memberships(self, rows: list[tuple]) -> dict[int, dict[str, set[str]]]:
        """For each release row, the values of each set it belongs to, as a build would
        put it there (a structure's releases count for everything above it)."""
        catalogue = term_catalogue()
        members: dict[int, dict[str, set[str]]] = {pk: defaultdict(set) for pk, *_ in rows}
        direct: dict[int, list[tuple[str, object]]] = {pk: [] for pk in members}
        for pk, _when, release_type, source, language in rows:
            direct[pk] += [("type", release_type), ("language", language)]
            if source is not None:
                direct[pk] += [(STRUCTURE.key, source), (ISSUED, source)]
        if rows:
            with connection.cursor() as cursor:
                for keys, sql, params in _link_queries(list(members)):
                    cursor.execute(sql, params)
                    for release_id, term in cursor.fetchall():
                        direct[release_id] += [(key, term) for key in keys]
        models = {kind.key: kind.model for kind in KINDS} | {ISSUED: Structure, ABOUT: Structure}
        above = {
            model: self._terms_above(catalogue, model)
            for model in set(models.values())
            if issubclass(model, TreeTerm)
        }
        for pk, links in direct.items():
            for key, term in links:
                model = models.get(key)
                if model is None:
                    members[pk][key].add(term)
                    continue
                terms = [term]
                if key in self._kind_keys and model in above:
                    terms = above[model].get(term, [])
                slugs = catalogue.by_id[model]
                members[pk][key].update(slugs[t].slug for t in terms if t in slugs)
        return members

    @staticmethod
    def _terms_above(catalogue, model) -> dict[int, list[int]]:
        """Term id -> the terms whose subtree holds it, itself included."""
        above: dict[int, list[int]] = defaultdict(list)
        for term in catalogue.by_id[model]:
            for part in catalogue.subtree(model, term):
                above[part].append(term)
        return above

    def _copy(self) -> FacetIndex:
        # Sets are immutable ints, so a copy shares them until a patch replaces one:
        # readers of this index are never disturbed.
        index = object.__new__(FacetIndex)
        index.ids = array("q", self.ids)
        index._negated_times = array("d", self._negated_times)
        index._ranks = array("i", self._ranks)
        index.sets = {key: dict(values) for key, values in self.sets.items()}
        index.size, index.all = self.size, self.all
        index.serial, index.lineage = next(_serials), self.lineage
        return index

    def _remove(self, position: int) -> None:
        below = (1 << position) - 1
        for values in self.sets.values():
            for value, bits in list(values.items()):
                bits = ((bits >> (position + 1)) << position) | (bits & below)
                if bits:
                    values[value] = bits
                else:
                    del values[value]
        self._ranks[self.ids[position]] = -1
        del self.ids[position]
        del self._negated_times[position]
        for newer in self.ids[:position]:
            self._ranks[newer] -= 1
        self.size -= 1
        self.all >>= 1

    def _insert(self, pk: int, when: datetime.datetime, members: dict[str, set[str]]) -> int:
        moment = -when.timestamp()
        # Newest first, and the higher id first among releases of the same moment.
        position = bisect.bisect_left(self._negated_times, moment)
        while position < self.size and self._negated_times[position] == moment:
            if self.ids[position] < pk:
                break
            position += 1
        below = (1 << position) - 1
        bit = 1 << position
        for key, values in self.sets.items():
            mine = members.get(key, ())
            for value, bits in values.items():
                bits = ((bits >> position) << (position + 1)) | (bits & below)
                values[value] = bits | bit if value in mine else bits
            for value in mine:
                values.setdefault(value, bit)
        for newer in self.ids[:position]:
            self._ranks[newer] += 1
        self.ids.insert(position, pk)
        self._negated_times.insert(position, moment)
        if pk >= len(self._ranks):
            self._ranks.extend([-1] * (pk + 1 - len(self._ranks)))
        self.size += 1
        self._ranks[pk] = self.size - 1 - position
        self.all = (self.all << 1) | 1
        return position


def _background_rebuild_after() -> float:
    # At a million releases a build takes seconds: past this, a worker keeps answering
    # from its previous index (pages marked not to be cached) while the next one is built.
    return settings.NEWSROOM["INDEX_BACKGROUND_REBUILD_SECONDS"]


def _patch(index: FacetIndex, changes: list[dict]) -> FacetIndex | None:
    return index.patched(changes)


@per_generation(background_after=_background_rebuild_after, patch=_patch)
def current_index() -> FacetIndex:
    """This process's index of the current content generation, built when missing."""
    return FacetIndex()
