"""The reference data endpoints: every term the website has, with what its pages say."""

from __future__ import annotations

import pytest

from taxonomy.kinds import KINDS
from taxonomy.models import Chairpersonship, Country, FieldOfWork, MeetingSeries, Structure

pytestmark = pytest.mark.django_db


def walk(nodes, depth=0):
    for node in nodes:
        yield node, depth
        yield from walk(node["children"], depth + 1)


def test_structures_are_the_tree_with_closed_operations_and_former_names(client):
    tree = client.get("/api/v1/structures").json()
    nodes = {node["slug"]: (node, depth) for node, depth in walk(tree)}
    assert set(nodes) == set(Structure.objects.values_list("slug", flat=True))
    institutions, depth = nodes["institutions"]
    assert depth == 0
    assert [c["acronym"] for c in institutions["children"]] == ["ODIHR", "HCNM", "RFoM"]
    closed = [node for node, _depth in nodes.values() if node["closed"]]
    assert closed and all(node["closed_year"] for node in closed)
    assert {n["slug"] for n in closed} == set(
        Structure.objects.closed().values_list("slug", flat=True)
    )
    dushanbe, depth = nodes["programme-office-in-dushanbe"]
    assert depth == 1 and dushanbe["kind"]["value"] == "field-operation"
    assert dushanbe["host_country"] == "tajikistan"
    assert {
        "name": "Mission to Tajikistan",
        "slug": "mission-to-tajikistan",
        "until_year": 2002,
    } in (dushanbe["former_names"])
    assert dushanbe["url"] == "http://testserver/structures/programme-office-in-dushanbe/"


def test_countries_fields_and_meeting_series_are_all_there_in_order(client):
    countries = client.get("/api/v1/countries").json()
    assert [c["slug"] for c in countries] == list(Country.objects.values_list("slug", flat=True))
    groups = {c["group"]["value"] for c in countries}
    assert groups == {"participating", "asian-partner", "mediterranean-partner"}
    albania = next(c for c in countries if c["slug"] == "albania")
    assert albania["iso_code"] == "AL" and albania["chairpersonships"] == [2020]
    fields = client.get("/api/v1/fields-of-work").json()
    assert [f["slug"] for f in fields] == list(FieldOfWork.objects.values_list("slug", flat=True))
    series = client.get("/api/v1/meeting-series").json()
    assert [s["slug"] for s in series] == list(MeetingSeries.objects.values_list("slug", flat=True))


def test_chairpersonships_newest_first(client):
    chairs = client.get("/api/v1/chairpersonships").json()
    assert [c["year"] for c in chairs] == list(
        Chairpersonship.objects.values_list("year", flat=True)
    )
    assert chairs == sorted(chairs, key=lambda c: -c["year"])
    assert chairs[0]["country"]["url"].startswith("http://testserver/countries/")


def test_every_kind_of_term_has_its_endpoint(client):
    # A new kind in taxonomy/kinds.py needs an endpoint of its own.
    endpoints = {"country": "countries", "field": "fields-of-work", "structure": "structures"}
    endpoints["meeting"] = "meeting-series"
    assert {kind.key for kind in KINDS} == set(endpoints)
    for path in endpoints.values():
        assert client.get(f"/api/v1/{path}").status_code == 200


def test_terms_are_named_in_the_readers_language_each_with_its_own_etag(client):
    russian = client.get("/api/v1/structures", headers={"accept-language": "ru"})
    english = client.get("/api/v1/structures", headers={"accept-language": "en-gb"})

    names = {node["slug"]: node["name"] for node, _depth in walk(russian.json())}
    assert names["mission-to-moldova"] == "Миссия ОБСЕ в Молдове"
    assert {node["slug"]: node["name"] for node, _depth in walk(english.json())}[
        "mission-to-moldova"
    ] == "Mission to Moldova"
    # A reader who switches language is not told that the other language's answer is current.
    assert russian["ETag"] != english["ETag"]
    again = client.get(
        "/api/v1/structures",
        headers={"accept-language": "en-gb", "if-none-match": russian["ETag"]},
    )
    assert again.status_code == 200
