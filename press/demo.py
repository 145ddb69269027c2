"""Deterministic demo content: realistic releases over 2000–2026 using all reference data.

Skewed like a real newsroom: a few countries, fields and bodies issue or concern most
releases; the prose is shaped like real releases (see ``demo_text``). The same seed gives the
same releases. Writes in bulk: 10,000 releases load into PostgreSQL in about 20 seconds.
"""

from __future__ import annotations

import datetime
import io
import random
import zoneinfo
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag, TaggedItem

from core.signals import release_changed
from press import demo_text
from press.models import (
    ChangeNote,
    JournalistAccessRequest,
    PressRelease,
    ReleaseType,
    Status,
)
from press.search import refresh_search_vectors
from taxonomy.models import Country, FieldOfWork, MediaContact, MeetingSeries, Structure

DEMO_KEY_PREFIX = "demo:"

# Press desks and spokespersons of a few structures (the people are invented): structure
# slug, name, role, languages, phone, email.
DEMO_CONTACTS = [
    (
        "secretariat",
        "Press and Public Information Section",
        "",
        "en, de, ru",
        "+43 1 514 36 6000",
        "press@osce.org",
    ),
    (
        "secretariat",
        "Anna Berger",
        "Spokesperson",
        "en, de, fr",
        "+43 676 71 74 592",
        "anna.berger@example.org",
    ),
    (
        "office-for-democratic-institutions-and-human-rights",
        "ODIHR Press Office",
        "",
        "en, pl, ru",
        "+48 22 520 06 00",
        "office@odihr.example.org",
    ),
    (
        "office-for-democratic-institutions-and-human-rights",
        "Katya Andrusz",
        "Spokesperson",
        "en, ru, uk",
        "+48 609 522 266",
        "katya.andrusz@example.org",
    ),
    (
        "high-commissioner-on-national-minorities",
        "HCNM Media Desk",
        "",
        "en, nl, ru",
        "+31 70 312 55 00",
        "hcnm@example.org",
    ),
    (
        "representative-on-freedom-of-the-media",
        "RFoM Press Office",
        "",
        "en, de, fr",
        "+43 1 514 36 6800",
        "pm-fom@example.org",
    ),
    (
        "programme-office-in-dushanbe",
        "Nigora Rahimova",
        "National Press Officer",
        "tg, ru, en",
        "+992 44 600 5870",
        "press-pod@example.org",
    ),
    (
        "mission-to-serbia",
        "Press and Public Affairs Unit",
        "",
        "sr, en",
        "+381 11 3606 100",
        "press.omis@example.org",
    ),
    (
        "mission-to-bosnia-and-herzegovina",
        "Mirna Hadžić",
        "Spokesperson",
        "bs, hr, sr, en",
        "+387 33 952 100",
        "mirna.hadzic@example.org",
    ),
    (
        "parliamentary-assembly",
        "Press Office",
        "Communications Director",
        "en, da, fr",
        "+45 33 37 80 40",
        "press@oscepa.example.org",
    ),
]


def seed_contacts() -> int:
    """The demo media contacts, once: an existing contact of the same name is kept."""
    structures = Structure.objects.in_bulk({row[0] for row in DEMO_CONTACTS}, field_name="slug")
    made = 0
    for position, (slug, name, role, languages, phone, email) in enumerate(DEMO_CONTACTS):
        if slug not in structures:
            continue
        _contact, created = MediaContact.objects.get_or_create(
            structure=structures[slug],
            name=name,
            defaults={
                "role": role,
                "languages": languages,
                "phone": phone,
                "email": email,
                "position": position,
            },
        )
        made += created
    return made


FIRST_YEAR = 2000

