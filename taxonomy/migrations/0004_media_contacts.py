"""Media contacts: whom journalists call about a structure's releases."""

import django.db.models.deletion
from django.db import migrations, models

import taxonomy.models


class Migration(migrations.Migration):
    dependencies = [
        ("taxonomy", "0003_former_name_unique_with_slug"),
    ]

    operations = [
        migrations.CreateModel(
            name="MediaContact",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "name",
                    models.CharField(
                        help_text="A person, or a desk such as “Press Office”.",
                        max_length=200,
                        verbose_name="name",
                    ),
                ),
                (
                    "role",
                    models.CharField(
                        blank=True,
                        help_text="e.g. Spokesperson",
                        max_length=200,
                        verbose_name="role or title",
                    ),
                ),
                (
                    "languages",
                    models.CharField(
                        blank=True,
                        help_text="Two-letter codes separated by commas, e.g. en, ru, uk.",
                        max_length=100,
                        validators=[taxonomy.models.validate_languages],
                        verbose_name="languages spoken",
                    ),
                ),
                (
                    "phone",
                    models.CharField(
                        blank=True,
                        help_text="International form, e.g. +43 1 514 36 6000.",
                        max_length=40,
                        validators=[taxonomy.models.validate_phone],
                        verbose_name="phone",
                    ),
                ),
                (
                    "email",
                    models.EmailField(
                        blank=True,
                        error_messages={"invalid": "Give an email address such as press@osce.org."},
                        max_length=254,
                        verbose_name="email",
                    ),
                ),
                (
                    "is_active",
                    models.BooleanField(
                        default=True,
                        help_text="Untick when the person leaves or the desk closes: it disappears publicly.",
                        verbose_name="active",
                    ),
                ),
                (
                    "position",
                    models.PositiveIntegerField(
                        default=0,
                        help_text="Order within the structure, lowest first.",
                        verbose_name="position",
                    ),
                ),
                (
                    "structure",
                    models.ForeignKey(
                        help_text="Its releases show this contact unless others are chosen for a release.",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="media_contacts",
                        to="taxonomy.structure",
                        verbose_name="structure",
                    ),
                ),
            ],
            options={
                "verbose_name": "media contact",
                "verbose_name_plural": "media contacts",
                "ordering": ["position", "name"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("email", ""), ("phone", ""), _negated=True),
                        name="mediacontact_reachable",
                    )
                ],
            },
        ),
    ]
