import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models


def create_search_index(apps, schema_editor):
    # As for the search documents: GIN on PostgreSQL only, SQLite ranks without vectors.
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX IF NOT EXISTS press_searchhead_gin ON press_searchhead USING gin (vector)"
    )
    # Existing releases get their heads from `manage.py refresh_search --heads` (migrations
    # do not import application code); until then a search orders its matches newest first.


def drop_search_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS press_searchhead_gin")


class Migration(migrations.Migration):
    dependencies = [
        ("press", "0018_expiry_and_event_indexes"),
    ]

    operations = [
        migrations.CreateModel(
            name="SearchHead",
            fields=[
                (
                    "release",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        primary_key=True,
                        related_name="search_head",
                        serialize=False,
                        to="press.pressrelease",
                    ),
                ),
                ("vector", django.contrib.postgres.search.SearchVectorField()),
            ],
            options={
                "verbose_name": "search head",
                "verbose_name_plural": "search heads",
            },
        ),
        migrations.RunPython(create_search_index, drop_search_index),
    ]
