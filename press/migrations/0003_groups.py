"""The newsroom's roles, as groups with their permissions."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

TAXONOMY_MODELS = [
    "country",
    "chairpersonship",
    "fieldofwork",
    "meetingseries",
    "structure",
    "formername",
]

GROUPS = {
    "Author": [
        ("press", "add_pressrelease"),
        ("press", "change_pressrelease"),
        ("press", "view_pressrelease"),
        ("press", "view_releasetransition"),
        ("taggit", "view_tag"),
        *[("taxonomy", f"view_{model}") for model in TAXONOMY_MODELS],
    ],
    "Editor": [
        ("press", "add_pressrelease"),
        ("press", "change_pressrelease"),
        ("press", "delete_pressrelease"),
        ("press", "view_pressrelease"),
        ("press", "publish_pressrelease"),
        ("press", "view_releasetransition"),
        ("press", "view_releaseslugredirect"),
        ("press", "change_releaseslugredirect"),
        ("taggit", "view_tag"),
        *[("taxonomy", f"view_{model}") for model in TAXONOMY_MODELS],
    ],
    "Taxonomy manager": [
        *[
            ("taxonomy", f"{action}_{model}")
            for model in TAXONOMY_MODELS
            for action in ("add", "change", "delete", "view")
        ],
        *[("taggit", f"{action}_tag") for action in ("add", "change", "delete", "view")],
    ],
}


def create_groups(apps, schema_editor):
    # Permissions are normally made after migrate; the groups need them now.
    for app_label in ("press", "taxonomy", "taggit"):
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True  # the migration state's stub lacks it
        create_permissions(app_config, verbosity=0, apps=apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, codename in codenames:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def remove_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("press", "0002_initial"),
        ("taxonomy", "0002_reference_data"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_groups, remove_groups)]