# Most-reported first; the rest follow in table order with a long tail.
FREQUENT_COUNTRIES = [
    "ukraine",
    "serbia",
    "bosnia-and-herzegovina",
    "kyrgyzstan",
    "tajikistan",
    "moldova",
    "kazakhstan",
    "albania",
    "uzbekistan",
    "georgia",
    "armenia",
    "montenegro",
    "north-macedonia",
    "turkmenistan",
    "azerbaijan",
    "austria",
    "afghanistan",
]
FREQUENT_FIELDS = [
    "human-rights",
    "elections",
    "border-management",
    "democratization",
    "gender-equality",
    "policing",
    "media-freedom-and-development",
    "countering-terrorism",
    "combating-trafficking-in-human-beings",
    "rule-of-law",
]
TAGS = [
    "capacity building",
    "civil society",
    "training",
    "conference",
    "youth",
    "women",
    "journalists",
    "elections observation",
    "water",
    "energy security",
    "cybercrime",
    "hate crime",
    "border guards",
    "police reform",
    "anti-corruption",
    "environment",
    "migration",
    "media",
    "minorities",
    "mediation",
    "small arms",
    "explosive hazards",
    "drugs",
    "customs",
    "human rights defenders",
    "judiciary",
    "parliament",
    "schools",
]
TYPE_WEIGHTS = {
    ReleaseType.PRESS_RELEASE: 60,
    ReleaseType.NEWS_ITEM: 25,
    ReleaseType.STATEMENT: 8,
    ReleaseType.SPEECH: 3,
    ReleaseType.FEATURE: 3,
    ReleaseType.MEDIA_ADVISORY: 1,
}
CITIES = {
    "ukraine": "KYIV",
    "serbia": "BELGRADE",
    "bosnia-and-herzegovina": "SARAJEVO",
    "kyrgyzstan": "BISHKEK",
    "tajikistan": "DUSHANBE",
    "moldova": "CHISINAU",
    "kazakhstan": "ASTANA",
    "albania": "TIRANA",
    "uzbekistan": "TASHKENT",
    "georgia": "TBILISI",
    "armenia": "YEREVAN",
    "montenegro": "PODGORICA",
    "north-macedonia": "SKOPJE",
    "turkmenistan": "ASHGABAT",
    "azerbaijan": "BAKU",
    "austria": "VIENNA",
    "poland": "WARSAW",
    "the-netherlands": "THE HAGUE",
}
TITLES = [
    "{source} supports {field} in {country}",
    "{source} and {country} discuss {field}",
    "{country} hosts OSCE event on {field}",
    "OSCE trains officials from {country} on {field}",
    "{source} welcomes progress on {field} in {country}",
    "Experts from {country} share good practices on {field} at OSCE meeting",
    "{source} concerned about {field} in {country}",
    "New OSCE project on {field} launched in {country}",
]


@dataclass
class Pools:
    countries: list[Country]
    country_weights: list[float]
    fields: list[FieldOfWork]
    field_weights: list[float]
    structures: list[Structure]
    meetings: list[MeetingSeries]
    former_names: dict[int, list[tuple[str, int]]]


def zipf_weights(items, frequent_slugs, exponent=1.1) -> list[float]:
    ranking = {slug: i for i, slug in enumerate(frequent_slugs)}
    tail = len(frequent_slugs)
    ranked = sorted(items, key=lambda t: ranking.get(t.slug, tail + t.position))
    position = {t.pk: i for i, t in enumerate(ranked, 1)}
    return [1 / position[t.pk] ** exponent for t in items]


def load_pools() -> Pools:
    countries = list(Country.objects.all())
    fields = list(FieldOfWork.objects.all())
    structures = list(
        Structure.objects.exclude(kind=Structure.Kind.GROUP).select_related("host_country")
    )
    former = {}
    for s in Structure.objects.prefetch_related("former_names"):
        names = sorted((f.name, f.until_year or 0) for f in s.former_names.all())
        if names:
            former[s.pk] = sorted(names, key=lambda item: item[1])
    return Pools(
        countries=countries,
        country_weights=zipf_weights(countries, FREQUENT_COUNTRIES),
        fields=fields,
        field_weights=zipf_weights(fields, FREQUENT_FIELDS),
        structures=structures,
        meetings=list(MeetingSeries.objects.all()),
        former_names=former,
    )


def name_in(structure: Structure, year: int, pools: Pools) -> str:
    """What the structure was called in a given year (releases use the name of their time)."""
    for name, until in pools.former_names.get(structure.pk, []):
        if year < until:
            return name
    return structure.name


def sources_for_year(pools: Pools, year: int) -> tuple[list[Structure], list[float]]:
    live = [s for s in pools.structures if (s.opened_year or 0) <= year <= (s.closed_year or 9999)]
    weights = []
    for s in live:
        if s.kind == Structure.Kind.FIELD_OPERATION:
            weights.append(6.0)
        elif s.acronym in {"ODIHR", "SG", "HCNM", "RFoM"} or s.kind == "chairpersonship":
            weights.append(8.0)
        else:
            weights.append(1.0)
    return live, weights


