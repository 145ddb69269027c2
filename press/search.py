"""Full-text search over releases.

PostgreSQL: a stored, weighted ``tsvector`` in ``SearchDocument`` (title A, lead B, body C,
taxonomy names D, former names included) behind a GIN index, queried with
``websearch_to_tsquery`` (quoted phrases, ``or``, ``-exclusion``) and English stemming,
ranked by relevance combined with recency.

SQLite (the embedded default): the same query syntax over plain substring matching.

The vector is kept current on every write path: ``PressRelease.save()`` refreshes the row,
changes to its classifications refresh it through ``m2m_changed`` (admin, importer and code
all call ``.set()``/``.add()``), and bulk loaders call ``refresh_search_vectors`` themselves.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.aggregates import ArrayAgg
from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, FloatField, Func, Q, QuerySet, TextField, Value
from django.db.models.functions import Cast, Extract, Now

from core.generations import per_generation

SEARCH_CONFIG = "english"
# ts_headline marks matches with characters no lead contains (private use), so the lead can
# be escaped as plain text first and the marks turned into <mark> after.
MARK_START, MARK_STOP = "\ue000", "\ue001"
MAX_QUERY_LENGTH = 300
# Relevance is tempered by age: a release this many days old needs twice the text rank of
# today's to rank level with it.
AGE_HALVING_DAYS = 365.0
MAX_TERMS = 20


def is_postgresql() -> bool:
    return connection.vendor == "postgresql"


def _names_sql() -> tuple[str, list]:
    """SQL of (release id, term name) rows for the releases in ``target``: every taxonomy
    term of each release and the lead source, with their former names."""
    from press.models import PressRelease
    from taxonomy.models import Country, FieldOfWork, FormerName, MeetingSeries, Structure

    former = FormerName._meta.db_table
    parts, params = [], []
    for field, model in (
        ("countries", Country),
        ("fields_of_work", FieldOfWork),
        ("structures", Structure),
        ("meeting_series", MeetingSeries),
    ):
        m2m = PressRelease._meta.get_field(field)
        table = m2m.remote_field.through._meta.db_table
        column = m2m.m2m_reverse_name()
        parts.append(
            f"SELECT x.pressrelease_id, t.name FROM {table} x "
            f"JOIN {model._meta.db_table} t ON t.id = x.{column} "
            f"WHERE x.pressrelease_id IN (SELECT id FROM target)"
        )
        parts.append(
            f"SELECT x.pressrelease_id, f.name FROM {table} x JOIN {former} f "
            f"ON f.object_id = x.{column} AND f.content_type_id = %s "
            f"WHERE x.pressrelease_id IN (SELECT id FROM target)"
        )
        params.append(ContentType.objects.get_for_model(model).pk)
    parts.append(
        f"SELECT t.id, s.name FROM target t JOIN {Structure._meta.db_table} s "
        f"ON s.id = t.lead_source_id"
    )
    parts.append(
        f"SELECT t.id, f.name FROM target t JOIN {former} f "
        f"ON f.object_id = t.lead_source_id AND f.content_type_id = %s"
    )
    params.append(ContentType.objects.get_for_model(Structure).pk)
    return " UNION ALL ".join(parts), params


def refresh_search_vectors(ids: Iterable[int] | None = None) -> None:
    """Recompute the search documents of the given releases (all when ``ids`` is None).

    One set-based statement however many releases: names are gathered by joins, not
    per-row subqueries, so a bulk load of 100,000 releases indexes in seconds.
    """
    if not is_postgresql():
        return
    from press.models import PressRelease, SearchDocument

    where, where_params = "", []
    if ids is not None:
        ids = list(ids)
        if not ids:
            return
        where, where_params = "WHERE id = ANY(%s)", [ids]
    names_sql, names_params = _names_sql()
    config = SEARCH_CONFIG
    sql = f"""
        WITH target AS (
            SELECT id, title, lead, body, lead_source_id
            FROM {PressRelease._meta.db_table} {where}
        ),
        names AS ({names_sql}),
        joined AS (
            SELECT pressrelease_id AS id, string_agg(name, ' ') AS names
            FROM names AS n(pressrelease_id, name) GROUP BY pressrelease_id
        )
        INSERT INTO {SearchDocument._meta.db_table} (release_id, vector)
        SELECT t.id,
            setweight(to_tsvector('{config}', coalesce(t.title, '')), 'A')
            || setweight(to_tsvector('{config}', coalesce(t.lead, '')), 'B')
            || setweight(to_tsvector('{config}',
                   regexp_replace(coalesce(t.body, ''), '<[^>]*>', ' ', 'g')), 'C')
            || setweight(to_tsvector('{config}', coalesce(j.names, '')), 'D')
        FROM target t LEFT JOIN joined j ON j.id = t.id
        ON CONFLICT (release_id) DO UPDATE SET vector = EXCLUDED.vector
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, where_params + names_params)


@dataclass
class ParsedQuery:
    """The websearch syntax, for the SQLite fallback: OR-groups of required/excluded terms."""

    groups: list[tuple[list[str], list[str]]]  # each group: (required, excluded)

    @classmethod
    def parse(cls, text: str) -> ParsedQuery:
        tokens = re.findall(r'(-?)"([^"]*)"|(-?)(\S+)', text[:MAX_QUERY_LENGTH])
        groups: list[tuple[list[str], list[str]]] = [([], [])]
        for quoted_neg, phrase, neg, word in tokens[: MAX_TERMS * 2]:
            term = phrase if phrase else word
            negative = bool(quoted_neg or neg)
            if not phrase and term.lower() == "or" and not negative:
                groups.append(([], []))
                continue
            term = term.strip()
            if term:
                groups[-1][1 if negative else 0].append(term)
        return cls([g for g in groups if g[0] or g[1]])


