import pytest
from django.db import IntegrityError, transaction

from taxonomy.models import Chairpersonship, Country, FieldOfWork, MeetingSeries, Structure

pytestmark = pytest.mark.django_db


def test_participating_states_and_partners_are_all_there_with_the_osce_spelling():
    assert Country.objects.filter(group=Country.Group.PARTICIPATING).count() == 57
    assert Country.objects.filter(group=Country.Group.ASIAN_PARTNER).count() == 5
    assert Country.objects.filter(group=Country.Group.MEDITERRANEAN_PARTNER).count() == 6
    names = set(Country.objects.values_list("name", flat=True))
    assert {
        "Czechia",
        "Türkiye",
        "The Netherlands",
        "Holy See",
        "Russian Federation",
        "United States of America",
        "North Macedonia",
        "Republic of Korea",
    } <= names
    assert "Turkey" not in names and "Czech Republic" not in names


def test_countries_have_iso_codes_and_slugs_from_their_names():
    turkiye = Country.objects.get(iso_code="TR")
    assert (turkiye.name, turkiye.slug) == ("Türkiye", "turkiye")
    assert Country.objects.get(iso_code="VA").name == "Holy See"
    assert Country.objects.get(slug="the-netherlands").iso_code == "NL"
    assert Country.objects.get(slug="united-kingdom").iso_code == "GB"
    assert Country.objects.get(name="Australia").group == Country.Group.ASIAN_PARTNER
    assert Country.objects.get(name="Israel").group == Country.Group.MEDITERRANEAN_PARTNER


def test_countries_keep_the_order_of_the_website_navigation():
    first = list(
        Country.objects.filter(group=Country.Group.PARTICIPATING).values_list("name", flat=True)[:8]
    )
    assert first == [
        "Albania",
        "Andorra",
        "Armenia",
        "Austria",
        "Azerbaijan",
        "Belgium",
        "Belarus",
        "Bosnia and Herzegovina",
    ]


def test_chairpersonship_label_is_derived_for_a_year():
    assert Chairpersonship.objects.for_year(2025).label == "Finland – OSCE Chairpersonship 2025"
    assert Chairpersonship.objects.for_year(2026).label == (
        "Switzerland – OSCE Chairpersonship 2026"
    )
    assert Chairpersonship.objects.for_year(2012).country.name == "Ireland"
    assert Chairpersonship.objects.for_year(1850) is None
    years = set(Chairpersonship.objects.values_list("year", flat=True))
    assert set(range(2012, 2027)) <= years


def test_one_state_holds_the_chairpersonship_per_year():
    with pytest.raises(IntegrityError), transaction.atomic():
        Chairpersonship.objects.create(year=2025, country=Country.objects.get(iso_code="AT"))


def test_fields_of_work_and_meeting_series_in_navigation_order():
    fields = list(FieldOfWork.objects.values_list("name", flat=True))
    assert len(fields) == 23
    assert fields[0] == "Arms control" and fields[-1] == "Youth"
    assert FieldOfWork.objects.get(slug="border-management").name == "Border management"
    series = list(MeetingSeries.objects.values_list("name", flat=True))
    assert len(series) == 16
    assert series[0] == "Summit meetings" and series[-1] == "Annual OSCE Asian conferences"


def test_structure_tree():
    secretariat = Structure.objects.get(slug="secretariat")
    units = list(secretariat.children.values_list("name", flat=True))
    assert len(units) == 12
    assert units[:3] == [
        "Secretary General",
        "Office of the Secretary General",
        "Conflict Prevention Centre",
    ]
    institutions = Structure.objects.get(slug="institutions").children.values_list(
        "acronym", flat=True
    )
    assert set(institutions) == {"ODIHR", "HCNM", "RFoM"}
    assert (
        Structure.objects.filter(
            name__in=[
                "Chairpersonship",
                "Parliamentary Assembly",
                "Court of Conciliation and Arbitration",
            ],
            parent=None,
        ).count()
        == 3
    )
    dushanbe = Structure.objects.get(name="Programme Office in Dushanbe")
    assert [a.name for a in dushanbe.ancestors()] == ["Field operations"]


def test_field_operations_with_hosts_and_closures():
    active = Structure.objects.field_operations().active()
    assert active.count() == 12
    assert Structure.objects.get(name="Presence in Albania").host_country.iso_code == "AL"
    kosovo = Structure.objects.get(name="Mission in Kosovo")
    assert kosovo.host_country is None and kosovo.host_territory == "Kosovo"
    closed = {s.name: s.closed_year for s in Structure.objects.field_operations().closed()}
    assert closed["Special Monitoring Mission to Ukraine"] == 2022
    assert closed["Mission to Georgia"] == 2009
    assert closed["Office in Yerevan"] == 2017
    assert closed["Project Co-ordinator in Baku"] == 2015


def test_former_names_with_the_year_of_change():
    dushanbe = Structure.objects.get(name="Programme Office in Dushanbe")
    former = {f.name: f.until_year for f in dushanbe.former_names.all()}
    assert former["Office in Tajikistan"] == 2017
    astana = {
        f.name for f in Structure.objects.get(name="Programme Office in Astana").former_names.all()
    }
    assert "Centre in Astana" in astana
    bishkek = Structure.objects.get(name="Programme Office in Bishkek").former_names.get()
    assert (bishkek.name, bishkek.until_year) == ("Centre in Bishkek", 2017)
    assert Structure.objects.by_slug_or_former_slug("office-in-tajikistan") == dushanbe


def test_closing_year_cannot_precede_opening_year():
    with pytest.raises(IntegrityError), transaction.atomic():
        Structure.objects.filter(name="Mission to Moldova").update(closed_year=1990)
