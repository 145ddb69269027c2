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


def load_reference_data() -> None:
    """The reference data and groups, loaded again by their own migrations' code, when a
    test that commits (live server, browser) runs after another one flushed the tables."""
    from importlib import import_module

    from django.apps import apps as django_apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Group, Permission

    from taxonomy.models import Structure

    if not Group.objects.exists():
        groups = import_module("press.migrations.0003_groups")
        for label in ("press", "taxonomy", "taggit"):
            create_permissions(django_apps.get_app_config(label), verbosity=0)
        for name, codenames in groups.GROUPS.items():
            group = Group.objects.create(name=name)
            for app_label, codename in codenames:
                group.permissions.add(
                    Permission.objects.get(content_type__app_label=app_label, codename=codename)
                )
    if not Structure.objects.exists():
        import_module("taxonomy.migrations.0002_reference_data").load(django_apps, None)


@pytest.fixture(autouse=True)
def _reference_data_for_committing_tests(request):
    """Transactional tests flush every table when they end, migration data included."""
    marker = request.node.get_closest_marker("django_db")
    if marker is not None and marker.kwargs.get("transaction"):
        request.getfixturevalue("transactional_db")
        load_reference_data()
