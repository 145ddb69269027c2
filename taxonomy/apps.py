from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from taggit.apps import TaggitAppConfig


class TagsConfig(TaggitAppConfig):
    """django-taggit under the name editors know it by ("Tags", not "Taggit")."""

    default = False
    verbose_name = _("Tags")


class TaxonomyConfig(AppConfig):
    default = True  # this module holds the tags' configuration too
    name = "taxonomy"
    verbose_name = _("Reference data")

    def ready(self):
        from django.db.models.signals import post_delete

        from core.signals import terms_changed
        from taxonomy.models import ChangesPublicPages

        def deleted(sender, instance, **kwargs):
            terms_changed.send(sender=sender, ids=[instance.pk])

        # QuerySet.delete() skips the models' delete(), but not post_delete.
        for model in self.get_models():
            if issubclass(model, ChangesPublicPages):
                post_delete.connect(
                    deleted, sender=model, dispatch_uid=f"taxonomy-{model.__name__}"
                )