SQLITE_PLAIN_TEXT = "newsroom_plain_text"
TAG = re.compile(r"<[^>]*>")


def register_sqlite_functions(sender, connection, **kwargs) -> None:
    """Give SQLite a function that reads the body without its markup."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            SQLITE_PLAIN_TEXT,
            1,
            lambda html: TAG.sub(" ", html) if html else html,
            deterministic=True,
        )


def _contains(term: str) -> Q:
    return Q(title__icontains=term) | Q(lead__icontains=term) | Q(plain_body__icontains=term)


def clean_query(text: str) -> str:
    """Printable characters only, one space between words, bounded length."""
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def _headline(query: SearchQuery) -> SearchHeadline:
    return SearchHeadline(
        "lead",
        query,
        config=SEARCH_CONFIG,
        start_sel=MARK_START,
        stop_sel=MARK_STOP,
        max_words=40,
        min_words=20,
    )


def _text_rank(vector: str, query: SearchQuery) -> SearchRank:
    # Normalisation 32: rank / (rank + 1), a score between 0 and 1.
    return SearchRank(F(vector), query, normalization=Value(32))


def _web_query(text: str) -> SearchQuery:
    return SearchQuery(text, search_type="websearch", config=SEARCH_CONFIG)


def apply_search(queryset: QuerySet, text: str) -> QuerySet:
    """Releases matching ``text``, annotated with ``search_rank`` (higher is better)."""
    text = clean_query(text)
    if not text:
        return queryset
    if is_postgresql():
        query = _web_query(text)
        age_days = Extract(Now() - F("published_at"), "epoch") / Value(86400.0)
        return queryset.filter(search_document__vector=query).annotate(
            search_rank=_text_rank("search_document__vector", query)
            / (Value(1.0) + Cast(age_days, FloatField()) / Value(AGE_HALVING_DAYS)),
            search_snippet=_headline(query),
        )
    parsed = ParsedQuery.parse(text)
    if not parsed.groups:
        return queryset
    queryset = queryset.annotate(
        plain_body=Func(F("body"), function=SQLITE_PLAIN_TEXT, output_field=TextField())
    )
    condition = Q()
    for required, excluded in parsed.groups:
        group = Q()
        for term in required:
            group &= _contains(term)
        for term in excluded:
            group &= ~_contains(term)
        condition |= group
    return queryset.filter(condition).annotate(search_rank=Value(0.0))


def with_snippets(queryset: QuerySet, text: str) -> QuerySet:
    """``queryset`` with each lead's matches of ``text`` marked (``search_snippet``), for
    releases already known to match: no second search, only the headline."""
    text = clean_query(text)
    if not text or not is_postgresql():
        return queryset
    return queryset.annotate(search_snippet=_headline(_web_query(text)))


@per_generation
def taxonomy_classifier():
    """The classifier of the current content generation (names change with the taxonomy)."""
    from press.classifier import Classifier

    return Classifier.from_database()


def highlighted(snippet: str) -> str:
    """A ts_headline snippet as safe HTML: the text escaped, the matches in <mark>."""
    from django.utils.html import escape
    from django.utils.safestring import mark_safe

    text = escape(snippet.replace("<mark>", "").replace("</mark>", ""))
    return mark_safe(text.replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>"))


def documents_matching(text: str) -> QuerySet:
    """The search documents matching ``text``, drafts' included (PostgreSQL only)."""
    from press.models import SearchDocument

    return SearchDocument.objects.filter(vector=_web_query(clean_query(text)))


def matching_release_ids(queryset: QuerySet, text: str) -> list[int]:
    """Ids of the releases matching ``text``, for the facet index to intersect.

    On PostgreSQL the search documents alone answer (the index already knows which releases
    are public), sparing a join with every matching release row; the ids arrive as one
    array, not a row each, which matters when a common word matches a large part of the
    archive.
    """
    text = clean_query(text)
    if not text:
        return list(queryset.values_list("pk", flat=True))
    if is_postgresql():
        found = documents_matching(text).aggregate(ids=ArrayAgg("release_id", default=[]))
        return found["ids"]
    return list(apply_search(queryset, text).values_list("pk", flat=True))


def ranked_matches(text: str) -> dict[int, float]:
    """Release id -> text rank of every release matching ``text``, for ordering by
    relevance in the facet index (which knows each release's age). One row of two arrays
    however many releases match. On SQLite every match ranks the same."""
    text = clean_query(text)
    if not text or not is_postgresql():
        from press.models import PressRelease

        return dict.fromkeys(matching_release_ids(PressRelease.objects.all(), text), 0.0)
    from press.models import SearchDocument

    query = _web_query(text)
    found = SearchDocument.objects.filter(vector=query).aggregate(
        ids=ArrayAgg("release_id", default=[]),
        ranks=ArrayAgg(_text_rank("vector", query), default=[]),
    )
    return dict(zip(found["ids"], found["ranks"], strict=True))
