"""The reference data's names in Russian as the OSCE's Russian site writes them, and the
States' and Partners' names in French and German.

Matched by slug (the English names' and never translated). Only empty columns are filled,
so a name a taxonomy manager has already written is kept. Frozen here on purpose:
migrations must not import app code.
"""

from django.db import migrations

COUNTRIES = {
    # slug: (Russian, French, German)
    "albania": ("Албания", "Albanie", "Albanien"),
    "andorra": ("Андорра", "Andorre", "Andorra"),
    "armenia": ("Армения", "Arménie", "Armenien"),
    "austria": ("Австрия", "Autriche", "Österreich"),
    "azerbaijan": ("Азербайджан", "Azerbaïdjan", "Aserbaidschan"),
    "belgium": ("Бельгия", "Belgique", "Belgien"),
    "belarus": ("Беларусь", "Bélarus", "Belarus"),
    "bosnia-and-herzegovina": (
        "Босния и Герцеговина",
        "Bosnie-Herzégovine",
        "Bosnien und Herzegowina",
    ),
    "bulgaria": ("Болгария", "Bulgarie", "Bulgarien"),
    "canada": ("Канада", "Canada", "Kanada"),
    "croatia": ("Хорватия", "Croatie", "Kroatien"),
    "cyprus": ("Кипр", "Chypre", "Zypern"),
    "czechia": ("Чехия", "Tchéquie", "Tschechien"),
    "denmark": ("Дания", "Danemark", "Dänemark"),
    "estonia": ("Эстония", "Estonie", "Estland"),
    "finland": ("Финляндия", "Finlande", "Finnland"),
    "france": ("Франция", "France", "Frankreich"),
    "georgia": ("Грузия", "Géorgie", "Georgien"),
    "germany": ("Германия", "Allemagne", "Deutschland"),
    "greece": ("Греция", "Grèce", "Griechenland"),
    "holy-see": ("Святой Престол", "Saint-Siège", "Heiliger Stuhl"),
    "hungary": ("Венгрия", "Hongrie", "Ungarn"),
    "iceland": ("Исландия", "Islande", "Island"),
    "ireland": ("Ирландия", "Irlande", "Irland"),
    "italy": ("Италия", "Italie", "Italien"),
    "kazakhstan": ("Казахстан", "Kazakhstan", "Kasachstan"),
    "kyrgyzstan": ("Кыргызстан", "Kirghizistan", "Kirgisistan"),
    "latvia": ("Латвия", "Lettonie", "Lettland"),
    "liechtenstein": ("Лихтенштейн", "Liechtenstein", "Liechtenstein"),
    "lithuania": ("Литва", "Lituanie", "Litauen"),
    "luxembourg": ("Люксембург", "Luxembourg", "Luxemburg"),
    "malta": ("Мальта", "Malte", "Malta"),
    "moldova": ("Молдова", "Moldavie", "Republik Moldau"),
    "monaco": ("Монако", "Monaco", "Monaco"),
    "mongolia": ("Монголия", "Mongolie", "Mongolei"),
    "montenegro": ("Черногория", "Monténégro", "Montenegro"),
    "the-netherlands": ("Нидерланды", "Pays-Bas", "Niederlande"),
    "north-macedonia": ("Северная Македония", "Macédoine du Nord", "Nordmazedonien"),
    "norway": ("Норвегия", "Norvège", "Norwegen"),
    "poland": ("Польша", "Pologne", "Polen"),
    "portugal": ("Португалия", "Portugal", "Portugal"),
    "romania": ("Румыния", "Roumanie", "Rumänien"),
    "russian-federation": ("Российская Федерация", "Fédération de Russie", "Russische Föderation"),
    "san-marino": ("Сан-Марино", "Saint-Marin", "San Marino"),
    "serbia": ("Сербия", "Serbie", "Serbien"),
    "slovakia": ("Словакия", "Slovaquie", "Slowakei"),
    "slovenia": ("Словения", "Slovénie", "Slowenien"),
    "spain": ("Испания", "Espagne", "Spanien"),
    "sweden": ("Швеция", "Suède", "Schweden"),
    "switzerland": ("Швейцария", "Suisse", "Schweiz"),
    "tajikistan": ("Таджикистан", "Tadjikistan", "Tadschikistan"),
    "turkiye": ("Турция", "Türkiye", "Türkei"),
    "turkmenistan": ("Туркменистан", "Turkménistan", "Turkmenistan"),
    "ukraine": ("Украина", "Ukraine", "Ukraine"),
    "united-kingdom": ("Соединенное Королевство", "Royaume-Uni", "Vereinigtes Königreich"),
    "united-states-of-america": (
        "Соединенные Штаты Америки",
        "États-Unis d’Amérique",
        "Vereinigte Staaten von Amerika",
    ),
    "uzbekistan": ("Узбекистан", "Ouzbékistan", "Usbekistan"),
    # Asian Partners for Co-operation
    "afghanistan": ("Афганистан", "Afghanistan", "Afghanistan"),
    "australia": ("Австралия", "Australie", "Australien"),
    "japan": ("Япония", "Japon", "Japan"),
    "republic-of-korea": ("Республика Корея", "République de Corée", "Republik Korea"),
    "thailand": ("Таиланд", "Thaïlande", "Thailand"),
    # Mediterranean Partners for Co-operation
    "algeria": ("Алжир", "Algérie", "Algerien"),
    "egypt": ("Египет", "Égypte", "Ägypten"),
    "israel": ("Израиль", "Israël", "Israel"),
    "jordan": ("Иордания", "Jordanie", "Jordanien"),
    "morocco": ("Марокко", "Maroc", "Marokko"),
    "tunisia": ("Тунис", "Tunisie", "Tunesien"),
}

