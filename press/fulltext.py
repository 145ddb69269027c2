"""The full-text query language and its SQL, on any queryset of releases.

PostgreSQL: the stored, weighted ``tsvector`` of each release (``press.search`` keeps
them), queried with ``websearch_to_tsquery`` (quoted phrases, ``or``, ``-exclusion``) and
stemming in each release's language, ranked by relevance combined with recency. SQLite (the embedded
default): the same query syntax over plain substring matching.

This module names no model, so the QuerySet can use it and the search documents' module
can import the models without a circle.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, FloatField, Func, Q, QuerySet, TextField, Value
from django.db.models.functions import Cast, Extract, Now
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

# Each language's PostgreSQL text search configuration: a release's words are stemmed in
# its own language ("границы" finds "границ", "Grenzen" finds "Grenze").
SEARCH_CONFIGS = {
    "en-gb": "english",
    "ru": "russian",
    "fr": "french",
    "de": "german",
    "it": "italian",
    "es": "spanish",
}
SEARCH_CONFIG = SEARCH_CONFIGS["en-gb"]


def search_config(language: str) -> str:
    return SEARCH_CONFIGS.get(language, SEARCH_CONFIG)


def config_sql(column: str) -> str:
    """SQL choosing the configuration of the language in ``column``, for to_tsvector."""
    cases = " ".join(f"WHEN '{code}' THEN '{config}'" for code, config in SEARCH_CONFIGS.items())
    return f"(CASE {column} {cases} ELSE '{SEARCH_CONFIG}' END)::regconfig"


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
    return (
        Q(title__icontains=term)
        | Q(lead__icontains=term)
        | Q(plain_body__icontains=term)
        | Q(reference__icontains=term)
    )


def clean_query(text: str) -> str:
    """Printable characters only, one space between words, bounded length."""
    text = "".join(ch if ch.isprintable() else " " for ch in text)
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def _headline(query: SearchQuery, languages: list[str] | None = None) -> SearchHeadline:
    return SearchHeadline(
        "lead",
        query,
        config=search_config(languages[0]) if languages else SEARCH_CONFIG,
        start_sel=MARK_START,
        stop_sel=MARK_STOP,
        max_words=40,
        min_words=20,
    )


def text_rank(vector: str, query: SearchQuery) -> SearchRank:
    # Normalisation 32: rank / (rank + 1), a score between 0 and 1.
    return SearchRank(F(vector), query, normalization=Value(32))


def web_query(text: str, languages: list[str] | None = None) -> SearchQuery:
    """The words as a query in each of ``languages``' configurations (every language's when
    none are given), any of which may match: a document is stemmed in its own."""
    configs = dict.fromkeys(search_config(code) for code in (languages or SEARCH_CONFIGS))
    queries = [SearchQuery(text, search_type="websearch", config=config) for config in configs]
    combined = queries[0]
    for query in queries[1:]:
        combined |= query
    return combined


def apply_search(queryset: QuerySet, text: str, languages: list[str] | None = None) -> QuerySet:
    """Releases matching ``text``, annotated with ``search_rank`` (higher is better)."""
    text = clean_query(text)
    if not text:
        return queryset
    if is_postgresql():
        query = web_query(text, languages)
        age_days = Extract(Now() - F("published_at"), "epoch") / Value(86400.0)
        return queryset.filter(search_document__vector=query).annotate(
            search_rank=text_rank("search_document__vector", query)
            / (Value(1.0) + Cast(age_days, FloatField()) / Value(AGE_HALVING_DAYS)),
            search_snippet=_headline(query, languages),
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


def with_snippets(queryset: QuerySet, text: str, languages: list[str] | None = None) -> QuerySet:
    """``queryset`` with each lead's matches of ``text`` marked (``search_snippet``), for
    releases already known to match: no second search, only the headline."""
    text = clean_query(text)
    if not text or not is_postgresql():
        return queryset
    query = web_query(text, languages)
    return queryset.annotate(search_snippet=_headline(query, languages))


def highlighted(snippet: str) -> SafeString:
    """A ts_headline snippet as safe HTML: the text escaped, the matches in <mark>."""
    text = escape(snippet.replace("<mark>", "").replace("</mark>", ""))
    return mark_safe(text.replace(MARK_START, "<mark>").replace(MARK_STOP, "</mark>"))
