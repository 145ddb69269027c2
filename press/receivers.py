"""What press does after changes, and announces to other apps.

Connected in ``PressConfig.ready()``. A release's own steps (save, publish, withdraw) are
explicit model methods; the effects below follow any of them, and any other way in (the
importer, a shell, a bulk link change, a tag added in code): the release's search document
is renewed and ``release_changed`` tells the rest of the site (the page cache, alerts).
A restore has the search documents rebuilt all at once (``rebuild_search_documents``, a
derived table's rebuild registered with ``core.derived``).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import DEFAULT_DB_ALIAS, transaction
from django.db.models import Q
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save
from taggit.models import Tag, TaggedItem

from core.cleaning import without_control_characters
from core.signals import release_changed, terms_changed
from press.models import LINK_FIELDS, ChangeNote, PressRelease, ReleaseTransition
from press.notifications import concerns_the_authors, mail_authors
from press.search import refresh_search_vectors


def release_saved(sender, instance: PressRelease, raw: bool = False, **kwargs) -> None:
    if raw:  # fixtures and restores: loaded as they were, refreshed in bulk afterwards
        return
    refresh_search_vectors([instance.pk])
    release_changed.send(sender=PressRelease, ids=[instance.pk])


def tag_saving(sender, instance: Tag, raw: bool = False, **kwargs) -> None:
    # taggit's Tag is not ours to give a cleaning field: its name is cleaned here, on every
    # save (the release form, the tag admin, code adding tags by name).
    instance.name = without_control_characters(instance.name)


def step_taken(sender, instance: ReleaseTransition, created: bool, raw: bool = False, **kwargs):
    # Whatever the path (the form's buttons, list actions, code), an author hears about a
    # release sent back or published by someone else, once the step has been committed.
    if created and not raw and concerns_the_authors(instance):
        transaction.on_commit(lambda: mail_authors.enqueue(instance.pk))


def change_noted(sender, instance: ChangeNote, created: bool, raw: bool = False, **kwargs):
    # A major change's note shows on the page and in the feeds; the page cache hears of it
    # like any change. Alerts hear too and send nothing: a release is announced once, when
    # it goes live (alerts/tasks.py says why corrections are not mailed).
    if created and not raw and instance.major:
        release_changed.send(sender=PressRelease, ids=[instance.release_id])


def release_deleted(sender, instance: PressRelease, **kwargs) -> None:
    release_changed.send(sender=PressRelease, ids=[instance.pk])


def links_changed(sender, instance, action: str, reverse: bool, pk_set, **kwargs) -> None:
    """A release's classification or tags changed, from either side of the link."""
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        ids = [instance.pk]
    elif pk_set:
        ids = list(pk_set)
    else:  # a term's links cleared from the term's side: which releases is not said
        ids = None
    if ids is not None:
        refresh_search_vectors(ids)
    release_changed.send(sender=PressRelease, ids=ids)


def tag_link_deleted(sender, instance: TaggedItem, **kwargs) -> None:
    # taggit's own removals send m2m_changed; deleting link rows directly does not.
    if instance.content_type.model_class() is PressRelease:
        release_changed.send(sender=PressRelease, ids=[instance.object_id])


def releases_classified_by(model, ids: Iterable[int] | None):
    """Every release (draft or public) that ``model``'s terms ``ids`` classify."""
    condition = Q()
    for field in PressRelease._meta.get_fields():
        if field.related_model is model and not field.auto_created:
            condition |= (
                Q(**{f"{field.name}__in": ids})
                if ids is not None
                else Q(**{f"{field.name}__isnull": False})
            )
    if not condition:
        return PressRelease.objects.none()
    return PressRelease.objects.filter(condition).distinct()


def terms_renamed(sender, ids=None, names_changed: bool = False, **kwargs) -> None:
    """Releases are found by the names of their terms: renew the documents of those that
    use terms whose names moved (a rename, a former name, a merge)."""
    if names_changed:
        refresh_search_vectors(releases_classified_by(sender, ids).values_list("pk", flat=True))


def rebuild_search_documents(using: str) -> None:
    """Every release's search document, into an empty table (after a restore)."""
    if using != DEFAULT_DB_ALIAS:
        # press.search writes through the default connection, the site's only database.
        raise ValueError(f"Search documents are kept in the default database, not {using!r}.")
    refresh_search_vectors()


def connect() -> None:
    post_save.connect(release_saved, sender=PressRelease, dispatch_uid="press-saved")
    post_delete.connect(release_deleted, sender=PressRelease, dispatch_uid="press-deleted")
    pre_save.connect(tag_saving, sender=Tag, dispatch_uid="press-tag-saving")
    post_save.connect(step_taken, sender=ReleaseTransition, dispatch_uid="press-step-taken")
    post_save.connect(change_noted, sender=ChangeNote, dispatch_uid="press-change-noted")
    for name in LINK_FIELDS:
        m2m_changed.connect(
            links_changed,
            sender=getattr(PressRelease, name).through,
            dispatch_uid=f"press-links-{name}",
        )
    # The contacts chosen for a release show on its page.
    m2m_changed.connect(
        links_changed,
        sender=PressRelease.media_contacts.through,
        dispatch_uid="press-links-media-contacts",
    )
    # taggit announces .add()/.remove()/.set()/.clear() on a release's tags as m2m_changed
    # with its link model as the sender.
    m2m_changed.connect(links_changed, sender=TaggedItem, dispatch_uid="press-links-tags")
    post_delete.connect(tag_link_deleted, sender=TaggedItem, dispatch_uid="press-tag-deleted")
    terms_changed.connect(terms_renamed, dispatch_uid="press-terms-renamed")
