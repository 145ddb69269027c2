"""A release's reference number and chosen media contacts; who may keep the contacts."""

from django.contrib.auth.management import create_permissions
from django.db import migrations, models

import press.models

# Taxonomy managers keep the media contacts like the rest of the reference data; authors
# and editors read them (to choose a release's contacts) and change nothing.
GROUP_PERMISSIONS = {
    "Taxonomy manager": [
        f"{action}_mediacontact" for action in ("add", "change", "delete", "view")
    ],
    "Author": ["view_mediacontact"],
    "Editor": ["view_mediacontact"],
}


def grant(apps, schema_editor):
    app_config = apps.get_app_config("taxonomy")
    app_config.models_module = True  # the migration state's stub lacks it
    create_permissions(app_config, verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUP_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *Permission.objects.filter(content_type__app_label="taxonomy", codename__in=codenames)
        )


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=GROUP_PERMISSIONS):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label="taxonomy", codename__endswith="_mediacontact"
            )
        )


class Migration(migrations.Migration):
    dependencies = [
        ("press", "0011_image_focal_point"),
        ("taxonomy", "0004_media_contacts"),
        ("press", "0003_groups"),
    ]

    operations = [
        migrations.AddField(
            model_name="pressrelease",
            name="media_contacts",
            field=models.ManyToManyField(
                blank=True,
                help_text="Whom journalists should call. Left empty: the source's media contacts.",
                related_name="releases",
                to="taxonomy.mediacontact",
                verbose_name="media contacts",
            ),
        ),
        migrations.AddField(
            model_name="pressrelease",
            name="reference",
            field=models.CharField(
                blank=True,
                db_index=True,
                help_text="The organisation's document reference, if any, e.g. PC.DEC/1162.",
                max_length=60,
                validators=[press.models.validate_reference],
                verbose_name="reference number",
            ),
        ),
        migrations.RunPython(grant, revoke),
    ]
