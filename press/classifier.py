"""Finds the reference-data terms a text names: countries, fields of work, structures and
meeting series, including former names (the "Office in Tajikistan" is today's Programme
Office in Dushanbe) and ordinary variants of wording ("Czech Republic", "anti-trafficking").

The importer classifies legacy pages with it; the admin uses it to suggest terms.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType

from core.generations import per_generation
from taxonomy.kinds import BY_KEY, KINDS
from taxonomy.models import FormerName, Structure

# Other ways the same term is written, keyed by the term's slug. Names and former names
# come from the database; only the wording that no table holds lives here.
VARIANTS: dict[str, dict[str, list[str]]] = {
    "country": {
        "czechia": ["Czech Republic"],
        "turkiye": ["Turkey"],
        "the-netherlands": ["Netherlands"],
        "north-macedonia": ["former Yugoslav Republic of Macedonia"],
        "moldova": ["Republic of Moldova"],
        "russian-federation": ["Russia"],
        "united-states-of-america": ["United States"],
        "republic-of-korea": ["South Korea", "Korea"],
        "kyrgyzstan": ["Kyrgyz Republic"],
        "bosnia-and-herzegovina": ["Bosnia-Herzegovina"],
        "afghanistan": ["Afghan"],
        "tajikistan": ["Tajik"],
        "uzbekistan": ["Uzbek"],
        "turkmenistan": ["Turkmen"],
        "kazakhstan": ["Kazakh"],
        "ukraine": ["Ukrainian"],
        "georgia": ["Georgian"],
        "armenia": ["Armenian"],
        "azerbaijan": ["Azerbaijani"],
    },
    "field": {
        "arms-control": ["small arms", "light weapons", "confidence- and security-building"],
        "border-management": ["border security", "border guards", "border police"],
        "combating-trafficking-in-human-beings": [
            "trafficking in human beings",
            "human trafficking",
            "anti-trafficking",
            "trafficking in persons",
        ],
        "conflict-prevention-and-resolution": [
            "conflict prevention",
            "conflict resolution",
            "mediation",
        ],
        "countering-terrorism": ["terrorism", "counter-terrorism", "violent extremism"],
        "cyberict-security": ["cyber security", "cybersecurity", "ICT security"],
        "democratization": ["democratisation", "democratic institutions"],
        "economic-activities": ["economic co-operation", "economic and environmental"],
        "education": ["training of teachers", "schools"],
        "elections": ["election observation", "election", "electoral"],
        "environmental-activities": ["environmental", "climate change"],
        "gender-equality": ["gender", "women's rights", "women, peace and security"],
        "good-governance": ["anti-corruption", "corruption", "money laundering"],
        "human-rights": ["human rights defenders", "fundamental freedoms"],
        "media-freedom-and-development": ["media freedom", "freedom of the media", "journalists"],
        "migration": ["migrants", "migration management"],
        "national-minority-issues": ["national minorities", "minority rights"],
        "policing": ["police", "counter-narcotics", "drug trafficking"],
        "reform-and-co-operation-in-the-security-sector": [
            "security sector reform",
            "security sector governance",
        ],
        "roma-and-sinti": ["Roma"],
        "rule-of-law": ["judiciary", "justice system", "judicial reform"],
        "tolerance-and-non-discrimination": [
            "hate crime",
            "non-discrimination",
            "anti-Semitism",
            "intolerance",
        ],
        "youth": ["young people"],
    },
    "structure": {
        "chairpersonship": ["Chairmanship", "Chairperson-in-Office", "Chairman-in-Office"],
        "secretary-general": ["OSCE Secretary General"],
        "parliamentary-assembly": ["OSCE PA"],
    },
    "meeting": {
        "ministerial-council-meetings": ["Ministerial Council"],
        "plenary-meetings-of-the-permanent-council": ["Permanent Council"],
        "plenary-meetings-of-the-forum-for-security-co-operation": [
            "Forum for Security Co-operation"
        ],
        "summit-meetings": ["OSCE Summit"],
        "economic-and-environmental-forum": ["Economic and Environmental Forum"],
        "annual-implementation-assessment-meetings": ["Annual Implementation Assessment Meeting"],
        "human-rights-meetings": [
            "Human Dimension Implementation Meeting",
            "Warsaw Human Dimension Conference",
        ],
    },
}

# Kinds of structure that are headings in the tree, not bodies a text would name.
UNNAMED_STRUCTURE_KINDS = {Structure.Kind.GROUP}


def normalise(text: str) -> str:
    """Case, accents, hyphens, quotes and punctuation folded, so wording variants meet."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = re.sub(r"[’'`´]s\b", "", text)  # possessives: "Tajikistan’s" -> "tajikistan"
    text = re.sub(r"(?<=\w)-(?=\w)", "", text)  # "co-operation" == "cooperation"
    text = re.sub(r"[^\w]+", " ", text)
    return f" {text.strip()} "


@dataclass
class Classification:
    countries: set[int] = field(default_factory=set)
    fields_of_work: set[int] = field(default_factory=set)
    structures: set[int] = field(default_factory=set)
    meeting_series: set[int] = field(default_factory=set)
    # term (kind, pk) -> the phrases in the text that named it, to explain a suggestion.
    evidence: dict[tuple[str, int], set[str]] = field(default_factory=lambda: defaultdict(set))

    def ids(self, kind: str) -> set[int]:
        # The attributes are named as the release's link fields.
        return getattr(self, BY_KEY[kind].release_field)


class Classifier:
    """Build once (a few queries), then classify any number of texts without queries."""

    def __init__(self, phrases: dict[str, set[tuple[str, int]]], acronyms: dict[str, int]):
        # Longest first: a phrase inside a longer one of the same kind ("Secretary General"
        # in "Office of the Secretary General") does not count on its own.
        self.phrases = dict(sorted(phrases.items(), key=lambda item: -len(item[0])))
        self.acronyms = acronyms
        self._acronym_pattern = (
            re.compile(
                r"\b(" + "|".join(map(re.escape, sorted(acronyms, key=len, reverse=True))) + r")\b"
            )
            if acronyms
            else None
        )

    @classmethod
    def from_database(cls) -> Classifier:
        phrases: dict[str, set[tuple[str, int]]] = defaultdict(set)
        acronyms: dict[str, int] = {}
        slugs: dict[tuple[str, str], int] = {}

        def add(phrase: str, kind: str, pk: int) -> None:
            key = normalise(phrase).strip()
            if len(key) >= 3:
                phrases[key].add((kind, pk))

        for term_kind in KINDS:
            kind, model = term_kind.key, term_kind.model
            terms = model.objects.all()
            if model is Structure:
                terms = terms.exclude(kind__in=UNNAMED_STRUCTURE_KINDS)
            for term in terms:
                add(term.name, kind, term.pk)
                slugs[kind, term.slug] = term.pk
                if getattr(term, "acronym", "") and len(term.acronym) >= 3:
                    acronyms[term.acronym] = term.pk
            content_type = ContentType.objects.get_for_model(model)
            for former in FormerName.objects.filter(content_type=content_type):
                add(former.name, kind, former.object_id)
        for kind, variants in VARIANTS.items():
            for slug, words in variants.items():
                pk = slugs.get((kind, slug))
                if pk is not None:
                    for word in words:
                        add(word, kind, pk)
        return cls(dict(phrases), acronyms)

    def classify(self, *texts: str) -> Classification:
        result = Classification()
        for text in texts:
            if text:
                self._classify_names(normalise(text), result)
                self._classify_acronyms(text, result)
        return result

    def _classify_names(self, text: str, result: Classification) -> None:
        claimed: dict[str, list[tuple[int, int]]] = defaultdict(list)  # kind -> spans taken
        for phrase, terms in self.phrases.items():
            needle = f" {phrase} "
            start = text.find(needle)
            while start != -1:
                span = (start, start + len(needle))
                for kind, pk in terms:
                    inside_longer = any(s <= span[0] and span[1] <= e for s, e in claimed[kind])
                    if not inside_longer:
                        result.ids(kind).add(pk)
                        result.evidence[kind, pk].add(phrase)
                        claimed[kind].append(span)
                start = text.find(needle, start + 1)

    def _classify_acronyms(self, text: str, result: Classification) -> None:
        if self._acronym_pattern is None:
            return
        for match in self._acronym_pattern.finditer(text):
            pk = self.acronyms[match.group(1)]
            result.structures.add(pk)
            result.evidence["structure", pk].add(match.group(1))


@per_generation
def current_classifier() -> Classifier:
    """The classifier of the current content generation (names change with the taxonomy)."""
    return Classifier.from_database()
