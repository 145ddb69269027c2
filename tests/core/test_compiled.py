"""Hot queries compiled once and run with each call's values (core.compiled, and the public
reads built on it): the same releases as the ORM's own evaluation, the publication rule at the
time of each call, one statement each."""

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import timezone

from core.compiled import CompiledQuery
from press.models import PressRelease, Status
from press.public_reads import public_cards, public_release
from taxonomy.catalogue import term_catalogue
from tests.factories import make_release

pytestmark = pytest.mark.django_db

HOUR = datetime.timedelta(hours=1)


def test_the_release_page_reads_only_what_the_public_may_read(django_assert_num_queries):
    live = make_release("Observers publish their final report")
    withdrawn = make_release(status=Status.WITHDRAWN)
    draft = make_release(status=Status.DRAFT)
    scheduled = make_release(published_at=timezone.now() + HOUR)
    term_catalogue()  # reference data, read once per content generation
    assert public_release("no-such-release") is None  # compiled (the tags' content type read)
    with django_assert_num_queries(1):
        found = public_release(live.slug)
    assert found == live and found.title == "Observers publish their final report"
    assert found.lead_source.slug == "secretary-general"  # from the reference data
    assert public_release(withdrawn.slug) == withdrawn
    assert public_release(draft.slug) is None
    assert public_release(scheduled.slug) is None


def test_each_call_binds_its_own_time_and_values():
    now = timezone.now()
    scheduled = make_release(published_at=now + HOUR)
    other = make_release(published_at=now - HOUR)
    by_slug = CompiledQuery(
        PressRelease,
        lambda now, slug: PressRelease.objects.published(now).filter(slug=slug),
    )
    assert by_slug(now=now, slug=scheduled.slug) == []
    assert by_slug(now=now + 2 * HOUR, slug=scheduled.slug) == [scheduled]  # gone live
    assert by_slug(now=now, slug=other.slug) == [other]
    assert by_slug(now=now - 2 * HOUR, slug=other.slug) == []


def test_cards_come_in_the_order_given_without_what_is_not_public(django_assert_num_queries):
    a, b, c = (make_release(f"Card {n}") for n in "abc")
    draft = make_release(status=Status.DRAFT)
    term_catalogue()
    with django_assert_num_queries(1):
        cards = public_cards([b.pk, draft.pk, c.pk, a.pk])
    assert [card.title for card in cards] == ["Card b", "Card c", "Card a"]
    assert [card.title for card in public_cards([a.pk])] == ["Card a"]  # another length
    assert public_cards([]) == []
    assert "body" in cards[0].get_deferred_fields()  # a card does not read the text


def test_cards_hold_the_same_values_as_the_orm_reads():
    release = make_release(
        "Training on border management",
        published_at=datetime.datetime(2024, 3, 27, 9, 30, 15, 250000, tzinfo=datetime.UTC),
        lead="Some forty officers took part.",
    )
    [card] = public_cards([release.pk])
    orm = PressRelease.objects.only(*PressRelease.CARD_FIELDS).get(pk=release.pk)
    for name in PressRelease.CARD_FIELDS:
        assert getattr(card, name) == getattr(orm, name), name
    assert card.published_at == release.published_at and timezone.is_aware(card.published_at)
    assert card.get_absolute_url() == release.get_absolute_url()


def test_a_value_the_orm_changes_before_binding_is_refused():
    make_release("Elections observed")
    containing = CompiledQuery(
        PressRelease, lambda text: PressRelease.objects.filter(title__icontains=text)
    )
    with pytest.raises(ImproperlyConfigured, match="cannot be bound again"):
        containing(text="elect")


def test_a_list_and_a_number_in_one_query_are_bound_each_to_its_place():
    a, b, c = (make_release(f"Bound {n}") for n in "abc")
    up_to = CompiledQuery(
        PressRelease,
        lambda ids, highest: PressRelease.objects.filter(pk__in=ids, pk__lte=highest).order_by(
            "pk"
        ),
    )
    assert up_to(ids=[a.pk, b.pk, c.pk], highest=b.pk) == [a, b]
    assert up_to(ids=[c.pk, a.pk, b.pk], highest=c.pk) == [a, b, c]
    assert up_to(ids=[c.pk], highest=a.pk) == []
