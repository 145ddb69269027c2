"""History views of the admin (django-reversion), kept to the admin's own objects and rules.

reversion's own views revert a whole revision with raw saves, whichever model the version
belongs to, and keep the result whenever the change form answers with a redirect, even one
that saved nothing. Here:

- a version is found only among the versions of this admin's model (and, for a revert, of
  the object in the address); anything else is a 404 that names nothing;
- only that object's rows are restored (the object and the rows it follows, such as its
  tag links or former names), never the other objects of the same revision;
- "recover" brings back only an object that no longer exists, for those who may delete it;
- the restored rows are only a starting point for the change form: the result is kept
  only when the form was saved through the admin's save path (permissions checked on the
  object as it is, the model's ``save()`` with its side effects, a new revision and a log
  entry naming who did it); otherwise everything is rolled back.
"""

from __future__ import annotations

from contextlib import contextmanager

from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.contrib.contenttypes.fields import GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, router, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save
from django.http import Http404
from django.shortcuts import redirect
from django.utils.formats import localize
from django.utils.timezone import template_localtime
from django.utils.translation import gettext as _
from reversion.admin import VersionAdmin
from reversion.errors import RevertError
from reversion.models import Version
from reversion.revisions import _get_options, set_comment
from reversion.utils import mute_signals

from core.cleaning import ascii_int

# django-reversion's versions have 32-bit keys.
MAX_VERSION_ID = 2**31 - 1


class _Discard(Exception):
    """Leave the revert's transaction without keeping anything, answering ``response``."""

    def __init__(self, response):
        self.response = response


