"""The English names' columns filled from today's names, as ``update_translation_fields``
would: a fresh database has them without a management command.

A migration of its own: PostgreSQL refuses to build the new columns' unique indexes (which
Django creates at the end of the schema migration) after rows changed in its transaction.
"""

from django.db import migrations, models

TRANSLATED = {
    "country": ["name"],
    "fieldofwork": ["name"],
    "meetingseries": ["name"],
    "structure": ["name", "acronym", "host_territory"],
}


def copy_english(apps, schema_editor):
    for model_name, fields in TRANSLATED.items():
        model = apps.get_model("taxonomy", model_name)
        for field in fields:
            # Only where the English column is still empty: never overwrite an edit.
            model.objects.filter(**{f"{field}_en_gb__isnull": True}).update(
                **{f"{field}_en_gb": models.F(field)}
            )


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0005_name_translations")]

    operations = [migrations.RunPython(copy_english, migrations.RunPython.noop)]
