"""Language versions of a release: each its own record in a group around one original,
sharing the original's classification; made, listed and reported in the admin."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from press.models import PressRelease, Status
from tests.factories import make_release, make_user
from tests.press.test_admin import form_data

pytestmark = pytest.mark.django_db


def change_url(release: PressRelease) -> str:
    return reverse("admin:press_pressrelease_change", args=[release.pk])


def test_a_translation_starts_from_the_original_and_shares_its_classification(editor):
    original = make_release(
        "Border officers graduate in Dushanbe",
        countries=["tajikistan"],
        fields=["border-management"],
        tags=["training"],
        reference="SEC.PR/123/12",
    )
    russian = original.add_translation("ru", by=editor)

    assert russian.translation_of == original
    assert russian.status == Status.DRAFT  # its own workflow, from the start
    assert russian.title == original.title and russian.body == original.body
    assert russian.slug == f"{original.slug}-ru"
    assert russian.get_absolute_url() == f"/ru/press-releases/{russian.slug}/"
    assert russian.is_outdated  # not translated yet
    assert [c.slug for c in russian.countries.all()] == ["tajikistan"]
    assert list(russian.tags.names()) == ["training"]
    assert russian.reference == "SEC.PR/123/12"

    # Classification is edited once, on the original, and follows to every version.
    original.countries.add(*original.countries.model.objects.filter(slug="austria"))
    original.share_classification()
    assert {c.slug for c in russian.countries.all()} == {"tajikistan", "austria"}

    assert [v.language for v in original.versions()] == ["en-gb", "ru"]
    assert original.missing_languages() == ["fr", "de", "it", "es"]


def test_one_version_per_language(editor):
    original = make_release()
    original.add_translation("ru", by=editor)
    with pytest.raises(Exception, match="already"):
        original.add_translation("ru", by=editor)
    with pytest.raises(Exception, match="already"):
        original.add_translation("en-gb", by=editor)  # the original's own language
    with transaction.atomic(), pytest.raises(IntegrityError):
        PressRelease.objects.create(
            title="Another Russian version", translation_of=original, language="ru", slug="x"
        )


def test_a_translation_is_outdated_once_the_originals_text_changes(editor):
    original = make_release()
    russian = original.add_translation("ru", by=editor)
    russian.title = "Выпускники-пограничники в Душанбе"
    russian.save()
    russian.refresh_from_db()
    assert not russian.is_outdated

    original.refresh_from_db()
    original.save()  # a save that changes no text (a workflow step, say)
    russian.refresh_from_db()
    assert not russian.is_outdated

    original.body = "<p>Corrected figures: forty-two officers.</p>"
    original.save()
    russian.refresh_from_db()
    assert russian.is_outdated
    assert list(PressRelease.objects.outdated_translations()) == [russian]


def test_the_original_cannot_be_deleted_from_under_its_versions(editor):
    original = make_release()
    original.add_translation("ru", by=editor)
    with pytest.raises(Exception, match=r"(?i)protected"):
        original.delete()


def test_an_author_adds_a_translation_from_the_release_form(client, author):
    original = make_release("Observers deployed", status=Status.DRAFT, created_by=author)
    client.force_login(author)
    page = client.get(change_url(original)).content.decode()
    assert "Add a translation:" in page
    assert 'value="ru"' in page and "Русский" in page

    response = client.post(
        reverse("admin:press_pressrelease_translate", args=[original.pk]), {"_translate_to": "ru"}
    )
    russian = PressRelease.objects.get(language="ru")
    assert response.status_code == 302 and response.url == change_url(russian)
    assert russian.created_by == author

    page = client.get(change_url(russian)).content.decode()
    # The versions side by side, with their status; the classification read-only here.
    assert "outdated: the original changed since" in page
    assert 'name="countries"' not in page
    assert 'name="title"' in page
    page = client.get(change_url(original)).content.decode()
    assert "Русский" in page and russian.title in page


def test_a_translations_form_saves_its_text_and_keeps_the_group_classification(client, editor):
    original = make_release("Observers deployed", countries=["moldova"])
    russian = original.add_translation("ru", by=editor)
    client.force_login(editor)
    data = form_data(russian, title="Наблюдатели направлены в регион", countries=[])
    data["base_version"] = russian.version
    response = client.post(change_url(russian), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    russian.refresh_from_db()
    assert russian.title == "Наблюдатели направлены в регион"
    assert [c.slug for c in russian.countries.all()] == ["moldova"]  # not the form's to change
    assert not russian.is_outdated


def test_the_release_list_finds_originals_missing_in_a_language(client, editor):
    translated = make_release("Translated one")
    translated.add_translation("ru", by=editor)
    untranslated = make_release("Still only in English")
    client.force_login(editor)
    listing = reverse("admin:press_pressrelease_changelist")
    page = client.get(listing, {"missing": "ru"}).content.decode()
    assert untranslated.title in page
    assert "Translated one" not in page
    page = client.get(listing, {"translation": "outdated"}).content.decode()
    assert "Translated one" in page  # the new version, not translated yet
    assert "Still only in English" not in page


def test_the_translation_status_report_counts_each_language(client, editor):
    first, second, _third = make_release(), make_release(), make_release()
    russian = first.add_translation("ru", by=editor)
    russian.title = "Переведено"
    russian.save()
    russian.publish(by=editor)
    second.add_translation("ru", by=editor)
    second.add_translation("fr", by=editor)
    client.force_login(editor)
    response = client.get(reverse("admin:press_pressrelease_translations"))
    rows = {row["code"]: row for row in response.context["rows"]}
    assert rows["ru"]["published"] == 1
    assert rows["ru"]["in_progress"] == 1
    assert rows["ru"]["missing"] == 1  # the third; the second's is in progress
    assert rows["ru"]["outdated"] == 1  # second's, never edited
    assert rows["fr"]["missing"] == 2
    assert "en-gb" not in rows


def test_withdrawing_the_original_withdraws_its_versions_when_asked(client, editor):
    original = make_release("A statement later withdrawn")
    russian = original.add_translation("ru", by=editor)
    russian.publish(by=editor)
    client.force_login(editor)
    page = client.get(change_url(original)).content.decode()
    assert "Withdraw its language versions too" in page
    data = form_data(original)
    data.update(
        base_version=original.version,
        _step="withdraw",
        withdrawal_note="Issued in error.",
        withdraw_versions="on",
        change_kind="minor",
    )
    response = client.post(change_url(original), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    russian.refresh_from_db()
    assert russian.status == Status.WITHDRAWN
    assert russian.withdrawal_reason == "Issued in error."


def test_an_author_cannot_translate_without_permission_to_add(client):
    reader = make_user("reader")  # staff without a group
    original = make_release()
    client.force_login(reader)
    response = client.post(
        reverse("admin:press_pressrelease_translate", args=[original.pk]), {"_translate_to": "ru"}
    )
    assert response.status_code == 403
    assert not PressRelease.objects.filter(language="ru").exists()