FIELDS_OF_WORK = {
    "arms-control": "Контроль над вооружениями",
    "border-management": "Пограничный контроль и охрана границ",
    "combating-trafficking-in-human-beings": "Борьба с торговлей людьми",
    "conflict-prevention-and-resolution": "Предотвращение и урегулирование конфликтов",
    "countering-terrorism": "Борьба с терроризмом",
    "cyberict-security": "Кибер/ИКТ-безопасность",
    "democratization": "Демократизация",
    "economic-activities": "Экономическая деятельность",
    "education": "Образование",
    "elections": "Выборы",
    "environmental-activities": "Природоохранная деятельность",
    "gender-equality": "Гендерное равенство",
    "good-governance": "Благое управление",
    "human-rights": "Права человека",
    "media-freedom-and-development": "Свобода и развитие СМИ",
    "migration": "Миграция",
    "national-minority-issues": "Вопросы национальных меньшинств",
    "policing": "Деятельность полиции",
    "reform-and-co-operation-in-the-security-sector": (
        "Реформа и сотрудничество в секторе безопасности"
    ),
    "roma-and-sinti": "Рома и синти",
    "rule-of-law": "Верховенство права",
    "tolerance-and-non-discrimination": "Терпимость и недискриминация",
    "youth": "Молодежь",
}

MEETING_SERIES = {
    "summit-meetings": "Встречи на высшем уровне",
    "review-conferences": "Обзорные конференции",
    "ministerial-council-meetings": "Заседания Совета министров",
    "plenary-meetings-of-the-permanent-council": "Пленарные заседания Постоянного совета",
    "plenary-meetings-of-the-forum-for-security-co-operation": (
        "Пленарные заседания Форума по сотрудничеству в области безопасности"
    ),
    "security-review-conferences": "Конференции по обзору проблем в области безопасности",
    "annual-implementation-assessment-meetings": ("Ежегодные совещания по оценке хода выполнения"),
    "economic-and-environmental-forum": "Экономический и экологический форум",
    "economic-and-environmental-dimension-implementation-meetings": (
        "Совещания по рассмотрению выполнения обязательств в экономической и экологической сфере"
    ),
    "human-rights-meetings": "Совещания по правам человека",
    "media-conferences": "Конференции по СМИ",
    "cyberict-security-conferences": "Конференции по кибер/ИКТ-безопасности",
    "conference-of-the-alliance-against-trafficking-in-persons": (
        "Конференция Альянса против торговли людьми"
    ),
    "gender-equality-conferences": "Конференции по гендерному равенству",
    "annual-osce-mediterranean-conferences": "Ежегодные Средиземноморские конференции ОБСЕ",
    "annual-osce-asian-conferences": "Ежегодные Азиатские конференции ОБСЕ",
}

