"""The organisation's reference number of a release: validated, shown, found, exported,
imported."""

from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from press.models import PressRelease, Status
from tests.factories import make_release
from tests.press.test_admin import ADD, errors_of, form_data

pytestmark = pytest.mark.django_db

SEED = Path(__file__).resolve().parent.parent / "data" / "legacy" / "000_4f6903038106f065.txt"


@pytest.mark.parametrize("reference", ["PC.DEC/1162", "SEC.PR/123/12", "CIO.GAL/45/25 Rev.1"])
def test_organisation_references_are_accepted(reference):
    release = make_release(reference=reference)
    release.full_clean()


@pytest.mark.parametrize("reference", ["PC.DEC/<b>", "/1162", "PC.DEC/1162/", "PC;DEC", "ПС/1"])
def test_anything_else_is_refused_with_an_example(reference):
    release = make_release()
    release.reference = reference
    with pytest.raises(ValidationError) as caught:
        release.full_clean()
    assert "e.g. PC.DEC/1162" in caught.value.message_dict["reference"][0]


def test_the_release_form_takes_a_reference_and_says_when_it_is_wrong(client, author):
    client.force_login(author)
    response = client.post(ADD, form_data(reference="PC.DEC/<1162>"))
    assert response.status_code == 200
    assert "reference" in errors_of(response)
    response = client.post(ADD, form_data(reference="PC.DEC/1162"))
    assert response.status_code == 302, errors_of(response)
    assert PressRelease.objects.get().reference == "PC.DEC/1162"


def test_the_release_page_shows_the_reference(client):
    release = make_release(reference="SEC.PR/123/12")
    html = client.get(release.get_absolute_url()).content.decode()
    assert '<dt>Reference</dt><dd class="release__reference">SEC.PR/123/12</dd>' in html
    assert "Reference" not in client.get(make_release().get_absolute_url()).content.decode()


@pytest.mark.parametrize("query", ["PC.DEC/1162", "pc.dec/1162", '"PC.DEC/1162"', "1162"])
def test_searching_a_reference_finds_its_release(client, query):
    wanted = make_release("Decision on the budget", reference="PC.DEC/1162")
    make_release("Another decision", reference="PC.DEC/1163")
    make_release("A draft with it", reference="PC.DEC/1162", status=Status.DRAFT)
    found = PressRelease.objects.published().search(query)
    assert list(found) == [wanted]
    html = client.get("/press-releases/", {"q": query}).content.decode()
    assert "Decision on the budget" in html
    assert "Another decision" not in html and "A draft with it" not in html


def test_the_api_gives_the_reference(client):
    release = make_release(reference="SEC.PR/123/12")
    other = make_release()
    assert client.get(f"/api/v1/releases/{release.slug}").json()["reference"] == "SEC.PR/123/12"
    assert client.get(f"/api/v1/releases/{other.slug}").json()["reference"] is None
    listed = client.get("/api/v1/releases", {"q": "SEC.PR/123/12"}).json()
    assert [r["reference"] for r in listed["results"]] == ["SEC.PR/123/12"]


def test_the_importer_reads_a_reference_field(tmp_path):
    page = tmp_path / "with-reference.txt"
    text = SEED.read_text(encoding="utf-8")
    page.write_text(text.replace("- Date:\n", "- Reference: SEC.PR/123/12\n- Date:\n"), "utf-8")
    call_command("import_releases", str(page), verbosity=0)
    assert PressRelease.objects.get().reference == "SEC.PR/123/12"


def test_the_importer_leaves_out_what_is_no_reference(tmp_path):
    page = tmp_path / "odd-reference.txt"
    text = SEED.read_text(encoding="utf-8")
    page.write_text(text.replace("- Date:\n", "- Reference: see <above>\n- Date:\n"), "utf-8")
    call_command("import_releases", str(page), verbosity=0)
    assert PressRelease.objects.get().reference == ""
