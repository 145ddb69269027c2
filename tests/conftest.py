import pytest

from tests.factories import make_user


@pytest.fixture
def author(db):
    return make_user("author", groups=["Author"])


@pytest.fixture
def editor(db):
    return make_user("editor", groups=["Editor"])


@pytest.fixture
def taxonomy_manager(db):
    return make_user("keeper", groups=["Taxonomy manager"])


@pytest.fixture
def superuser(db):
    return make_user("admin", superuser=True)


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache (the navigation and pages are cached)."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