def pick_status(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.03:
        return Status.DRAFT
    if roll < 0.05:
        return Status.IN_REVIEW
    if roll < 0.07:
        return "scheduled"
    if roll < 0.09:
        return Status.WITHDRAWN
    return Status.PUBLISHED


def generate(
    count: int,
    seed: int = 1,
    batch_size: int = 2000,
    progress: Callable[[int, int], None] | None = None,
) -> int:
    rng = random.Random(seed)
    pools = load_pools()
    now = timezone.now()
    start = timezone.make_aware(datetime.datetime(FIRST_YEAR, 1, 1, 8, 0))
    span = (now - start).total_seconds()
    taken_slugs = set(PressRelease.objects.values_list("slug", flat=True))
    tags = [
        Tag.objects.get_or_create(name=name, defaults={"slug": slugify(name)})[0] for name in TAGS
    ]
    release_type = ContentType.objects.get_for_model(PressRelease)
    through = {
        name: getattr(PressRelease, name).through
        for name in (
            "countries",
            "fields_of_work",
            "structures",
            "meeting_series",
            "supporting_sources",
        )
    }
    types, type_weights = list(TYPE_WEIGHTS), list(TYPE_WEIGHTS.values())
    made = 0
    for batch_start in range(0, count, batch_size):
        size = min(batch_size, count - batch_start)
        releases, links = [], []
        for i in range(batch_start, batch_start + size):
            # Spread over the years, oldest first, so ids grow with dates as in real life.
            moment = start + datetime.timedelta(seconds=span * (i + rng.random()) / count)
            status = pick_status(rng)
            if status == "scheduled":
                moment = now + datetime.timedelta(days=rng.randint(1, 60), hours=rng.randint(0, 9))
                status = Status.PUBLISHED
            year = moment.year if moment <= now else now.year
            sources, source_weights = sources_for_year(pools, year)
            source = rng.choices(sources, source_weights)[0]
            countries = set(
                rng.choices(pools.countries, pools.country_weights, k=rng.randint(1, 3))
            )
            if source.host_country_id:
                countries.add(source.host_country)
            fields = set(rng.choices(pools.fields, pools.field_weights, k=rng.randint(1, 3)))
            country, field = (
                sorted(countries, key=lambda c: c.position)[0],
                sorted(fields, key=lambda f: f.position)[0],
            )
            words = {
                "source": f"OSCE {name_in(source, year, pools)}",
                "country": country.name,
                "field": field.name.lower(),
            }
            title = rng.choice(TITLES).format(**words)
            title = title[0].upper() + title[1:]
            slug = base = slugify(title)[:200]
            n = 2
            while slug in taken_slugs:
                slug, n = f"{base}-{n}", n + 1
            taken_slugs.add(slug)
            city = CITIES.get(country.slug, "VIENNA")
            text = demo_text.compose(rng, {**words, "city": city})
            releases.append(
                PressRelease(
                    title=title,
                    slug=slug,
                    type=rng.choices(types, type_weights)[0],
                    lead=text.lead,
                    body=text.body,
                    dateline_city=city,
                    dateline_date=timezone.localdate(moment),
                    published_at=None
                    if status in (Status.DRAFT, Status.IN_REVIEW) and rng.random() < 0.5
                    else moment,
                    status=status,
                    withdrawn_at=moment + datetime.timedelta(days=3)
                    if status == Status.WITHDRAWN
                    else None,
                    withdrawal_reason=(
                        "This release contained an error in the figures and has been replaced."
                        if status == Status.WITHDRAWN
                        else ""
                    ),
                    lead_source=source,
                    legacy_key=f"{DEMO_KEY_PREFIX}{seed}:{i}",
                )
            )
            structures = {
                s for s in rng.sample(sources, k=min(2, len(sources))) if rng.random() < 0.3
            }
            links.append(
                {
                    "countries": countries,
                    "fields_of_work": fields,
                    "structures": structures - {source},
                    "meeting_series": set(rng.sample(pools.meetings, k=1))
                    if rng.random() < 0.12
                    else set(),
                    "supporting_sources": {rng.choice(sources)} - {source}
                    if rng.random() < 0.1
                    else set(),
                    "tags": set(rng.sample(tags, k=rng.randint(0, 3))),
                }
            )
        with transaction.atomic():
            created = PressRelease.objects.bulk_create(releases, batch_size=batch_size)
            for name, model in through.items():
                target = getattr(PressRelease, name).field.m2m_reverse_field_name()
                insert_rows(
                    model._meta.db_table,
                    ["pressrelease_id", f"{target}_id"],
                    (
                        (release.pk, term.pk)
                        for release, link in zip(created, links, strict=True)
                        for term in link[name]
                    ),
                )
            insert_rows(
                TaggedItem._meta.db_table,
                ["content_type_id", "object_id", "tag_id"],
                (
                    (release_type.pk, release.pk, tag.pk)
                    for release, link in zip(created, links, strict=True)
                    for tag in link["tags"]
                ),
            )
            refresh_search_vectors([release.pk for release in created])
        made += size
        release_changed.send(sender=PressRelease, ids=None)
        if progress:
            progress(made, count)
    return made


def insert_rows(table: str, columns: list[str], rows: Iterable[tuple]) -> None:
    """Plain rows into a link table: COPY on PostgreSQL, executemany elsewhere.

    Link rows have no behaviour worth a model instance each; at 100,000 releases they are
    half a million rows.
    """
    rows = list(rows)
    if not rows:
        return
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    quoted = connection.ops.quote_name(table)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {quoted} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            cursor.executemany(f"INSERT INTO {quoted} ({names}) VALUES ({marks})", rows)


def remove_demo_content() -> int:
    demo = PressRelease.objects.filter(legacy_key__startswith=DEMO_KEY_PREFIX)
    ids = list(demo.values_list("pk", flat=True))
    TaggedItem.objects.filter(
        content_type=ContentType.objects.get_for_model(PressRelease), object_id__in=ids
    ).delete()
    # Versions first: an original is protected while it has any.
    PressRelease.objects.filter(translation_of__in=demo).delete()
    demo.delete()
    return len(ids)


def demo_exists() -> bool:
    return PressRelease.objects.filter(legacy_key__startswith=DEMO_KEY_PREFIX).exists()


# Journalists asking for the press room (invented people and outlets), for editors to
# approve or refuse under Press > Press room access requests.
DEMO_ACCESS_REQUESTS = [
    ("Lena Fischer", "Donau Tagblatt", "lena.fischer@example.org", "Austria", "AT-PC 20417"),
    (
        "Jonas Petraitis",
        "Baltic Wire",
        "jonas.petraitis@example.net",
        "Lithuania",
        "https://balticwire.example.net/authors/jonas-petraitis",
    ),
]
# What a correction says, oldest first: (days after publication, major, note).
DEMO_CHANGES = [
    (1, False, ""),
    (2, True, "Added the statement of the Head of Mission."),
    (3, True, "Corrected the number of participants in the second paragraph."),
]


# Media advisories of events to come and past (days from today, local start, hours long).
DEMO_ADVISORIES = [
    {
        "title": "Media advisory: press conference at the close of the Ministerial Council",
        "days": 12,
        "at": (17, 30),
        "hours": 1,
        "zone": "Europe/Vienna",
        "venue": "Hofburg, Heldenplatz 1, 1010 Vienna, Press Centre (Redoutensaal)",
        "source": "chairpersonship",
        "country": "austria",
        "meeting": "ministerial-council-meetings",
        "city": "VIENNA",
        "accreditation_days": 5,
        "lead": (
            "The Chairperson-in-Office and the Secretary General will brief the media at the "
            "close of the Ministerial Council. Accredited journalists may attend in person."
        ),
    },
    {
        "title": "Media advisory: High Commissioner on National Minorities briefs the press",
        "days": 30,
        "at": (11, 0),
        "hours": 1,
        "zone": "Europe/Amsterdam",
        "venue": "Prinsessegracht 22, The Hague",
        "source": "high-commissioner-on-national-minorities",
        "country": "the-netherlands",
        "meeting": None,
        "city": "THE HAGUE",
        "accreditation_days": 3,
        "lead": (
            "The High Commissioner will present the recommendations on minority languages in "
            "education and answer journalists' questions."
        ),
    },
    {
        "title": "Media advisory: election observation mission presents its preliminary findings",
        "days": 45,
        "at": (14, 0),
        "hours": 2,
        "zone": "Asia/Bishkek",
        "venue": "Hyatt Regency, 191 Abdrakhmanov Street, Bishkek",
        "source": "office-for-democratic-institutions-and-human-rights",
        "country": "kyrgyzstan",
        "meeting": None,
        "city": "BISHKEK",
        "accreditation_days": 2,
        "lead": (
            "The heads of the international election observation mission will present the "
            "mission's preliminary findings and conclusions on the day after the vote."
        ),
    },
    {
        "title": "Media advisory: Mission to Moldova opens a regional media centre in Comrat",
        "days": -20,
        "at": (10, 0),
        "hours": 2,
        "zone": "Europe/Chisinau",
        "venue": "Comrat State University, 38 Galatsan Street, Comrat",
        "source": "mission-to-moldova",
        "country": "moldova",
        "meeting": None,
        "city": "CHISINAU",
        "accreditation_days": None,
        "lead": (
            "The Head of Mission and local authorities will open a media centre for "
            "journalists of the region; a tour of the centre follows."
        ),
    },
]
ADVISORY_KEY_PREFIX = f"{DEMO_KEY_PREFIX}advisory:"


def seed_advisories() -> int:
    """The demo's media advisories, each added once; their times are set in the events' own
    zones, relative to today, so the events page always has some to come and one past."""
    made = []
    today = timezone.localdate()
    for number, item in enumerate(DEMO_ADVISORIES):
        key = f"{ADVISORY_KEY_PREFIX}{number}"
        if PressRelease.objects.filter(legacy_key=key).exists():
            continue
        zone = zoneinfo.ZoneInfo(item["zone"])
        day = today + datetime.timedelta(days=item["days"])
        starts = datetime.datetime.combine(day, datetime.time(*item["at"]), tzinfo=zone)
        deadline = (
            starts - datetime.timedelta(days=item["accreditation_days"])
            if item["accreditation_days"]
            else None
        )
        published = min(starts - datetime.timedelta(days=7), timezone.now())
        release = PressRelease.objects.create(
            title=item["title"],
            slug=PressRelease.unique_slug(item["title"]),
            type=ReleaseType.MEDIA_ADVISORY,
            lead=item["lead"],
            body=(
                f"<p>{item['lead']}</p><p>Journalists wishing to attend are asked to bring "
                "their press card and an identity document. Interpretation into English and "
                "Russian will be provided. The event will be streamed on the OSCE's channels."
                "</p>"
            ),
            dateline_city=item["city"],
            dateline_date=timezone.localdate(published),
            status=Status.PUBLISHED,
            published_at=published,
            lead_source=Structure.objects.get(slug=item["source"]),
            event_starts_at=starts,
            event_ends_at=starts + datetime.timedelta(hours=item["hours"]),
            event_timezone=item["zone"],
            event_venue=item["venue"],
            accreditation_deadline=deadline,
            accreditation_url=(
                f"https://accreditation.example.org/{slugify(item['city'])}" if deadline else ""
            ),
            legacy_key=key,
        )
        release.countries.set(Country.objects.filter(slug=item["country"]))
        if item["meeting"]:
            release.meeting_series.set(MeetingSeries.objects.filter(slug=item["meeting"]))
        made.append(release.pk)
    if made:
        refresh_search_vectors(made)
        release_changed.send(sender=PressRelease, ids=made)
    return len(made)


def seed_press_office() -> list[str]:
    """What a press officer's tools look like with something in them: a scheduled demo
    release shared with the press room under embargo, journalists' requests for access, and
    a recent release with public change notes. Each is added once; what is there is kept."""
    done = []
    demo = PressRelease.objects.filter(legacy_key__startswith=DEMO_KEY_PREFIX)
    if not PressRelease.objects.under_embargo().exists():
        soonest = demo.scheduled().order_by("published_at", "pk").first()
        if soonest is not None:
            # Set directly: embargo() is an editor's step, and the demo has no editor.
            demo.filter(pk=soonest.pk).update(shared_under_embargo=True)
            done.append(f"shared “{soonest.title}” with the press room under embargo")
    asked = 0
    for position, (name, outlet, email, country, credentials) in enumerate(DEMO_ACCESS_REQUESTS):
        _request, created = JournalistAccessRequest.objects.get_or_create(
            email=email,
            defaults={
                "name": name,
                "media_outlet": outlet,
                "country": country,
                "credentials": credentials,
                "created_at": timezone.now() - datetime.timedelta(hours=5 * (position + 1)),
            },
        )
        asked += created
    if asked:
        done.append(f"{asked} press room access requests")
    if not ChangeNote.objects.filter(release__in=demo).exists():
        week_ago = timezone.now() - datetime.timedelta(days=7)
        release = (
            demo.published()
            .filter(status=Status.PUBLISHED, published_at__lte=week_ago)
            .newest_first()
            .first()
        )
        if release is not None:
            with transaction.atomic():
                for days, major, note in DEMO_CHANGES:
                    change = ChangeNote.objects.create(
                        release=release,
                        major=major,
                        note=note,
                        noted_at=release.published_at + datetime.timedelta(days=days),
                    )
                    if major:
                        demo.filter(pk=release.pk).update(major_change_at=change.noted_at)
            release_changed.send(sender=PressRelease, ids=[release.pk])
            done.append(f"change notes on “{release.title}”")
    advisories = seed_advisories()
    if advisories:
        done.append(f"{advisories} media advisories with their events")
    versions = seed_language_versions()
    if versions:
        done.append(f"{versions} versions of releases in other languages")
    pictures = seed_lead_images()
    if pictures:
        done.append(f"lead images on the {pictures} newest releases")
    return done


# Colours for the demo pictures: sky, land and a sun or moon.
PICTURE_PALETTES = [
    ((0, 69, 124), (122, 170, 206), (232, 176, 62)),
    ((38, 70, 83), (42, 157, 143), (233, 196, 106)),
    ((61, 52, 139), (118, 120, 237), (247, 184, 1)),
    ((20, 33, 61), (252, 163, 17), (229, 229, 229)),
]


def demo_picture(rng: random.Random) -> bytes:
    """A landscape of flat shapes as a JPEG (1600×900): the demo has no photographs, and
    the pages with lead images should look like it on the first ``make run``."""
    from PIL import Image, ImageDraw

    width, height = 1600, 900
    sky, land, light = rng.choice(PICTURE_PALETTES)
    image = Image.new("RGB", (width, height), sky)
    draw = ImageDraw.Draw(image)
    for y in range(height // 2):  # the sky lightens towards the horizon
        t = y / (height / 2)
        draw.line(
            [(0, y), (width, y)],
            fill=tuple(int(a + (b - a) * t * 0.6) for a, b in zip(sky, land, strict=True)),
        )
    x, y, r = rng.randint(200, 1400), rng.randint(120, 330), rng.randint(60, 120)
    draw.ellipse([x - r, y - r, x + r, y + r], fill=light)
    for layer in range(3):  # hills, darker in front
        shade = tuple(int(c * (1 - 0.22 * layer)) for c in land)
        base = int(height * (0.52 + 0.14 * layer))
        points = [(0, height)]
        for step in range(0, width + 200, 200):
            points.append((step, base - rng.randint(0, 120)))
        points.append((width, height))
        draw.polygon(points, fill=shade)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def seed_lead_images(count: int = 6) -> int:
    """Lead images on the newest demo releases in the site's language, once."""
    demo = PressRelease.objects.filter(
        legacy_key__startswith=DEMO_KEY_PREFIX, language=settings.LANGUAGE_CODE
    )
    if demo.exclude(image="").exists():
        return 0
    rng = random.Random(7)
    ids = demo.listed().filter(status=Status.PUBLISHED).newest_first().values("pk")[:count]
    # Whole rows: saving a listing's partial row would leave the image's size unsaved.
    newest = list(PressRelease.objects.filter(pk__in=ids))
    for release in newest:
        release.image_alt = "Drawing of hills under a coloured sky (demo picture)"
        release.image.save(f"{release.slug[:80]}.jpg", ContentFile(demo_picture(rng)), save=False)
        # Read back from the stored file: a name set by save() does not refresh them.
        release.image_width, release.image_height = release.image.width, release.image.height
        release.save()
    return len(newest)


# Versions in other languages: about one release in seven in Russian, as on the old site,
# and a few in French, German and Spanish. Invented text in each language.
RUSSIAN_TITLES = [
    "ОБСЕ провела учебный курс для пограничников в Душанбе",
    "Председатель ОБСЕ призвал к продолжению диалога",
    "Наблюдатели ОБСЕ представили предварительные выводы о выборах",
    "Миссия ОБСЕ поддержала реформу полиции",
    "Бюро ОБСЕ по демократическим институтам и правам человека открыло миссию по наблюдению",
    "Представитель ОБСЕ по вопросам свободы СМИ выразил обеспокоенность",
    "ОБСЕ и правительство подписали меморандум о сотрудничестве",
    "Участники семинара ОБСЕ обсудили противодействие торговле людьми",
    "Генеральный секретарь ОБСЕ посетил Центральную Азию",
    "ОБСЕ содействует охране границ в регионе",
]
RUSSIAN_PARAGRAPHS = [
    "Мероприятие, организованное при поддержке ОБСЕ, собрало представителей государственных "
    "органов, гражданского общества и международных организаций.",
    "Участники обсудили практические шаги по укреплению сотрудничества и обмену опытом в "
    "области охраны границ, прав человека и верховенства права.",
    "«Только совместными усилиями мы сможем ответить на вызовы, с которыми сталкивается наш "
    "регион», – заявил руководитель Миссии ОБСЕ.",
    "ОБСЕ будет и впредь оказывать содействие стране пребывания в выполнении её обязательств "
    "в рамках Организации.",
    "Проект финансируется рядом государств – участников ОБСЕ и продлится до конца года.",
]
OTHER_VERSIONS = {
    "fr": (
        "L'OSCE soutient le dialogue dans la région",
        "<p>Les participants ont examiné les moyens de renforcer la coopération régionale.</p>",
    ),
    "de": (
        "OSZE unterstützt Grenzbeamte in der Region",
        "<p>Die Teilnehmenden erörterten die Zusammenarbeit an den Grenzen.</p>",
    ),
    "es": (
        "La OSCE apoya el diálogo en la región",
        "<p>Los participantes debatieron cómo reforzar la cooperación regional.</p>",
    ),
}
RUSSIAN_SHARE = 7  # one release in this many
# Versions are made one by one, as an editor would: a large demo archive gets them for its
# newest releases only (a million releases would otherwise take an hour and gigabytes).
MAX_VERSIONED = 3000
# Not under DEMO_KEY_PREFIX: the demo's count of releases is of originals.
VERSION_KEY_PREFIX = "demo-version:"


def seed_language_versions() -> int:
    """Public versions of demo releases in other languages, each set added once."""
    demo = PressRelease.objects.filter(legacy_key__startswith=DEMO_KEY_PREFIX)
    if PressRelease.objects.filter(translation_of__in=demo).exists():
        return 0
    rng = random.Random(7)
    originals = list(
        demo.filter(status=Status.PUBLISHED, translation_of__isnull=True)
        .exclude(type=ReleaseType.MEDIA_ADVISORY)
        .published()
        .order_by("-published_at", "pk")[:MAX_VERSIONED]
    )
    plan = [(release, "ru") for release in originals[::RUSSIAN_SHARE]]
    others = zip(originals[1::40], OTHER_VERSIONS, strict=False)  # as many as there are
    plan += [(release, code) for release, code in others]
    made = []
    with transaction.atomic():
        for original, code in plan:
            if code == "ru":
                title = rng.choice(RUSSIAN_TITLES)
                paragraphs = rng.sample(RUSSIAN_PARAGRAPHS, k=4)
                body = "".join(f"<p>{text}</p>" for text in paragraphs)
                lead = paragraphs[0]
            else:
                title, body = OTHER_VERSIONS[code]
                lead = ""
            version = PressRelease.objects.create(
                translation_of=original,
                language=code,
                title=title,
                slug=PressRelease.unique_slug(f"{original.slug}-{code}"),
                lead=lead,
                body=body,
                dateline_city=original.dateline_city,
                dateline_date=original.dateline_date,
                status=Status.PUBLISHED,
                published_at=original.published_at,
                lead_source=original.lead_source,
                legacy_key=f"{VERSION_KEY_PREFIX}{original.legacy_key}:{code}",
            )
            original.share_classification(versions=[version])
            made.append(version.pk)
    if made:
        refresh_search_vectors(made)
        release_changed.send(sender=PressRelease, ids=made)
    return len(made)
