"""How the site talks to PostgreSQL: the statements of a page asked again are prepared once
per connection, so PostgreSQL neither parses nor plans them on every request."""

from __future__ import annotations

import pytest
from django.db import connection

from osce_cms.settings import prepared_statements
from tests.factories import make_release


@pytest.mark.postgresql_only
@pytest.mark.django_db
def test_a_release_page_asked_again_runs_on_prepared_statements(client, settings):
    settings.PUBLIC_PAGE_CACHE = False
    release = make_release(countries=["serbia"], fields=["elections"])
    make_release(countries=["serbia"], fields=["elections"])
    for _request in range(8):
        response = client.get(release.get_absolute_url())
        assert response.status_code == 200
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT statement FROM pg_prepared_statements WHERE statement LIKE %s",
            ['%FROM "press_pressrelease"%'],
        )
        prepared = [statement for (statement,) in cursor.fetchall()]
    # The release by its address, and the related releases' cards.
    assert any('"press_pressrelease"."slug" = $' in statement for statement in prepared)
    assert any('"press_pressrelease"."id" IN ($' in statement for statement in prepared)


def test_prepared_statements_can_be_turned_off_for_a_pooler(monkeypatch):
    monkeypatch.delenv("DATABASE_PREPARED_STATEMENTS", raising=False)
    database = {"ENGINE": "django.db.backends.postgresql"}
    prepared_statements(database)
    assert database["OPTIONS"] == {"server_side_binding": True, "prepare_threshold": 2}

    monkeypatch.setenv("DATABASE_PREPARED_STATEMENTS", "0")
    database = {"ENGINE": "django.db.backends.postgresql"}
    prepared_statements(database)
    # Parameters still bound by the server, but nothing kept prepared between requests.
    assert database["OPTIONS"] == {"server_side_binding": True, "prepare_threshold": None}

    sqlite = {"ENGINE": "django.db.backends.sqlite3"}
    prepared_statements(sqlite)
    assert "OPTIONS" not in sqlite
