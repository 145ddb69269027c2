"""Finds the reference-data terms a text names: countries, fields of work, structures and
meeting series, including former names (the "Office in Tajikistan" is today's Programme
Office in Dushanbe) and ordinary variants of wording ("Czech Republic", "anti-trafficking").

The importer classifies legacy pages with it; the admin uses it to suggest terms.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils import translation

from core.generations import per_generation
from taxonomy.kinds import BY_KEY, KINDS
from taxonomy.models import FormerName, Structure

# Other ways the same term is written, keyed by the term's slug. Names and former names
# come from the database; only the wording that no table holds lives here: usual variants,
# capitals and other cities, adjectives, regions. Single words only where they cannot mean
# anything else in a release ("police" alone is not Policing: "police reform" is).
VARIANTS: dict[str, dict[str, list[str]]] = {
    "country": {
        "albania": ["Tirana", "Albanian Government", "Albanian authorities"],
        "armenia": ["Armenian", "Yerevan"],
        "azerbaijan": ["Azerbaijani", "Baku", "Nakhchivan"],
        "belarus": ["Belarusian", "Minsk", "Belarussian", "Byelorussia"],
        "bosnia-and-herzegovina": [
            "Bosnia-Herzegovina",
            "Bosnia",
            "Sarajevo",
            "Banja Luka",
            "Mostar",
            "Brcko",
            "Srebrenica",
            "Republika Srpska",
            "Bosnian",
        ],
        "bulgaria": ["Sofia", "Bulgarian"],
        "croatia": ["Zagreb", "Croatian", "Vukovar"],
        "czechia": ["Czech Republic"],
        "estonia": ["Tallinn", "Estonian"],
        "georgia": [
            "Georgian",
            "Tbilisi",
            "Abkhazia",
            "South Ossetia",
            "Tskhinvali",
            "Batumi",
            "Adjara",
            "Javakheti",
        ],
        "kazakhstan": ["Kazakh", "Astana", "Almaty", "Nur-Sultan", "Kazakhstani"],
        "kyrgyzstan": ["Kyrgyz Republic", "Kyrgyz", "Bishkek", "Osh", "Jalal-Abad", "Kyrgyzstani"],
        "latvia": ["Riga", "Latvian"],
        "lithuania": ["Vilnius", "Lithuanian"],
        "moldova": [
            "Republic of Moldova",
            "Moldovan",
            "Chisinau",
            "Transdniestria",
            "Transdniestrian",
            "Transnistria",
            "Tiraspol",
            "Gagauzia",
        ],
        "mongolia": ["Ulaanbaatar", "Mongolian"],
        "montenegro": ["Podgorica", "Montenegrin"],
        "north-macedonia": [
            "former Yugoslav Republic of Macedonia",
            "Macedonia",
            "Skopje",
            "Macedonian",
            "Tetovo",
            "Ohrid",
        ],
        "poland": ["Polish Government"],
        "romania": ["Bucharest", "Romanian"],
        "russian-federation": [
            "Russia",
            "Moscow",
            "Chechnya",
            "Chechen Republic",
            "North Caucasus",
            "Ingushetia",
            "Dagestan",
            "Russian authorities",
            "Russian Government",
        ],
        "serbia": ["Belgrade", "Serbian", "Novi Sad", "Presevo", "Bujanovac", "Sandzak"],
        "slovakia": ["Bratislava"],
        "slovenia": ["Ljubljana", "Slovenian"],
        "tajikistan": ["Tajik", "Dushanbe", "Khujand", "Kurgan-Tyube", "Gorno-Badakhshan"],
        "the-netherlands": ["Netherlands"],
        "turkiye": ["Turkey", "Ankara", "Turkish"],
        "turkmenistan": ["Turkmen", "Ashgabat", "Ashkhabad"],
        "ukraine": [
            "Ukrainian",
            "Kyiv",
            "Kiev",
            "Crimea",
            "Donbas",
            "Donbass",
            "Donetsk",
            "Luhansk",
            "Lugansk",
            "Kharkiv",
            "Odessa",
            "Odesa",
        ],
        "united-states-of-america": ["United States", "USA", "Washington, D.C."],
        "uzbekistan": ["Uzbek", "Tashkent", "Samarkand", "Uzbekistani"],
        "republic-of-korea": ["South Korea", "Korea", "Seoul"],
        "afghanistan": ["Afghan", "Kabul"],
    },
    "field": {
        "arms-control": [
            "small arms",
            "light weapons",
            "SALW",
            "confidence- and security-building",
            "confidence and security building measures",
            "Vienna Document",
            "ammunition",
            "stockpile",
            "stockpiles",
            "demining",
            "mine action",
            "landmines",
            "explosive remnants of war",
            "disarmament",
            "melange",
        ],
        "border-management": [
            "border security",
            "border guards",
            "border guard",
            "border police",
            "border officials",
            "border crossing",
            "border crossings",
            "border services",
            "customs officers",
        ],
        "combating-trafficking-in-human-beings": [
            "trafficking in human beings",
            "human trafficking",
            "anti-trafficking",
            "trafficking in persons",
            "victims of trafficking",
            "trafficked",
        ],
        "conflict-prevention-and-resolution": [
            "conflict prevention",
            "conflict resolution",
            "conflict settlement",
            "settlement process",
            "peace process",
            "mediation",
            "mediator",
            "mediators",
            "early warning",
            "ceasefire",
            "cease-fire",
            "Geneva International Discussions",
            "5+2",
        ],
        "countering-terrorism": [
            "terrorism",
            "terrorist",
            "terrorists",
            "counter-terrorism",
            "violent extremism",
            "radicalization that leads to terrorism",
            "suicide bomb",
            "suicide bomber",
            "suicide attack",
            "bomb attack",
            "bombing",
            "bombings",
            "hostage-taking",
        ],
        "cyberict-security": [
            "cyber security",
            "cybersecurity",
            "ICT security",
            "cyber",
            "cyber threats",
            "cybercrime",
        ],
        "democratization": [
            "democratisation",
            "democratic institutions",
            "democratic governance",
            "parliamentary support",
            "political parties",
            "municipal assembly",
            "municipal assemblies",
            "local self-government",
        ],
        "economic-activities": [
            "economic co-operation",
            "economic development",
            "economic activities",
            "trade facilitation",
            "business environment",
            "entrepreneurship",
        ],
        "education": [
            "training of teachers",
            "schools",
            "higher education",
            "university students",
            "pupils",
            "classrooms",
            "teachers",
        ],
        "elections": [
            "election observation",
            "election",
            "elections",
            "electoral",
            "polling stations",
            "voters",
            "voter",
            "ballot",
        ],
        "environmental-activities": [
            "environmental",
            "climate change",
            "Aarhus Centre",
            "Aarhus Centres",
            "Aarhus Convention",
            "water management",
            "hazardous waste",
            "natural resources",
            "renewable energy",
            "energy efficiency",
        ],
        "gender-equality": [
            "gender",
            "women",
            "women's rights",
            "women, peace and security",
            "violence against women",
            "domestic violence",
            "women's participation",
            "women entrepreneurs",
        ],
        "good-governance": [
            "anti-corruption",
            "corruption",
            "money laundering",
            "good governance",
            "transparency in public administration",
        ],
        "human-rights": [
            "human rights defenders",
            "fundamental freedoms",
            "torture",
            "ombudsman",
            "ombudsperson",
            "freedom of assembly",
            "freedom of religion or belief",
            "death penalty",
        ],
        "media-freedom-and-development": [
            "media freedom",
            "freedom of the media",
            "free media",
            "freedom of expression",
            "press freedom",
            "journalists",
            "journalist",
            "journalism",
            "media pluralism",
            "broadcasting",
            "broadcaster",
            "access to information",
        ],
        "migration": [
            "migrants",
            "migration management",
            "labour migration",
            "refugees",
            "internally displaced persons",
            "displaced persons",
        ],
        "national-minority-issues": [
            "national minorities",
            "national minority",
            "minority rights",
            "minority languages",
            "minority education",
            "inter-ethnic",
            "interethnic",
            "ethnic communities",
        ],
        "policing": [
            "policing",
            "police reform",
            "police training",
            "police development",
            "police officers",
            "police officials",
            "police academy",
            "police service",
            "police services",
            "community policing",
            "counter-narcotics",
            "drug trafficking",
            "illicit drugs",
            "organized crime",
            "organised crime",
            "criminal investigation",
        ],
        "reform-and-co-operation-in-the-security-sector": [
            "security sector reform",
            "security sector governance",
            "democratic control of armed forces",
            "security sector",
        ],
        "roma-and-sinti": ["Roma", "Sinti"],
        "rule-of-law": [
            "rule of law",
            "judiciary",
            "justice system",
            "judicial reform",
            "judicial",
            "judges",
            "courts",
            "court",
            "trial monitoring",
            "fair trial",
            "criminal justice",
            "war crimes",
            "legal reform",
            "legislative reform",
        ],
        "tolerance-and-non-discrimination": [
            "hate crime",
            "hate crimes",
            "non-discrimination",
            "anti-Semitism",
            "antisemitism",
            "intolerance",
            "xenophobia",
            "racism",
            "discrimination",
        ],
        "youth": ["young people", "youth", "young leaders", "young women", "young men"],
    },
    "structure": {
        "chairpersonship": [
            "Chairmanship",
            "Chairperson-in-Office",
            "Chairman-in-Office",
            "Chairmanship-in-Office",
            "Chair-in-Office",
            "OSCE Chair",
            "OSCE Chairman",
        ],
        "secretary-general": ["OSCE Secretary General", "Secretary-General"],
        "parliamentary-assembly": ["OSCE PA"],
        "high-commissioner-on-national-minorities": ["OSCE High Commissioner"],
        "office-of-the-special-representative-and-co-ordinator-for-combating-trafficking-in-"
        "human-beings": [
            "Special Representative and Co-ordinator for Combating Trafficking in Human Beings",
            "Special Representative for Combating Trafficking in Human Beings",
        ],
        "office-of-the-co-ordinator-of-osce-economic-and-environmental-activities": [
            "Co-ordinator of OSCE Economic and Environmental Activities",
            "Co-ordinator of Economic and Environmental Activities",
        ],
        "special-monitoring-mission-to-ukraine": ["SMM"],
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

# Places (capitals, other cities, regions) among the country variants above: weaker evidence
# than the country's name. A release names the city a training centre stands in without
# being about its country; the importer counts a place in the title, lead or dateline only.
PLACES = {
    "Tirana", "Yerevan", "Baku", "Minsk", "Sarajevo", "Mostar", "Brcko", "Srebrenica",
    "Sofia", "Zagreb", "Vukovar", "Tallinn", "Tbilisi", "Tskhinvali", "Batumi", "Astana",
    "Almaty", "Bishkek", "Osh", "Riga", "Vilnius", "Chisinau", "Tiraspol", "Ulaanbaatar",
    "Podgorica", "Skopje", "Tetovo", "Ohrid", "Bucharest", "Moscow", "Belgrade", "Presevo",
    "Bujanovac", "Bratislava", "Ljubljana", "Dushanbe", "Khujand", "Ankara", "Ashgabat",
    "Ashkhabad", "Kyiv", "Kiev", "Donetsk", "Luhansk", "Lugansk", "Kharkiv", "Odessa",
    "Odesa", "Tashkent", "Samarkand", "Seoul", "Kabul", "Banja Luka", "Jalal-Abad",
    "Nur-Sultan", "Novi Sad", "Kurgan-Tyube", "Washington, D.C.",
}  # fmt: skip

# Wording that contains a term's name or variant without meaning the term: it takes its span
# of the text for that kind, so nothing inside it counts ("judicial education" is not
# Education, "the economic and environmental dimension" not Economic activities, a
# "Permanent Council decision" is no meeting of the Council).
BLOCKED: dict[str, list[str]] = {
    "country": [
        "ethnic Albanian",
        "ethnic Albanians",
        "Kosovo Albanian",
        "Kosovo Albanians",
        "Albanian community",
        "Albanian language",
        "Serbian language",
        "Turkish community",
        "Turkish language",
        "Macedonian language",
        "Georgia Institute",
        "Georgia Tech",
    ],
    "field": [
        "judicial education",
        "economic and environmental",
        "economic and environmental dimension",
        "economic and environmental activities",
        "Economic and Environmental Forum",
        "Conflict Prevention Centre",
        "human dimension",
        "Border Management Staff College",
        "court of conciliation and arbitration",
    ],
    "meeting": [
        "Permanent Council decision",
        "Permanent Council decisions",
        "Ministerial Council decision",
        "Ministerial Council decisions",
        "Permanent Council Decision No",
        "Ministerial Council Decision No",
    ],
}
# "the Ministerial Council 2011 Decision": a year between the council and the decision.
BLOCKED_PATTERNS: dict[str, list[str]] = {
    # The Chairperson-in-Office's own country is who speaks, not what the release is about:
    # "the OSCE Chairperson-in-Office, Serbian Foreign Minister ...", "the Lithuanian
    # Chairmanship".
    "country": [
        r" (?:chairpersoninoffice|chairmaninoffice|chairinoffice) (?:\w+ ){0,6}?foreign minister ",
        r" \w+ foreign minister (?:\w+ ){1,4}?(?:the )?(?:osce )?"
        r"(?:chairpersoninoffice|chairmaninoffice) ",
        r" \w+ (?:osce )?(?:chairmanship|chairpersonship) ",
    ],
    "meeting": [r" (?:permanent|ministerial) council (?:\w+ ){0,2}decisions? "],
}

# The fields a body's releases are about whatever their wording: the Representative on
# Freedom of the Media writes on media freedom. Keyed by structure slug.
IMPLIED_FIELDS: dict[str, list[str]] = {
    "representative-on-freedom-of-the-media": ["media-freedom-and-development"],
    "high-commissioner-on-national-minorities": ["national-minority-issues"],
    "office-of-the-special-representative-and-co-ordinator-for-combating-trafficking-in-"
    "human-beings": ["combating-trafficking-in-human-beings"],
    "gender-issues-programme": ["gender-equality"],
    "opportunities-for-youth": ["youth"],
    "special-monitoring-mission-to-ukraine": ["conflict-prevention-and-resolution"],
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
    # term (kind, pk) -> where the texts first name it (texts counted one after the other):
    # the body a sentence is about is usually the one it names first.
    first_seen: dict[tuple[str, int], int] = field(default_factory=dict)
    # term (kind, pk) -> how many times the texts name it.
    mentions: Counter = field(default_factory=Counter)

    def ids(self, kind: str) -> set[int]:
        # The attributes are named as the release's link fields.
        return getattr(self, BY_KEY[kind].release_field)

    def first(self, kind: str) -> int | None:
        """The term of ``kind`` the texts name first, if any."""
        seen = [(at, pk) for (k, pk), at in self.first_seen.items() if k == kind]
        return min(seen)[1] if seen else None

    def _found(self, kind: str, pk: int, phrase: str, at: int) -> None:
        self.ids(kind).add(pk)
        self.evidence[kind, pk].add(phrase)
        key = (kind, pk)
        self.mentions[key] += 1
        if key not in self.first_seen or at < self.first_seen[key]:
            self.first_seen[key] = at


# A name of a body or a meeting is not a field of work: "Conflict Prevention Centre",
# "Office for Democratic Institutions and Human Rights", "Gender Issues Programme".
NAMES_HIDE_FIELDS = {"structure", "meeting"}
# A place inside a body's name says where the body is, not what the text is about ("the
# Observer Mission at the Russian Checkpoints Gukovo and Donetsk"): the importer takes the
# body's host country instead.
NAMES_HIDE_COUNTRIES = {"structure"}


class Classifier:
    """Build once (a few queries), then classify any number of texts without queries."""

    def __init__(
        self,
        phrases: dict[str, set[tuple[str, int | None]]],
        acronyms: dict[str, int],
        implied_fields: dict[int, set[int]] | None = None,
        hosts: dict[int, int] | None = None,
    ):
        # Longest first: a phrase inside a longer one of the same kind ("Secretary General"
        # in "Office of the Secretary General") does not count on its own. A term of None
        # is blocked wording: it takes its span and names nothing.
        self.phrases = dict(sorted(phrases.items(), key=lambda item: -len(item[0])))
        self.acronyms = acronyms
        self.implied_fields = implied_fields or {}
        self.places = {normalise(place).strip() for place in PLACES}
        # A field operation named stands for its host country too (structure -> country).
        self.hosts = hosts or {}
        self.weak = self.places | {
            phrase
            for phrase, terms in phrases.items()
            if any(kind == "structure" and pk in self.hosts for kind, pk in terms)
        }
        self._blocked_patterns = [
            (kind, re.compile(pattern))
            for kind, patterns in BLOCKED_PATTERNS.items()
            for pattern in patterns
        ]
        self._acronym_pattern = (
            re.compile(
                r"\b(" + "|".join(map(re.escape, sorted(acronyms, key=len, reverse=True))) + r")\b"
            )
            if acronyms
            else None
        )

    @classmethod
    def from_database(cls) -> Classifier:
        phrases: dict[str, set[tuple[str, int | None]]] = defaultdict(set)
        acronyms: dict[str, int] = {}
        slugs: dict[tuple[str, str], int] = {}

        def add(phrase: str, kind: str, pk: int | None) -> None:
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
        for kind, words in BLOCKED.items():
            for word in words:
                add(word, kind, None)
        implied = {
            slugs[("structure", slug)]: {
                slugs[("field", f)] for f in fields if ("field", f) in slugs
            }
            for slug, fields in IMPLIED_FIELDS.items()
            if ("structure", slug) in slugs
        }
        hosts = dict(
            Structure.objects.filter(host_country__isnull=False).values_list("pk", "host_country")
        )
        return cls(dict(phrases), acronyms, implied, hosts)

    def classify(self, *texts: str) -> Classification:
        result = Classification()
        offset = 0
        for text in texts:
            if text:
                normalised = normalise(text)
                self._classify_names(normalised, result, offset)
                self._classify_acronyms(text, result, offset)
                offset += len(normalised)
        return result

    def _classify_names(self, text: str, result: Classification, offset: int = 0) -> None:
        claimed: dict[str, list[tuple[int, int]]] = defaultdict(list)  # kind -> spans taken
        for kind, pattern in self._blocked_patterns:
            for match in pattern.finditer(text):
                claimed[kind].append(match.span())
        for phrase, terms in self.phrases.items():
            needle = f" {phrase} "
            start = text.find(needle)
            while start != -1:
                span = (start, start + len(needle))
                for kind, pk in terms:
                    inside_longer = any(s <= span[0] and span[1] <= e for s, e in claimed[kind])
                    if inside_longer:
                        continue
                    claimed[kind].append(span)
                    if pk is None:
                        continue
                    result._found(kind, pk, phrase, offset + start)
                    if kind == "structure" and pk in self.hosts:
                        result._found("country", self.hosts[pk], phrase, offset + start)
                    if kind in NAMES_HIDE_FIELDS:
                        claimed["field"].append(span)
                    if kind in NAMES_HIDE_COUNTRIES:
                        claimed["country"].append(span)
                start = text.find(needle, start + 1)

    def _classify_acronyms(self, text: str, result: Classification, offset: int = 0) -> None:
        if self._acronym_pattern is None:
            return
        for match in self._acronym_pattern.finditer(text):
            pk = self.acronyms[match.group(1)]
            # Where the acronym stands in the folded text, to compare with the names.
            at = len(normalise(text[: match.start()])) - 1 if match.start() else 0
            result._found("structure", pk, match.group(1), offset + at)

    def named_outright(self, found: Classification, kind: str) -> set[int]:
        """The terms of ``kind`` named by a name, not only by a place or a body there."""
        return {
            pk
            for pk in found.ids(kind)
            if any(phrase not in self.weak for phrase in found.evidence[kind, pk])
        }

    def fields_implied_by(self, structure_id: int | None) -> set[int]:
        """The fields of work a body's releases are about by its remit."""
        return set(self.implied_fields.get(structure_id, ()))


@per_generation
def current_classifier() -> Classifier:
    """The classifier of the current content generation (names change with the taxonomy).
    Built from the English names whichever reader's request builds it first: one shared by
    every language must not hold only the first reader's."""
    with translation.override(settings.LANGUAGE_CODE):
        return Classifier.from_database()
