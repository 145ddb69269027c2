"""Search documents: one weighted ``tsvector`` per release (PostgreSQL).

Title and reference number A, lead B, body C, taxonomy names D (former names included;
English and the version's own language: a Russian version is found by "Польша" and by
"Poland"), behind a GIN index: what a search matches. Beside each, a search head: the same
without the body, what relevance is ranked on (see ``SearchHead``). Both are kept current on
every write path by the receivers in ``press.receivers`` (a release saved, its
classification or tags changed, terms renamed or merged); bulk loaders call
``refresh_search_vectors`` themselves. The query language is in ``press.fulltext``."""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.aggregates import ArrayAgg
from django.db import connection, transaction
from django.db.models import QuerySet
from modeltranslation.utils import build_localized_fieldname

from press.fulltext import (
    apply_search,
    clean_query,
    config_sql,
    is_postgresql,
    text_rank,
    web_query,
)
from press.models import PressRelease, SearchDocument, SearchHead
from taxonomy.kinds import KINDS
from taxonomy.models import FormerName, Structure


def _localized_name(term: str, release: str) -> str:
    """SQL of a term's English name followed by its name in the release's language (the
    translated columns of taxonomy.translation; NULL, so left out, where untranslated)."""
    cases = " ".join(
        f"WHEN '{code}' THEN {term}.{build_localized_fieldname('name', code)}"
        for code, _name in settings.LANGUAGES
        if code != settings.LANGUAGE_CODE
    )
    return f"concat_ws(' ', {term}.name, CASE {release}.language {cases} END)"


def _names_sql() -> tuple[str, list]:
    """SQL of (release id, term name) rows for the releases in ``target``: every taxonomy
    term of each release and the lead source, with their former names."""
    former = FormerName._meta.db_table
    parts, params = [], []
    for kind in KINDS:
        model = kind.model
        m2m = PressRelease._meta.get_field(kind.release_field)
        table = m2m.remote_field.through._meta.db_table
        column = m2m.m2m_reverse_name()
        parts.append(
            f"SELECT x.pressrelease_id, {_localized_name('t', 'r')} FROM {table} x "
            f"JOIN target r ON r.id = x.pressrelease_id "
            f"JOIN {model._meta.db_table} t ON t.id = x.{column}"
        )
        parts.append(
            f"SELECT x.pressrelease_id, f.name FROM {table} x JOIN {former} f "
            f"ON f.object_id = x.{column} AND f.content_type_id = %s "
            f"WHERE x.pressrelease_id IN (SELECT id FROM target)"
        )
        params.append(ContentType.objects.get_for_model(model).pk)
    parts.append(
        f"SELECT t.id, {_localized_name('s', 't')} FROM target t "
        f"JOIN {Structure._meta.db_table} s "
        f"ON s.id = t.lead_source_id"
    )
    parts.append(
        f"SELECT t.id, f.name FROM target t JOIN {former} f "
        f"ON f.object_id = t.lead_source_id AND f.content_type_id = %s"
    )
    params.append(ContentType.objects.get_for_model(Structure).pk)
    return " UNION ALL ".join(parts), params


