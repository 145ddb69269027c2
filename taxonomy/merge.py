"""Renaming and merging reference-data terms without breaking a link or losing a classification.

Works for every term model (countries, fields of work, structures, meeting series) and for
taggit tags: the relations to move are read from the models' metadata, so a relation added
later (a new M2M on releases, a new model pointing at structures) is moved too.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import reversion
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, models, transaction
from django.db.models import Exists, Func, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone, translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.signals import terms_changed
from taxonomy.kinds import classified_content
from taxonomy.models import FormerName, TreeTerm


class MergeError(Exception):
    """The merge cannot be done as asked; the message says why, for the person asking."""


def _release_model() -> type[models.Model]:
    # Registered by the app that owns releases (taxonomy does not import it).
    return classified_content().model


def release_fields(model: type[models.Model]) -> list[str]:
    """The fields of a release that classify it by ``model`` (for structures: the lead
    source, the supporting sources and the structures concerned)."""
    return [
        field.name
        for field in _release_model()._meta.get_fields()
        if field.related_model is model
        and not field.auto_created
        and (field.many_to_one or field.many_to_many)
    ]


def _uses(model: type[models.Model], value) -> Q:
    condition = Q()
    for name in release_fields(model):
        condition |= Q(**{name: value})
    return condition


def releases_using(model: type[models.Model], pks: Iterable[int]):
    """Every release (draft or public) classified by any of the terms ``pks``."""
    pks = list(pks)
    condition = Q()
    for name in release_fields(model):
        condition |= Q(**{f"{name}__in": pks})
    return _release_model().objects.filter(condition).distinct()


class _CountDistinct(Func):
    function = "COUNT"
    template = "%(function)s(DISTINCT %(expressions)s)"
    output_field = models.IntegerField()


def release_count(model: type[models.Model], *, published: bool = True) -> Coalesce:
    """An annotation: how many releases use each term, in the same query as the terms.

    A correlated subquery rather than joins: a structure is reached through three
    relations, and joining them all would multiply the rows being counted.
    """
    releases = classified_content().public() if published else _release_model().objects.all()
    counted = (
        releases.filter(_uses(model, OuterRef("pk")))
        .order_by()
        .annotate(n=_CountDistinct("pk"))
        .values("n")
    )
    return Coalesce(Subquery(counted, output_field=models.IntegerField()), 0)


def release_counts(model: type[models.Model], *, published: bool = True) -> dict[int, int]:
    """Term id -> how many releases use it, for every term of ``model`` at once: the
    (release, term) pairs of every relation united and counted in one grouped query.

    The per-term subquery of ``release_count`` reads the releases once per term, which
    takes a second for the structures of 100,000 releases; this takes a tenth of that.
    """
    releases = classified_content().public() if published else _release_model().objects.all()
    parts = [
        releases.filter(**{f"{name}__isnull": False}).order_by().values_list("pk", name)
        for name in release_fields(model)
    ]
    if not parts:
        return {}
    pairs = (parts[0].union(*parts[1:]) if len(parts) > 1 else parts[0].distinct()).order_by()
    sql, params = pairs.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH u(rid, tid) AS ({sql}) SELECT tid, COUNT(*) FROM u GROUP BY tid", params
        )
        return dict(cursor.fetchall())


def record_former_name(
    term: models.Model, *, name: str, slug: str = "", until_year: int | None = None
) -> FormerName:
    """Keep ``name`` (and ``slug``) answering for ``term``: classifying, finding, redirecting."""
    former, _created = FormerName.objects.update_or_create(
        content_type=ContentType.objects.get_for_model(term),
        object_id=term.pk,
        name=name,
        slug=slug or slugify(name),
        defaults={"until_year": until_year},
    )
    return former


def record_rename(
    term: models.Model,
    *,
    old_name: str,
    old_slug: str,
    keep_old_name: bool,
    until_year: int | None,
) -> FormerName | None:
    """After ``term`` was saved with a new name and/or slug, keep the old ones working.

    An old slug is always kept, so no published link ever breaks; the old name is kept as
    a former name when asked (the default), so releases filed under it still find the term.
    """
    # Former names are English names (as search documents and the classifier read them):
    # compare with the English name whichever language the editor reads the admin in.
    with translation.override(settings.LANGUAGE_CODE):
        name_changed = old_name != term.name
        slug_changed = old_slug != term.slug
        if not (name_changed or slug_changed):
            return None
        content_type = ContentType.objects.get_for_model(term)
        # The term is called this again: it is no longer a former name.
        FormerName.objects.filter(
            content_type=content_type, object_id=term.pk, name=term.name, slug=term.slug
        ).delete()
        if slug_changed:
            return record_former_name(term, name=old_name, slug=old_slug, until_year=until_year)
        if keep_old_name:
            return record_former_name(term, name=old_name, until_year=until_year)
        return None


def check_merge(sources: Sequence[models.Model], target: models.Model) -> None:
    """Raise MergeError when merging ``sources`` into ``target`` would make no sense."""
    for source in sources:
        if type(source) is not type(target):
            raise MergeError(_("Only terms of the same kind can be merged."))
        if source.pk == target.pk:
            raise MergeError(_("A term cannot be merged into itself."))
        if isinstance(source, TreeTerm) and target.pk in source.subtree_ids():
            raise MergeError(
                _(
                    "“%(target)s” is part of “%(source)s”: move it out first, "
                    "or merge the other way round."
                )
                % {"target": target, "source": source}
            )


@dataclass
class MergeResult:
    target: models.Model
    merged: list[str]
    releases_moved: int

    def message(self) -> str:
        return ngettext(
            "Merged %(names)s into “%(target)s”: %(count)d release moved.",
            "Merged %(names)s into “%(target)s”: %(count)d releases moved.",
            self.releases_moved,
        ) % {
            "names": ", ".join(f"“{name}”" for name in self.merged),
            "target": self.target,
            "count": self.releases_moved,
        }


def _unique_field_sets(model: type[models.Model]) -> list[tuple[str, ...]]:
    sets = [tuple(fields) for fields in model._meta.unique_together]
    sets += [tuple(c.fields) for c in model._meta.total_unique_constraints]
    return sets


def _repoint(relation, source: models.Model, target: models.Model) -> None:
    """Make every row pointing at ``source`` through ``relation`` point at ``target``.

    Where the row's table forbids duplicates (a release classified by both terms, an
    object tagged with both tags), the source's row is dropped instead of moved.
    """
    related = relation.related_model._base_manager
    name = relation.field.name
    for fields in _unique_field_sets(relation.related_model):
        if name not in fields:
            continue
        others = [f for f in fields if f != name]
        if not others:
            raise MergeError(
                _("“%(source)s” and “%(target)s” cannot both be kept by %(model)s.")
                % {
                    "source": source,
                    "target": target,
                    "model": relation.related_model._meta.verbose_name,
                }
            )
        duplicate = related.filter(**{name: target}, **{f: OuterRef(f) for f in others})
        related.filter(**{name: source}).filter(Exists(duplicate)).delete()
    related.filter(**{name: source}).update(**{name: target})


def _relations_to(model: type[models.Model]):
    """Every foreign key pointing at ``model``, including those of M2M through tables."""
    return [
        f
        for f in model._meta.get_fields(include_hidden=True)
        if f.auto_created and not f.concrete and (f.one_to_many or f.one_to_one)
    ]


def merge_terms(
    sources: Sequence[models.Model],
    target: models.Model,
    *,
    by=None,
    until_year: int | None = None,
) -> MergeResult:
    """Merge ``sources`` into ``target``, all or nothing.

    Every release classified by a source is classified by the target instead (every M2M
    and the lead source), children of a source move under the target, and each source's
    name and slug become former names of the target, so old links redirect and old names
    still classify.
    """
    sources = [s for s in sources if s.pk != target.pk]
    if not sources:
        raise MergeError(_("Choose at least one term other than the target."))
    check_merge(sources, target)
    model = type(target)
    until_year = until_year or timezone.localdate().year
    content_type = ContentType.objects.get_for_model(model)
    registered = reversion.is_registered(model)
    with transaction.atomic():
        releases_moved = releases_using(model, [s.pk for s in sources]).count()
        if registered:
            # Saved in the history while they still exist (a revision keeps only rows
            # that exist when it is saved), so a merged term can be recovered.
            with reversion.create_revision():
                if by is not None:
                    reversion.set_user(by)
                reversion.set_comment(_("Before merging into “%(target)s”.") % {"target": target})
                for source in sources:
                    reversion.add_to_revision(source)
        with reversion.create_revision():
            if by is not None:
                reversion.set_user(by)
            # The sources' English names become the target's former names.
            with translation.override(settings.LANGUAGE_CODE):
                _merge(sources, target, content_type, until_year)
            if registered:
                reversion.add_to_revision(target)
            reversion.set_comment(
                _("Merged %(names)s into this term.")
                % {"names": ", ".join(source.name for source in sources)}
            )
        # Releases are found by their terms' names: the target now answers to the sources'.
        terms_changed.send(sender=model, ids=[target.pk], names_changed=True)
    return MergeResult(
        target=target, merged=[s.name for s in sources], releases_moved=releases_moved
    )


def _merge(sources, target, content_type, until_year) -> None:
    model = type(target)
    for source in sources:
        for relation in _relations_to(model):
            _repoint(relation, source, target)
        # The source's own former names become the target's (each name and address once).
        rows = FormerName.objects.filter(content_type=content_type, object_id=source.pk)
        kept = FormerName.objects.filter(
            content_type=content_type,
            object_id=target.pk,
            name=OuterRef("name"),
            slug=OuterRef("slug"),
        )
        rows.filter(Exists(kept)).delete()
        rows.filter(name=target.name, slug=target.slug).delete()
        rows.update(object_id=target.pk)
        name, slug = source.name, source.slug
        source.delete()
        record_former_name(target, name=name, slug=slug, until_year=until_year)
