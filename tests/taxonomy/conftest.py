import pytest
from django.test import Client


@pytest.fixture
def manager_client(client, taxonomy_manager):
    client.force_login(taxonomy_manager)
    return client


@pytest.fixture
def public():
    """An anonymous reader (who is served cached pages)."""
    return Client()
