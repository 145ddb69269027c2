import pytest

from press.classifier import Classifier
from taxonomy.models import Country, FieldOfWork, MeetingSeries, Structure

pytestmark = pytest.mark.django_db


def names(model, ids):
    return set(model.objects.filter(pk__in=ids).values_list("name", flat=True))


@pytest.fixture
def classifier():
    return Classifier.from_database()


def test_former_names_classify_as_the_current_structure(classifier):
    found = classifier.classify("The OSCE Office in Tajikistan hosted the meeting.")
    assert names(Structure, found.structures) == {"Programme Office in Dushanbe"}
    assert names(Country, found.countries) == {"Tajikistan"}


def test_wording_variants(classifier):
    found = classifier.classify(
        "Border guards from the Czech Republic and Turkey discussed anti-trafficking and "
        "co-operation with ODIHR at the Permanent Council."
    )
    assert names(Country, found.countries) == {"Czechia", "Türkiye"}
    assert {"Border management", "Combating trafficking in human beings"} <= names(
        FieldOfWork, found.fields_of_work
    )
    assert "Office for Democratic Institutions and Human Rights" in names(
        Structure, found.structures
    )
    assert names(MeetingSeries, found.meeting_series) == {
        "Plenary meetings of the Permanent Council"
    }


def test_a_name_inside_a_longer_name_of_the_same_kind_does_not_count(classifier):
    found = classifier.classify("The Office of the Secretary General published a report.")
    assert names(Structure, found.structures) == {"Office of the Secretary General"}


def test_no_false_positives_from_parts_of_words(classifier):
    found = classifier.classify("Romantic policies in Georgiana's garden.")
    assert not found.countries and not found.fields_of_work