def refresh_search_vectors(ids: Iterable[int] | None = None, *, documents: bool = True) -> None:
    """Recompute the search documents and heads of the given releases (all when ``ids`` is
    None); with ``documents=False`` the heads only (filling them in on an existing archive).

    One set-based statement however many releases: names are gathered by joins, not
    per-row subqueries, so a bulk load of 100,000 releases indexes in seconds.
    """
    if not is_postgresql():
        return
    where, where_params = "", []
    if ids is not None:
        ids = list(ids)
        if not ids:
            return
        where, where_params = "WHERE id = ANY(%s)", [ids]
    names_sql, names_params = _names_sql()
    config = config_sql("t.language")
    upsert = "ON CONFLICT (release_id) DO UPDATE SET vector = EXCLUDED.vector"
    write_documents = f"""
        , documents AS (
            INSERT INTO {SearchDocument._meta.db_table} (release_id, vector)
            SELECT p.id, p.heading || p.lead
                || setweight(to_tsvector({config},
                       regexp_replace(coalesce(t.body, ''), '<[^>]*>', ' ', 'g')), 'C')
                || p.names
            FROM parts p JOIN target t ON t.id = p.id
            {upsert}
        )"""
    sql = f"""
        WITH target AS (
            SELECT id, title, reference, lead, body, lead_source_id, language
            FROM {PressRelease._meta.db_table} {where}
        ),
        names AS ({names_sql}),
        joined AS (
            SELECT pressrelease_id AS id, string_agg(name, ' ') AS names
            FROM names AS n(pressrelease_id, name) GROUP BY pressrelease_id
        ),
        parts AS (
            SELECT t.id,
                setweight(to_tsvector({config}, coalesce(t.title, '')), 'A')
                -- A reference as typed ("PC.DEC/1162": the parser reads it as one word, as
                -- it reads the query) and in its parts, so "1162" finds it too.
                || setweight(to_tsvector({config}, t.reference), 'A')
                || setweight(to_tsvector({config},
                       regexp_replace(t.reference, '[./-]', ' ', 'g')), 'A') AS heading,
                setweight(to_tsvector({config}, coalesce(t.lead, '')), 'B') AS lead,
                setweight(to_tsvector({config}, coalesce(j.names, '')), 'D') AS names
            FROM target t LEFT JOIN joined j ON j.id = t.id
        )
        {write_documents if documents else ""}
        INSERT INTO {SearchHead._meta.db_table} (release_id, vector)
        SELECT id, heading || lead || names FROM parts
        {upsert}
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, where_params + names_params)


def documents_matching(text: str, languages: list[str] | None = None) -> QuerySet:
    """The search documents matching ``text`` in ``languages`` (all when None), drafts'
    included (PostgreSQL only)."""
    return SearchDocument.objects.filter(vector=web_query(clean_query(text), languages))


def matching_release_ids(
    queryset: QuerySet,
    text: str,
    languages: list[str] | None = None,
    among: list[int] | None = None,
) -> list[int]:
    """Ids of the releases matching ``text`` (of ``among`` only, when given), for the
    facet index to intersect.

    On PostgreSQL the search documents alone answer (the index already knows which releases
    are public), sparing a join with every matching release row; the ids arrive as one
    array, not a row each, which matters when a common word matches a large part of the
    archive.
    """
    text = clean_query(text)
    if among is not None:
        queryset = queryset.filter(pk__in=among)
    if not text:
        return list(queryset.values_list("pk", flat=True))
    if is_postgresql():
        documents = documents_matching(text, languages)
        if among is not None:
            documents = documents.filter(release_id__in=among)
        with transaction.atomic(), connection.cursor() as cursor:
            # Where a common word matches most documents the planner prefers reading the
            # whole table, not counting that each vector must then be fetched from out of
            # line storage and decompressed: 3.3 s at a million releases, against 0.3 s
            # through the GIN index, which answers without reading a vector. For this
            # query only: inside a caller's transaction a SET LOCAL would outlive it.
            cursor.execute("SELECT current_setting('enable_seqscan')")
            (before,) = cursor.fetchone()
            cursor.execute("SELECT set_config('enable_seqscan', 'off', true)")
            try:
                return documents.aggregate(ids=ArrayAgg("release_id", default=[]))["ids"]
            finally:
                cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [before])
    return list(apply_search(queryset, text).values_list("pk", flat=True))


def head_ranks(
    text: str, languages: list[str] | None = None, among: list[int] | None = None
) -> dict[int, float]:
    """Release id -> text rank of the releases whose head (title, reference, lead,
    classification) holds the words of ``text`` (of ``among`` only, when given), for
    ordering by relevance in the facet index, which knows each release's age. Releases
    with the words in their text only rank below those, newest first. Empty on SQLite,
    where every match ranks the same."""
    text = clean_query(text)
    if not text or not is_postgresql():
        return {}
    query = web_query(text, languages)
    heads = SearchHead.objects.filter(vector=query)
    if among is not None:
        heads = heads.filter(release_id__in=among)
    # One row of two arrays however many heads match.
    found = heads.aggregate(
        ids=ArrayAgg("release_id", default=[]),
        ranks=ArrayAgg(text_rank("vector", query), default=[]),
    )
    return dict(zip(found["ids"], found["ranks"], strict=True))
