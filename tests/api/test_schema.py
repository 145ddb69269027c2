"""Every operation of the API against its own OpenAPI schema (schemathesis): no server
error, and every answer — status, content type, headers, body — as the schema says."""

from __future__ import annotations

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from ninja.renderers import JSONRenderer
from schemathesis.specs.openapi.checks import positive_data_acceptance

from api.endpoints import api

PREFIX = "/api/v1/"


def served_schema() -> dict:
    """The schema exactly as /api/v1/openapi.json serves it."""
    return json.loads(
        json.dumps(api.get_openapi_schema(path_prefix=PREFIX), cls=JSONRenderer.encoder_class)
    )


# Built from the API itself (the schema view needs no database; the test below checks that
# it is what the address serves): schemathesis's fixture loader predates this pytest.
schema = schemathesis.openapi.from_dict(served_schema())
schema.app = get_wsgi_application()
schema.location = f"{PREFIX}openapi.json"
# Invalid input too: a value the schema excludes must be refused with a 4xx.
schema.config.generation.update(modes=["positive", "negative"])


def test_releases_carry_their_reference_number_in_the_schema():
    summary = served_schema()["components"]["schemas"]["ReleaseSummary"]
    assert "reference" in summary["required"]
    assert summary["properties"]["reference"]["anyOf"] == [{"type": "string"}, {"type": "null"}]
    assert "PC.DEC/1162" in summary["properties"]["reference"]["description"]


@pytest.fixture
def test_transaction_kept():
    """Requests reach the WSGI application itself, which closes the database connection
    when one starts and ends (and with it the test's transaction, on PostgreSQL): Django's
    own test client keeps it open the same way."""
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@pytest.mark.django_db
def test_the_schema_under_test_is_the_one_served(client):
    response = client.get(f"{PREFIX}openapi.json")
    assert response.status_code == 200
    assert response.json() == served_schema()

    def no_duplicates(pairs):
        keys = [key for key, _value in pairs]
        assert len(keys) == len(set(keys)), keys
        return dict(pairs)

    json.loads(response.content, object_pairs_hook=no_duplicates)
    assert response.json()["openapi"].startswith("3.1")
    operations = {
        (method.upper(), path) for path, item in served_schema()["paths"].items() for method in item
    }
    assert operations == {
        ("GET", "/api/v1/releases"),
        ("GET", "/api/v1/releases/{slug}"),
        ("GET", "/api/v1/countries"),
        ("GET", "/api/v1/fields-of-work"),
        ("GET", "/api/v1/structures"),
        ("GET", "/api/v1/meeting-series"),
        ("GET", "/api/v1/chairpersonships"),
    }


@schema.parametrize()
@settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_operation_answers_as_its_schema_says(
    case, archive, generous_limit, test_transaction_kept
):
    # A value the schema allows may still name nothing (an unknown country, a year the
    # archive does not cover): the API answers that with a 400 listing it, by design.
    case.call_and_validate(excluded_checks=[positive_data_acceptance])
