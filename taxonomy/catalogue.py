"""The reference data, read once per content generation.

A few hundred terms that every public page names (a release's countries, a listing's facet
labels) and that change only when an administrator edits them, which starts a new content
generation. Reading them once per generation turns per-page joins into dictionary lookups.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property

from core.generations import per_generation
from taxonomy.kinds import KINDS
from taxonomy.models import Structure, Term, TreeTerm


class TermCatalogue:
    def __init__(self) -> None:
        # Each model's terms by id, in the model's own order (the navigation's).
        self.by_id: dict[type[Term], dict[int, Term]] = {
            kind.model: {term.pk: term for term in kind.model.objects.all()} for kind in KINDS
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
    def _paths(self) -> dict[type[Term], dict[int, list[int]]]:
        """Each term's path from the root of its tree down to itself, as ids, in one
        recursive query per tree."""
        paths: dict[type[Term], dict[int, list[int]]] = {}
        for model, terms in self.by_id.items():
            # A tree without branches (fields of work, today) needs no recursive query.
            if issubclass(model, TreeTerm) and any(t.parent_id for t in terms.values()):
                paths[model] = {
                    term.pk: term.tree_path
                    for term in model.objects.with_tree_fields().only("pk", "parent")
                }
        return paths

    @cached_property
    def _subtrees(self) -> dict[type[Term], dict[int, list[int]]]:
        subtrees: dict[type[Term], dict[int, list[int]]] = {}
        for model, paths in self._paths.items():
            below: dict[int, list[int]] = {}
            for pk, path in paths.items():
                for above in path:
                    below.setdefault(above, []).append(pk)
            subtrees[model] = below
        return subtrees

    def ancestors(self, term: Term) -> list[Term]:
        """The terms above ``term``, from the root of its tree down."""
        model = type(term)
        path = self._paths.get(model, {}).get(term.pk, [term.pk])
        known = self.by_id[model]
        return [known[pk] for pk in path[:-1] if pk in known]

    def subtree(self, model: type[Term], term_id: int) -> list[int]:
        """The term and everything under it as ids (the Secretariat and its units;
        "Institutions" and ODIHR, HCNM, RFoM)."""
        return self._subtrees.get(model, {}).get(term_id, [term_id])

    def structure_subtree(self, structure_id: int) -> list[int]:
        return self.subtree(Structure, structure_id)

    def slug_names(self, model: type[Term]) -> dict[str, str]:
        """Slug -> name of every term of ``model``, in the model's order."""
        return {term.slug: term.name for term in self.by_id[model].values()}


@per_generation
def term_catalogue() -> TermCatalogue:
    """This process's catalogue of the current content generation."""
    return TermCatalogue()