class GuardedVersionAdmin(VersionAdmin):
    """A VersionAdmin whose revert and recover views cannot reach past their own model."""

    change_list_template = "admin/history_change_list.html"

    # Permissions.

    def has_revert_permission(self, request, obj) -> bool:
        return self.has_change_permission(request, obj)

    def has_recover_permission(self, request) -> bool:
        # Bringing back what was deleted is for those who may delete it.
        return (
            self.has_add_permission(request)
            and self.has_change_permission(request)
            and self.has_delete_permission(request)
        )

    # Finding versions.

    def own_version(self, version_id, object_id=None) -> Version:
        """The version ``version_id`` of this admin's model (of ``object_id``, if given)."""
        version_id = ascii_int(version_id, minimum=1, maximum=MAX_VERSION_ID)
        if version_id is None:
            raise Http404(_("No such version."))
        content_type = ContentType.objects.db_manager(router.db_for_read(Version)).get_for_model(
            self.model
        )
        versions = Version.objects.select_related("revision").filter(
            pk=version_id,
            content_type=content_type,
            db=router.db_for_write(self.model),
        )
        if object_id is not None:
            versions = versions.filter(object_id=str(object_id))
        version = versions.first()
        if version is None:
            # Deliberately vague: the version may exist for another kind of object.
            raise Http404(_("No such version."))
        return version

    def followed_versions(self, version: Version) -> list[Version]:
        """The versions of ``version``'s revision that belong to its object: the rows the
        object's registration follows (reverse foreign keys and generic relations to it)."""
        links = []
        for name in _get_options(self.model).follow:
            try:
                field = self.model._meta.get_field(name)
            except Exception:
                continue
            if isinstance(field, GenericRelation):
                own_type = ContentType.objects.get_for_model(self.model).pk
                links.append(
                    (
                        field.related_model,
                        {
                            field.object_id_field_name: version.object_id,
                            # Stored versions are keyed by column (attname).
                            field.related_model._meta.get_field(
                                field.content_type_field_name
                            ).attname: own_type,
                        },
                    )
                )
            elif field.one_to_many or (field.one_to_one and field.auto_created):
                links.append((field.related_model, {field.field.attname: version.object_id}))
        found = []
        for other in version.revision.version_set.exclude(pk=version.pk):
            for model, match in links:
                if other.content_type.model_class() is model and all(
                    str(other.field_dict.get(key)) == str(value) for key, value in match.items()
                ):
                    found.append(other)
                    break
        return found

    # Restoring.

    def restore_rows(self, request, version: Version, current) -> None:
        """Write the stored rows of ``version``'s object back, raw, as the change form's
        starting point: the object, the rows it follows (removing those it did not have
        then). ``current`` is the object as it stands, None when recovering."""
        followed = self.followed_versions(version)
        if current is not None:
            kept = {(v.content_type_id, v.object_id) for v in followed}
            for name in _get_options(self.model).follow:
                related = getattr(current, name, None)
                if isinstance(related, models.Manager):
                    for row in related.all():
                        key = (ContentType.objects.get_for_model(row).pk, str(row.pk))
                        if key not in kept:
                            row.delete()
        for stored in [version, *followed]:
            stored.revert()

    def after_restore(self, request, version: Version, current) -> None:
        """Put back whatever a revert must not change (a hook for subclasses)."""

    @contextmanager
    def _quietly(self):
        # The raw rows are not a change yet: signal handlers (search, caches, revisions)
        # react to the save that follows, if it happens.
        with mute_signals(pre_save, post_save, pre_delete, post_delete, m2m_changed):
            yield

    def history_note(self, request, version: Version) -> str:
        when = localize(template_localtime(version.revision.date_created))
        if getattr(request, "_history_recovering", False):
            return _("Recovered after deletion, from the version saved on %(datetime)s.") % {
                "datetime": when
            }
        return _("Reverted to the version saved on %(datetime)s.") % {"datetime": when}

    def _history_form(self, request, version: Version, current, template, extra_context):
        request._history_note = self.history_note(request, version)
        request._history_saved = False
        try:
            with transaction.atomic(using=version.db):
                with self._quietly():
                    try:
                        with transaction.atomic(using=version.db):
                            self.restore_rows(request, version, current)
                    except IntegrityError:
                        raise RevertError(_("This version cannot be restored.")) from None
                    self.after_restore(request, version, current)
                with self.create_revision(request):
                    response = self.changeform_view(
                        request, quote(version.object_id), request.path, extra_context
                    )
                    if request.method == "POST" and request._history_saved:
                        set_comment(request._history_note)
                        return response
                    if response.status_code == 200:
                        response.template_name = template
                        response.render()  # while the restored rows are there
                    # Shown, refused or not saved: nothing of it is kept.
                    raise _Discard(response)
        except _Discard as discard:
            if discard.response.status_code == 200:
                return discard.response
            messages.error(request, _("Nothing was restored."))
        except (RevertError, models.ProtectedError) as error:
            messages.error(request, str(error))
        opts = self.model._meta
        return redirect(f"{self.admin_site.name}:{opts.app_label}_{opts.model_name}_changelist")

    # Saving and recording.

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        request._history_saved = True

    def log_change(self, request, obj, message):
        note = getattr(request, "_history_note", None)
        return super().log_change(request, obj, note or message)

    # Views.

    def revision_view(self, request, object_id, version_id, extra_context=None):
        object_id = unquote(object_id)
        version = self.own_version(version_id, object_id)
        current = self.get_object(request, object_id)
        if current is None:
            raise Http404(_("No such version."))
        if not self.has_revert_permission(request, current):
            raise PermissionDenied
        context = {"title": _("Revert %(name)s") % {"name": current}, "revert": True}
        context.update(extra_context or {})
        template = self.revision_form_template or self._reversion_get_template_list(
            "revision_form.html"
        )
        return self._history_form(request, version, current, template, context)

    def recover_view(self, request, version_id, extra_context=None):
        if not self.has_recover_permission(request):
            raise PermissionDenied
        version = self.own_version(version_id)
        if self.model._default_manager.filter(pk=version.object_id).exists():
            # Not deleted: its own history reverts it, with the checks of a revert.
            raise Http404(_("No such version."))
        request._history_recovering = True
        context = {"title": _("Recover %(name)s") % {"name": version.object_repr}, "recover": True}
        context.update(extra_context or {})
        template = self.recover_form_template or self._reversion_get_template_list(
            "recover_form.html"
        )
        return self._history_form(request, version, None, template, context)

    def recoverlist_view(self, request, extra_context=None):
        if not self.has_recover_permission(request):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def changelist_view(self, request, extra_context=None):
        context = {"has_recover_permission": self.has_recover_permission(request)}
        context.update(extra_context or {})
        return super().changelist_view(request, context)
