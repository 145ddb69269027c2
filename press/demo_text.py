"""The prose of demo releases, shaped like the organisation's real ones.

A real release (the seed page, the legacy archive) has a lead of one or two sentences and a
body of five to nine long paragraphs, 400–900 words: a quotation or two from an official,
now and then a subheading and a bulleted list. Benchmarks and the demo site render this text,
so its length and markup decide how honest their numbers are; two short paragraphs flattered
every template and search measurement.

Sentences are assembled from parts so that one body rarely repeats itself, and the same
random generator gives the same text.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from html import escape

MIN_PARAGRAPHS, MAX_PARAGRAPHS = 5, 9
MIN_WORDS, MAX_WORDS = 400, 900

SUBJECTS = [
    "Representatives of state institutions, civil society and academia from {country}",
    "Some forty officials, judges and prosecutors",
    "Participants from across the region",
    "The experts who led the sessions",
    "Members of parliament and their advisers",
    "Local authorities in {city}",
    "The {source}",
    "Young professionals and students",
    "Women leaders from {country}",
    "Police officers and border guards",
]
VERBS = [
    "discussed",
    "reviewed",
    "examined in detail",
    "agreed on the next steps for",
    "shared their experience of",
    "presented recommendations on",
    "took stock of recent progress in",
    "identified the main obstacles to",
]
OBJECTS = [
    "the practical implementation of OSCE commitments on {field}",
    "the national action plan on {field} adopted last year",
    "co-operation between state bodies and civil society on {field}",
    "the draft legislation on {field} now before parliament",
    "international good practice on {field}",
    "the findings of a recent assessment of {field} in {country}",
    "more inclusive and transparent policies on {field}",
    "the role of independent oversight in {field}",
]
TAILS = [
    "",
    " during the two-day workshop",
    " at the meeting in {city}",
    ", drawing on examples from other participating States",
    " in a series of practical exercises",
    ", with a particular focus on the rights of vulnerable groups",
    " over the course of the three sessions",
]
BACKGROUND = [
    "The {source} has supported {country} in this area since {since}, offering expert advice, "
    "training and equipment to the institutions concerned.",
    "The activity is part of an extra-budgetary project funded by several OSCE participating "
    "States and implemented in close co-operation with the host authorities.",
    "Since the project began, more than {number} professionals have taken part in similar "
    "courses organized throughout the country.",
    "Further workshops are planned for the coming months, including a regional conference "
    "that will bring together practitioners from neighbouring countries.",
    "The event builds on the recommendations of an assessment conducted by international "
    "and national experts earlier this year.",
    "A handbook summarizing the lessons learned will be published in the local languages and "
    "distributed to all participating institutions.",
    "The OSCE's comprehensive approach to security links the politico-military, economic and "
    "environmental, and human dimensions, and this project touches on all three.",
    "Officials from {country} presented the results of the reforms adopted since {since} and "
    "outlined the priorities for the year ahead.",
]
QUOTES = [
    "Sustained co-operation on {field} is central to security and stability in the region, and "
    "{country} has shown real commitment to it",
    "Today's discussion showed how much can be achieved when state institutions and civil "
    "society work together towards the same goal",
    "We will continue to support our partners in {country} with expertise and practical "
    "assistance for as long as they ask for it",
    "The commitments we have all made on {field} only matter if they change people's lives, "
    "and that is the test we should apply to our work",
    "I am encouraged by the progress made, but much remains to be done, in particular at the "
    "local level",
]
SPEAKERS = [
    "the Head of the {source}",
    "the Deputy Head of the {source}",
    "the Minister of Justice of {country}",
    "a senior official of the {source}",
    "the Chairperson of the parliamentary committee",
]
SUBHEADINGS = ["Background", "Next steps", "Key recommendations", "About the project"]
LIST_INTROS = [
    "The participants' recommendations include:",
    "The programme of the event covered:",
    "Among the results presented were:",
]
LIST_ITEMS = [
    "a clear legal framework for {field}, in line with international standards",
    "regular training for the officials responsible",
    "better co-ordination between national and local authorities",
    "a stronger role for civil society in monitoring implementation",
    "data collected and published in a transparent way",
    "adequate resources for the institutions concerned",
    "attention to the specific needs of women and minorities",
]


@dataclass(frozen=True)
class DemoText:
    lead: str
    body: str
    words: int


def compose(rng: random.Random, words: dict[str, str]) -> DemoText:
    """A lead and a body of 5–9 paragraphs and 400–900 words about ``words``' subject.

    ``words`` names the source, country and field, and may name the city.
    """
    slots = {
        **words,
        "city": words.get("city", "Vienna").title(),
        "since": str(rng.randint(2001, 2015)),
        "number": str(rng.randint(3, 40) * 50),
    }
    lead = _sentence(rng, slots)
    if rng.random() < 0.5:
        lead += " " + rng.choice(BACKGROUND).format(**slots)
    # The last paragraph may overshoot the target by a hundred words or so.
    target = rng.randint(MIN_WORDS, MAX_WORDS - 150)
    blocks: list[str] = []
    count = paragraphs = 0
    quote_at = rng.randint(0, 2)
    subheading_at = rng.randint(3, 6) if rng.random() < 0.4 else -1
    list_at = rng.randint(2, 5) if rng.random() < 0.25 else -1
    while paragraphs < MIN_PARAGRAPHS or (count < target and paragraphs < MAX_PARAGRAPHS):
        if paragraphs == subheading_at:
            blocks.append(f"<h2>{rng.choice(SUBHEADINGS)}</h2>")
        if paragraphs == quote_at or (paragraphs > quote_at + 2 and rng.random() < 0.2):
            text = _quotation(rng, slots)
        else:
            text = " ".join(_paragraph_sentences(rng, slots, rng.randint(3, 5)))
        blocks.append(f"<p>{escape(text, quote=False)}</p>")
        count += len(text.split())
        paragraphs += 1
        if paragraphs == list_at:
            items = rng.sample(LIST_ITEMS, k=rng.randint(3, 5))
            blocks.append(f"<p>{rng.choice(LIST_INTROS)}</p>")
            blocks.append(
                "<ul>" + "".join(f"<li>{item.format(**slots)}</li>" for item in items) + "</ul>"
            )
            count += sum(len(item.split()) for item in items)
    return DemoText(lead=lead, body="".join(blocks), words=count)


def _sentence(rng: random.Random, slots: dict[str, str]) -> str:
    parts = (rng.choice(SUBJECTS), rng.choice(VERBS), rng.choice(OBJECTS), rng.choice(TAILS))
    return "{} {} {}{}.".format(*parts).format(**slots)


def _paragraph_sentences(rng: random.Random, slots: dict[str, str], n: int) -> list[str]:
    sentences = [_sentence(rng, slots) for _ in range(n - 1)]
    sentences.insert(rng.randint(0, n - 1), rng.choice(BACKGROUND).format(**slots))
    return sentences


def _quotation(rng: random.Random, slots: dict[str, str]) -> str:
    first, second = rng.sample(QUOTES, k=2)
    speaker = rng.choice(SPEAKERS).format(**slots)
    return f"“{first.format(**slots)},” said {speaker}. “{second.format(**slots)}.” " + rng.choice(
        BACKGROUND
    ).format(**slots)