# slug: (Russian name, Russian acronym or "" where the English one is used in Russian too)
STRUCTURES = {
    "chairpersonship": ("Председательство", ""),
    "secretariat": ("Секретариат", ""),
    "secretary-general": ("Генеральный секретарь", "ГС"),
    "office-of-the-secretary-general": ("Канцелярия Генерального секретаря", ""),
    "conflict-prevention-centre": ("Центр по предотвращению конфликтов", "ЦПК"),
    "transnational-threats-department": ("Департамент по транснациональным угрозам", "ДТУ"),
    "office-of-the-special-representative-and-co-ordinator-for-combating-trafficking-in-human-beings": (
        "Канцелярия Специального представителя и координатора по борьбе с торговлей людьми",
        "",
    ),
    "office-of-the-co-ordinator-of-osce-economic-and-environmental-activities": (
        "Бюро Координатора экономической и экологической деятельности ОБСЕ",
        "",
    ),
    "gender-issues-programme": ("Программа по гендерным вопросам", ""),
    "opportunities-for-youth": ("Возможности для молодежи", ""),
    "department-of-human-resources": ("Департамент людских ресурсов", ""),
    "department-of-management-and-finance": ("Департамент управления и финансов", ""),
    "office-of-internal-oversight": ("Бюро внутреннего надзора", ""),
    "documentation-centre-in-prague": ("Документационный центр ОБСЕ в Праге", ""),
    "institutions": ("Институты", ""),
    "office-for-democratic-institutions-and-human-rights": (
        "Бюро по демократическим институтам и правам человека",
        "БДИПЧ",
    ),
    "high-commissioner-on-national-minorities": (
        "Верховный комиссар по делам национальных меньшинств",
        "ВКНМ",
    ),
    "representative-on-freedom-of-the-media": ("Представитель по вопросам свободы СМИ", "ПССМИ"),
    "field-operations": ("Полевые операции", ""),
    "presence-in-albania": ("Присутствие ОБСЕ в Албании", ""),
    "centre-in-ashgabat": ("Центр ОБСЕ в Ашхабаде", ""),
    "programme-office-in-astana": ("Офис программ ОБСЕ в Астане", ""),
    "programme-office-in-bishkek": ("Офис программ ОБСЕ в Бишкеке", ""),
    "mission-to-bosnia-and-herzegovina": ("Миссия ОБСЕ в Боснии и Герцеговине", ""),
    "programme-office-in-dushanbe": ("Офис программ ОБСЕ в Душанбе", ""),
    "mission-in-kosovo": ("Миссия ОБСЕ в Косово", ""),
    "mission-to-moldova": ("Миссия ОБСЕ в Молдове", ""),
    "mission-to-montenegro": ("Миссия ОБСЕ в Черногории", ""),
    "mission-to-serbia": ("Миссия ОБСЕ в Сербии", ""),
    "mission-to-skopje": ("Миссия ОБСЕ в Скопье", ""),
    "project-co-ordinator-in-uzbekistan": ("Координатор проектов ОБСЕ в Узбекистане", ""),
    "special-monitoring-mission-to-ukraine": (
        "Специальная мониторинговая миссия ОБСЕ в Украине",
        "СММ",
    ),
    "project-co-ordinator-in-ukraine": ("Координатор проектов ОБСЕ в Украине", ""),
    "observer-mission-at-the-russian-checkpoints-gukovo-and-donetsk": (
        "Миссия наблюдателей ОБСЕ на российских пунктах пропуска «Гуково» и «Донецк»",
        "",
    ),
    "mission-to-georgia": ("Миссия ОБСЕ в Грузии", ""),
    "office-in-yerevan": ("Офис ОБСЕ в Ереване", ""),
    "project-co-ordinator-in-baku": ("Координатор проектов ОБСЕ в Баку", ""),
    "office-in-minsk": ("Офис ОБСЕ в Минске", ""),
    "mission-to-croatia": ("Миссия ОБСЕ в Хорватии", ""),
    "office-in-zagreb": ("Офис ОБСЕ в Загребе", ""),
    "advisory-and-monitoring-group-in-belarus": (
        "Консультативно-наблюдательная группа ОБСЕ в Беларуси",
        "",
    ),
    "mission-to-ukraine": ("Миссия ОБСЕ в Украине", ""),
    "assistance-group-to-chechnya": ("Группа содействия ОБСЕ в Чечне", ""),
    "mission-to-estonia": ("Миссия ОБСЕ в Эстонии", ""),
    "mission-to-latvia": ("Миссия ОБСЕ в Латвии", ""),
    "kosovo-verification-mission": ("Контрольная миссия ОБСЕ в Косово", ""),
    "parliamentary-assembly": ("Парламентская ассамблея", "ПА"),
    "court-of-conciliation-and-arbitration": ("Суд по примирению и арбитражу", ""),
}

# The territory a field operation works in, where it is not a participating State.
TERRITORIES = {"Kosovo": "Косово"}


def fill(model, slug, **columns):
    """Fill the empty ones of ``columns`` of the term with ``slug`` (if it still exists)."""
    for column, value in columns.items():
        if value:
            model.objects.filter(slug=slug, **{f"{column}__isnull": True}).update(**{column: value})


def load(apps, schema_editor):
    Country = apps.get_model("taxonomy", "Country")
    FieldOfWork = apps.get_model("taxonomy", "FieldOfWork")
    MeetingSeries = apps.get_model("taxonomy", "MeetingSeries")
    Structure = apps.get_model("taxonomy", "Structure")
    for slug, (russian, french, german) in COUNTRIES.items():
        fill(Country, slug, name_ru=russian, name_fr=french, name_de=german)
    for model, names in ((FieldOfWork, FIELDS_OF_WORK), (MeetingSeries, MEETING_SERIES)):
        for slug, russian in names.items():
            fill(model, slug, name_ru=russian)
    for slug, (russian, acronym) in STRUCTURES.items():
        fill(Structure, slug, name_ru=russian, acronym_ru=acronym)
    for english, russian in TERRITORIES.items():
        Structure.objects.filter(
            host_territory_en_gb=english, host_territory_ru__isnull=True
        ).update(host_territory_ru=russian)


class Migration(migrations.Migration):
    dependencies = [("taxonomy", "0006_english_names")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
