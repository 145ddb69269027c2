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


def field_names(classifier, text):
    return names(FieldOfWork, classifier.classify(text).fields_of_work)


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("The seminar took place in Skopje.", "North Macedonia"),
        ("Tajik officials attended.", "Tajikistan"),
        ("Kyrgyz students took part.", "Kyrgyzstan"),
        ("Fighting in the southern Russian republic of Chechnya continued.", "Russian Federation"),
        ("Elections in the former Yugoslav Republic of Macedonia.", "North Macedonia"),
        ("Talks on the Transdniestrian settlement.", "Moldova"),
        ("A visit to Kiev.", "Ukraine"),
    ],
)
def test_countries_by_capital_adjective_region_or_former_name(classifier, text, country):
    assert country in names(Country, classifier.classify(text).countries)


@pytest.mark.parametrize(
    ("text", "not_field"),
    [
        ("The police and the municipality signed an agreement.", "Policing"),
        ("A conference on judicial education opened.", "Education"),
        ("Work in the economic and environmental dimension continued.", "Economic activities"),
        ("Work in the economic and environmental dimension continued.", "Environmental activities"),
        ("The Conflict Prevention Centre met.", "Conflict prevention and resolution"),
        ("ODIHR, the Office for Democratic Institutions and Human Rights, met.", "Human rights"),
    ],
)
def test_no_field_from_wording_that_only_contains_its_name(classifier, text, not_field):
    assert not_field not in field_names(classifier, text)


def test_a_permanent_council_decision_is_no_meeting_of_the_council(classifier):
    for text in (
        "Implementing Permanent Council decision No. 1117 on the Mission.",
        "The OSCE Ministerial Council 2011 Decision on Afghanistan.",
    ):
        assert not classifier.classify(text).meeting_series
    assert classifier.classify("He addressed the Permanent Council.").meeting_series


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("Judges and courts in the region were assessed.", "Rule of law"),
        ("The OSCE condemned the suicide bomb attack in the capital.", "Countering terrorism"),
        ("A course on police reform and community policing.", "Policing"),
        ("Monitors reported ceasefire violations.", "Conflict prevention and resolution"),
        ("Journalists discussed press freedom.", "Media freedom and development"),
    ],
)
def test_fewer_misses(classifier, text, field):
    assert field in field_names(classifier, text)


def test_the_chairpersons_own_country_is_not_what_a_release_is_about(classifier):
    found = classifier.classify(
        "The OSCE Chairperson-in-Office, Serbian Foreign Minister Ivica Dačić, welcomed the "
        "agreement in Ukraine under the Serbian Chairmanship."
    )
    assert names(Country, found.countries) == {"Ukraine"}


def test_a_field_operation_stands_for_its_host_country_and_names_it_first(classifier):
    found = classifier.classify("Head of the OSCE Centre in Bishkek met ODIHR experts.")
    assert names(Country, found.countries) == {"Kyrgyzstan"}
    first = Structure.objects.get(pk=found.first("structure"))
    assert first.name == "Programme Office in Bishkek"
