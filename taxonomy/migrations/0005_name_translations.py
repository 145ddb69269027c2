"""A column per language for the reference data's names (django-modeltranslation)."""

from django.db import migrations, models


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
    ]
