"""The list endpoint's queries do not grow with the archive or the page: the facet index
answers the filters and counts, the database only the rows of one page."""

from __future__ import annotations

import pytest

from tests.factories import make_release

pytestmark = pytest.mark.django_db

QUERY = "/api/v1/releases?country=serbia&facets=country,field,structure,type,tag,year&page_size=50"


def warm(client) -> None:
    # The index and the reference data are built once per content generation, per process.
    client.get("/api/v1/releases")


def test_list_queries_are_bounded(client, archive, django_assert_max_num_queries):
    warm(client)
    with django_assert_max_num_queries(2):
        assert client.get(QUERY).status_code == 200
    for n in range(60):
        make_release(f"Serbian release {n}", countries=["serbia"], tags=[f"t{n}"])
    warm(client)
    with django_assert_max_num_queries(2) as captured:
        data = client.get(QUERY + "&tag=t1&tag=t2&page=1").json()
    assert data["count"] == 2
    warm(client)
    with django_assert_max_num_queries(2):
        assert len(client.get(QUERY + "&page=2").json()["results"]) == 12
    assert len(captured) == 2  # the page's rows, the names of the tags counted


def test_one_release_takes_two_queries(client, archive, django_assert_max_num_queries):
    slug = archive["public"][1].slug
    warm(client)
    with django_assert_max_num_queries(2):
        assert client.get(f"/api/v1/releases/{slug}").status_code == 200
