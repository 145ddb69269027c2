"""A column per language for the reference data's names (django-modeltranslation), the
English ones filled from today's names, as ``update_translation_fields`` would: a fresh
database has them without a management command."""

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
    dependencies = [
        ("taxonomy", "0004_media_contacts"),
    ]

    operations = [
        migrations.AddField(
            model_name="country",
            name="name_de",
            field=models.CharField(max_length=200, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="country",
            name="name_en_gb",
            field=models.CharField(max_length=200, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="country",
            name="name_es",
            field=models.CharField(max_length=200, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="country",
            name="name_fr",
            field=models.CharField(max_length=200, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="country",
            name="name_it",
            field=models.CharField(max_length=200, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="country",
            name="name_ru",
            field=models.CharField(max_length=200, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="fieldofwork",
            name="name_de",
            field=models.CharField(max_length=200, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="fieldofwork",
            name="name_en_gb",
            field=models.CharField(max_length=200, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="fieldofwork",
            name="name_es",
            field=models.CharField(max_length=200, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="fieldofwork",
            name="name_fr",
            field=models.CharField(max_length=200, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="fieldofwork",
            name="name_it",
            field=models.CharField(max_length=200, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="fieldofwork",
            name="name_ru",
            field=models.CharField(max_length=200, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="meetingseries",
            name="name_de",
            field=models.CharField(max_length=200, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="meetingseries",
            name="name_en_gb",
            field=models.CharField(max_length=200, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="meetingseries",
            name="name_es",
            field=models.CharField(max_length=200, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="meetingseries",
            name="name_fr",
            field=models.CharField(max_length=200, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="meetingseries",
            name="name_it",
            field=models.CharField(max_length=200, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="meetingseries",
            name="name_ru",
            field=models.CharField(max_length=200, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="structure",
            name="acronym_de",
            field=models.CharField(blank=True, max_length=20, null=True, verbose_name="acronym"),
        ),
        migrations.AddField(
            model_name="structure",
            name="acronym_en_gb",
            field=models.CharField(blank=True, max_length=20, null=True, verbose_name="acronym"),
        ),
        migrations.AddField(
            model_name="structure",
            name="acronym_es",
            field=models.CharField(blank=True, max_length=20, null=True, verbose_name="acronym"),
        ),
        migrations.AddField(
            model_name="structure",
            name="acronym_fr",
            field=models.CharField(blank=True, max_length=20, null=True, verbose_name="acronym"),
        ),
        migrations.AddField(
            model_name="structure",
            name="acronym_it",
            field=models.CharField(blank=True, max_length=20, null=True, verbose_name="acronym"),
        ),
        migrations.AddField(
            model_name="structure",
            name="acronym_ru",
            field=models.CharField(blank=True, max_length=20, null=True, verbose_name="acronym"),
        ),
        migrations.AddField(
            model_name="structure",
            name="host_territory_de",
            field=models.CharField(
                blank=True,
                help_text="For a field operation whose host is not a participating State (e.g. Kosovo), the territory as the OSCE names it.",
                max_length=200,
                null=True,
                verbose_name="host territory",
            ),
        ),
        migrations.AddField(
            model_name="structure",
            name="host_territory_en_gb",
            field=models.CharField(
                blank=True,
                help_text="For a field operation whose host is not a participating State (e.g. Kosovo), the territory as the OSCE names it.",
                max_length=200,
                null=True,
                verbose_name="host territory",
            ),
        ),
        migrations.AddField(
            model_name="structure",
            name="host_territory_es",
            field=models.CharField(
                blank=True,
                help_text="For a field operation whose host is not a participating State (e.g. Kosovo), the territory as the OSCE names it.",
                max_length=200,
                null=True,
                verbose_name="host territory",
            ),
        ),
        migrations.AddField(
            model_name="structure",
            name="host_territory_fr",
            field=models.CharField(
                blank=True,
                help_text="For a field operation whose host is not a participating State (e.g. Kosovo), the territory as the OSCE names it.",
                max_length=200,
                null=True,
                verbose_name="host territory",
            ),
        ),
        migrations.AddField(
            model_name="structure",
            name="host_territory_it",
            field=models.CharField(
                blank=True,
                help_text="For a field operation whose host is not a participating State (e.g. Kosovo), the territory as the OSCE names it.",
                max_length=200,
                null=True,
                verbose_name="host territory",
            ),
        ),
        migrations.AddField(
            model_name="structure",
            name="host_territory_ru",
            field=models.CharField(
                blank=True,
                help_text="For a field operation whose host is not a participating State (e.g. Kosovo), the territory as the OSCE names it.",
                max_length=200,
                null=True,
                verbose_name="host territory",
            ),
        ),
        migrations.AddField(
            model_name="structure",
            name="name_de",
            field=models.CharField(max_length=200, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="structure",
            name="name_en_gb",
            field=models.CharField(max_length=200, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="structure",
            name="name_es",
            field=models.CharField(max_length=200, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="structure",
            name="name_fr",
            field=models.CharField(max_length=200, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="structure",
            name="name_it",
            field=models.CharField(max_length=200, null=True, unique=True, verbose_name="name"),
        ),
        migrations.AddField(
            model_name="structure",
            name="name_ru",
            field=models.CharField(max_length=200, null=True, unique=True, verbose_name="name"),
        ),
        migrations.RunPython(copy_english, migrations.RunPython.noop),
    ]
