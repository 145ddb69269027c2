import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models


def create_search_index(apps, schema_editor):
    # GIN indexes exist only on PostgreSQL; SQLite searches without the vectors.
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS press_searchdocument_gin "
        "ON press_searchdocument USING gin (vector)"
    )
    # Releases that existed before this migration get their vectors from
    # `manage.py refresh_search` (migrations do not import application code).


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS press_searchdocument_gin")


class Migration(migrations.Migration):
    dependencies = [
        ("press", "0003_groups"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchDocument",
            fields=[
                (
                    "release",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_document",
                        serialize=False,
                        to="press.pressrelease",
                    ),
                ),
                ("vector", django.contrib.postgres.search.SearchVectorField()),
            ],
            options={
                "verbose_name": "search document",
                "verbose_name_plural": "search documents",
            },
        ),
        migrations.RunPython(create_search_index, drop_search_index),
    ]
