"""The reference data, read once per content generation.

A few hundred terms that every public page names (a release's countries, a listing's facet
labels) and that change only when an administrator edits them, which starts a new content
generation. Reading them once per generation turns per-page joins into dictionary lookups.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property

from core.generations import per_generation
from taxonomy.models import Country, FieldOfWork, MeetingSeries, Structure, Term

TERM_MODELS: tuple[type[Term], ...] = (Country, FieldOfWork, Structure, MeetingSeries)


class TermCatalogue:
    def __init__(self) -> None:
        # Each model's terms by id, in the model's own order (the navigation's).
        self.by_id: dict[type[Term], dict[int, Term]] = {
            model: {term.pk: term for term in model.objects.all()} for model in TERM_MODELS
        }
        self._rank = {
            model: {pk: rank for rank, pk in enumerate(terms)}
            for model, terms in self.by_id.items()
        }

    def terms(self, model: type[Term], ids: Iterable[int]) -> list[Term]:
        """The terms with these ids in the model's order; ids unknown here (a term created
        since the catalogue was read) are read from the database."""
        known = self.by_id[model]
        ids = set(ids)
        found = [known[pk] for pk in ids if pk in known]
        missing = ids - known.keys()
        if missing:
            found += model.objects.filter(pk__in=missing)
        rank = self._rank[model]
        return sorted(found, key=lambda term: (rank.get(term.pk, len(rank)), term.name))

    @cached_property
    def _structure_children(self) -> dict[int | None, list[int]]:
        children: dict[int | None, list[int]] = {}
        for structure in self.by_id[Structure].values():
            children.setdefault(structure.parent_id, []).append(structure.pk)
        return children

    def structure_subtree(self, structure_id: int) -> list[int]:
        """The structure and everything under it (the Secretariat and its units;
        "Institutions" and ODIHR, HCNM, RFoM), as ids."""
        children = self._structure_children
        found, todo = [], [structure_id]
        while todo:
            pk = todo.pop()
            if pk not in found:  # a cycle never loops
                found.append(pk)
                todo.extend(children.get(pk, []))
        return found

    def slug_names(self, model: type[Term]) -> dict[str, str]:
        """Slug -> name of every term of ``model``, in the model's order."""
        return {term.slug: term.name for term in self.by_id[model].values()}


@per_generation
def term_catalogue() -> TermCatalogue:
    """This process's catalogue of the current content generation."""
    return TermCatalogue()
