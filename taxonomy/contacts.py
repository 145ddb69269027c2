"""The media contacts the public sees, read once per content generation.

Every release page shows whom to call; reading the active contacts once per generation (a
contact's change starts a new one) makes that a dictionary lookup instead of a query per
page, and the media contacts page one list in the structure tree's order.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cached_property

from core.generations import per_generation
from taxonomy.catalogue import term_catalogue
from taxonomy.models import MediaContact, Structure


class ContactDirectory:
    def __init__(self) -> None:
        contacts = list(MediaContact.objects.active().select_related("structure"))
        self.by_id: dict[int, MediaContact] = {contact.pk: contact for contact in contacts}
        self.by_structure: dict[int, list[MediaContact]] = {}
        for contact in contacts:
            self.by_structure.setdefault(contact.structure_id, []).append(contact)

    def of_structure(self, structure_id: int | None) -> list[MediaContact]:
        return list(self.by_structure.get(structure_id, ()))

    def chosen(self, ids: Iterable[int]) -> list[MediaContact]:
        """The active contacts among ``ids``, in the directory's order."""
        wanted = set(ids)
        return [contact for pk, contact in self.by_id.items() if pk in wanted]

    def nearest(self, structure_id: int | None) -> list[MediaContact]:
        """The contacts of the structure, else of the nearest structure above it that has
        some: a Secretariat unit without a press desk of its own has the Secretariat's."""
        if structure_id is None or not self.by_structure:
            return []
        catalogue = term_catalogue()
        structure = catalogue.by_id[Structure].get(structure_id)
        above = [s.pk for s in catalogue.ancestors(structure)] if structure else []
        for candidate in (structure_id, *reversed(above)):
            if candidate in self.by_structure:
                return self.of_structure(candidate)
        return []

    def for_release(self, lead_source_id: int | None, chosen_ids: Iterable[int]) -> list:
        """Whom a release names: the contacts chosen for it, else its lead source's (or
        those of the nearest structure above it). Chosen contacts that are no longer
        active give way to the lead source's."""
        return self.chosen(chosen_ids) or self.nearest(lead_source_id)

    @cached_property
    def grouped(self) -> list[tuple[Structure, list[MediaContact]]]:
        """Every structure with active contacts, in the structure tree's order (depth
        first, siblings as the navigation orders them), each with its contacts."""
        if not self.by_structure:
            return []
        tree = (
            Structure.objects.with_tree_fields()
            .order_siblings_by("position", "name")
            .filter(pk__in=self.by_structure)
        )
        return [(structure, self.by_structure[structure.pk]) for structure in tree]


@per_generation
def contact_directory() -> ContactDirectory:
    """This process's directory of the current content generation."""
    return ContactDirectory()
