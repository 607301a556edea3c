"""The service directory: CSV import, the gazetteer, search by need, place and language, and wording."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select

from gateway.storage import Base, engine_for, session_scope
from lantern.content import PHONE_LIKE, TOPIC_INTENTS
from lantern.directory import (
    SAMPLE_FILE,
    TOPIC_KINDS,
    ImportResult,
    ServiceKind,
    ServiceRow,
    directory_gazetteer,
    format_search,
    import_file,
    import_services,
    languages_spoken,
    location_warnings,
    parse_csv,
    read_csv,
    search_services,
)
from lantern.gazetteer import gazetteer_problems

ROOT = Path(__file__).resolve().parents[2]
HEADER = "id,name,kinds,country,province,city,languages,contact,hours,sample\n"
SERVICES = HEADER + (
    "cm-shelter,Chiang Mai House,shelter,TH,Chiang Mai,Chiang Mai,th;my,caseworker;walk-in,24/7,\n"
    "cm-province-shelter,Doi Rest House,shelter,TH,Chiang Mai,,th,caseworker,,\n"
    "mae-sot-shelter,Moei House,shelter,TH,Tak,Mae Sot,my;th,caseworker,,\n"
    "bkk-shelter,Bangkok House,shelter,TH,Bangkok,Bangkok,th;en,caseworker,,\n"
    "th-helpline,Thai Line,helpline,TH,,,th;en,caseworker,,\n"
    "pp-legal,Phnom Penh Legal,legal_aid,KH,Phnom Penh,Phnom Penh,km;en,pp-legal@example.org,,\n"
    "cm-legal,Chiang Mai Legal,legal_aid;case_help,TH,Chiang Mai,Chiang Mai,th;km,cm-legal@example.org,,\n"
    "bkk-legal,Bangkok Legal,legal_aid,TH,Bangkok,Bangkok,th;en,bkk-legal@example.org,,\n"
    "london-legal,London Legal,legal_aid,GB,England,London,en;ro,london-legal@example.org,,\n"
)


@dataclass(frozen=True)
class Ctx:
    language: str
    locales_dir: Path = ROOT / "locales"


@pytest.fixture
def db(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'lantern.db'}"
    Base.metadata.create_all(engine_for(url))
    return url


@pytest.fixture
def directory(db: str) -> str:
    with session_scope(db) as session:
        import_services(session, parse_csv(SERVICES).services)
    return db


def search(url: str, text: str, need: str | None = None, country: str | None = None):  # type: ignore[no-untyped-def]
    with session_scope(url) as session:
        return search_services(session, text, need, country)


def ids(result) -> list[str]:  # type: ignore[no-untyped-def]
    return [service.id for service in result.services]


# --- import -------------------------------------------------------------------------------------


def test_good_and_bad_rows_give_one_error_per_problem_and_honest_counts():
    text = HEADER + (
        "ok-1,Good,shelter,TH,,Chiang Mai,th,ask a caseworker,,\n"  # row 2
        "bad-2,No languages,shelter,TH,,,,ask a caseworker,,\n"  # row 3
        "bad-3,Bad codes,shelterr,XX,,,kh,ask a caseworker,,\n"  # row 4
        ",,,,,,,,,\n"  # row 5: blank
        "ok-1,Same id,shelter,TH,,,th,ask a caseworker,,\n"  # row 6
        "bad-7,Fake,medical,KH,,,km,call 012 345 6789,,yes\n"  # row 7: a sample must say SAMPLE, no number
        "ok-8,Other,medical,KH,,,km;en,x@example.org,,no\n"  # row 8
    )
    result = parse_csv(text)
    errors = [str(error) for error in result.errors]
    assert "row 3, column 'languages': required, but empty" in errors
    assert (
        "row 4, column 'country': unknown country code 'XX' (use ISO 3166 codes such as TH, KH, VN, MM, LA, GB)"
        in errors
    )
    assert "row 4, column 'languages': unknown language code 'kh' (use ISO 639 codes such as th, km, my, en)" in errors
    assert any(e.startswith("row 4, column 'kinds': unknown value 'shelterr'") for e in errors)
    assert "row 6, column 'id': id 'ok-1' is already used in row 2" in errors
    assert "row 7, column 'name': a sample entry's name must start with SAMPLE" in errors
    assert any(e.startswith("row 7, column 'contact': a sample entry must not carry") for e in errors)
    assert [s.id for s in result.services] == ["ok-1", "ok-8"]
    assert (result.rows, result.rejected, result.blank) == (6, 4, 1)
    assert result.rejected_rows == {3, 4, 6, 7}


def test_an_unknown_or_missing_column_rejects_the_whole_file():
    result = parse_csv("id,name,kinds,country,langauges,contact\nx,X,shelter,TH,th,ask\n")
    assert [str(e) for e in result.errors] == [
        "row 1, column 'langauges': unknown column",
        "row 1, column 'languages': missing column (required)",
    ]
    assert (result.services, result.rows, result.rejected) == ([], 1, 1)


def test_lists_yes_no_ages_and_coordinates_are_parsed():
    header = "id,name,kinds,country,city,languages,contact,min_age,genders,serves_children,latitude,longitude\n"
    result = parse_csv(header + "a,A, shelter ; counselling ,th,Chiang Mai,TH; my,x,18,men,No,18.8,98.98\n")
    service = result.services[0]
    assert service.kinds == (ServiceKind.shelter, ServiceKind.counselling)
    assert (service.country, service.languages, service.min_age) == ("TH", ("th", "my"), 18)
    assert (service.serves_men, service.serves_children, service.serves_undocumented) == (True, False, None)
    assert service.coordinates == (18.8, 98.98)
    half = parse_csv(header + "a,A,shelter,TH,,th,x,,,,18.8,\n")
    assert [str(e) for e in half.errors] == ["row 2, column 'longitude': give both latitude and longitude, or neither"]


def test_import_is_idempotent_and_updates_by_id(db: str):
    services = parse_csv(SERVICES).services
    with session_scope(db) as session:
        assert import_services(session, services) == ImportResult(added=9, updated=0, unchanged=0, removed=0)
    with session_scope(db) as session:
        assert import_services(session, services) == ImportResult(added=0, updated=0, unchanged=9, removed=0)
    changed = parse_csv(SERVICES.replace("Bangkok House", "Bangkok Home")).services
    with session_scope(db) as session:
        assert import_services(session, changed) == ImportResult(added=0, updated=1, unchanged=8, removed=0)
        assert session.scalar(select(func.count()).select_from(ServiceRow)) == 9
        assert session.get(ServiceRow, "bkk-shelter").name == "Bangkok Home"


def test_replace_removes_what_the_file_lacks_but_keeps_rejected_rows(db: str, tmp_path: Path):
    with session_scope(db) as session:
        import_services(session, parse_csv(SERVICES).services)
    path = tmp_path / "new.csv"
    path.write_text(
        HEADER + "cm-shelter,Chiang Mai House,shelter,TH,,Chiang Mai,th,x,,\nbkk-shelter,Bad,shelter,TH,,,,x,,\n"
    )
    with session_scope(db) as session:
        parsed, result = import_file(session, path, replace=True)
    assert (parsed.rejected, result.updated, result.removed) == (1, 1, 7)
    with session_scope(db) as session:
        assert sorted(session.scalars(select(ServiceRow.id))) == ["bkk-shelter", "cm-shelter"]
        assert session.get(ServiceRow, "bkk-shelter").name == "Bangkok House"  # the earlier version stays


def test_the_shipped_sample_imports_without_errors_and_says_it_is_a_sample(db: str):
    parsed = read_csv(ROOT / "content" / SAMPLE_FILE)
    assert parsed.errors == [] and parsed.rows == len(parsed.services) >= 20
    assert location_warnings(parsed.services, directory_gazetteer()) == []
    for service in parsed.services:
        assert service.sample and service.name.startswith("SAMPLE –")
        texts = (service.name, service.contact, service.hours or "", service.city or "", service.province or "")
        assert not any(PHONE_LIKE.search(text) for text in texts), service.id
    assert {s.country for s in parsed.services} == {"TH", "KH", "VN", "MM", "LA", "GB"}
    assert {kind for s in parsed.services for kind in s.kinds} == set(ServiceKind)
    with session_scope(db) as session:
        assert import_services(session, parsed.services).added == len(parsed.services)
    result = search(db, "shelter near Chiang Mai", "shelter")
    assert result.services[0].city == "Chiang Mai"
    assert "SAMPLE for a demonstration" in format_search(result, Ctx("en"))


# --- search -------------------------------------------------------------------------------------


def test_shelter_near_chiang_mai_lists_chiang_mai_first_then_province_then_nearest(directory: str):
    result = search(directory, "shelter near Chiang Mai", "shelter")
    assert result.place is not None and result.place.id == "th-chiang-mai"
    assert ids(result) == ["cm-shelter", "cm-province-shelter", "mae-sot-shelter", "bkk-shelter"]
    assert [m.tier for m in result.matches] == [0, 1, 2, 2]
    assert result.matches[2].distance_km < result.matches[3].distance_km


def test_place_names_in_thai_script_work(directory: str):
    result = search(directory, "ที่พักใกล้เชียงใหม่", "shelter", "th")
    assert result.place is not None and result.place.id == "th-chiang-mai"
    assert ids(result)[0] == "cm-shelter"
    assert format_search(result, Ctx("th")).splitlines()[1].endswith("เชียงใหม่")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("lawyer who speaks Khmer", "km"),
        ("a Khmer-speaking lawyer", "km"),
        ("ทนายที่พูดภาษาเขมร", "km"),
        ("មេធាវីនិយាយខ្មែរ", "km"),
        ("abogado que hable jemer", "km"),
    ],
)
def test_a_wanted_language_filters_the_services(directory: str, text: str, language: str):
    result = search(directory, text, "legal_aid")
    assert result.language == language and result.place is None
    assert sorted(ids(result)) == ["cm-legal", "pp-legal"]


def test_a_place_limits_the_country_and_no_place_uses_the_jurisdiction(directory: str):
    assert ids(search(directory, "lawyer in London", "legal_aid", "th")) == ["london-legal"]
    assert sorted(ids(search(directory, "I need a lawyer", "legal_aid", "th"))) == ["bkk-legal", "cm-legal"]
    assert len(search(directory, "I need a lawyer", "legal_aid", "intl").services) == 4


def test_no_match_is_an_empty_list_with_the_place_and_an_honest_answer(directory: str):
    result = search(directory, "shelter in Luang Namtha", "shelter")
    assert result.place is not None and result.place.id == "la-luang-namtha"
    assert result.services == []
    text = format_search(result, Ctx("en"))
    assert text == (
        "I do not know a service for that in Luang Namtha. A caseworker may know more: write HUMAN to ask for one."
    )


def test_the_answer_shows_local_services_or_at_most_three_with_languages_contact_and_hours(directory: str):
    text = format_search(search(directory, "shelter near Chiang Mai", "shelter"), Ctx("en"))
    lines = text.splitlines()
    assert lines[0] == "Services I know near Chiang Mai:"
    assert lines[1:5] == [
        "1. Chiang Mai House, Chiang Mai",
        "Languages: Thai and Burmese",
        "Contact: ask a caseworker here to put you in touch; walk in during opening hours",
        "Hours: Monday–Sunday 00:00–24:00",
    ]
    assert lines[5] == "2. Doi Rest House, Chiang Mai" and not any(line.startswith("3.") for line in lines)
    assert "SAMPLE" not in text
    country_wide = format_search(search(directory, "shelter in Thailand", "shelter"), Ctx("en")).splitlines()
    assert country_wide[0] == "Services I know in Thailand:"
    assert [line[:2] for line in country_wide if line[:1].isdigit()] == ["1.", "2.", "3."]


def test_far_matches_are_called_the_nearest(directory: str):
    text = format_search(search(directory, "lawyer in Mae Sot", "legal_aid"), Ctx("en"))
    assert text.startswith(
        "I do not know a service for that in Mae Sot. These are the nearest I know:\n1. Chiang Mai Legal"
    )


# --- gazetteer ----------------------------------------------------------------------------------


def test_every_topic_maps_to_service_kinds():
    assert set(TOPIC_KINDS) == set(TOPIC_INTENTS)


def test_the_gazetteer_is_consistent_and_names_places_in_the_local_script():
    gazetteer = directory_gazetteer()
    assert gazetteer_problems(gazetteer) == []
    local = {"TH": "th", "KH": "km", "VN": "vi", "MM": "my", "LA": "lo", "GB": "en"}
    for country, language in local.items():
        cities = [c for c in gazetteer.cities.values() if c.country == country]
        assert len(cities) >= 8, country
        assert all(c.names.get(language) for c in cities), country


@pytest.mark.parametrize(
    ("text", "place", "language"),
    [
        ("I am in Mae Sot, Tak", "th-mae-sot", None),
        ("Tak province", "th-tak", None),
        ("ฉันอยู่แม่สอด", "th-mae-sot", None),
        ("ខ្ញុំនៅភ្នំពេញ", "kh-phnom-penh", None),
        ("tôi ở Hà Nội", "vn-ha-noi", None),
        ("toi o ha noi, can luat su noi tieng Khmer", "vn-ha-noi", "km"),
        ("Đà Nẵng", "vn-da-nang", None),
        ("ရန်ကုန်မှာ မြန်မာလို ပြောတဲ့ ရှေ့နေ", "mm-yangon", "my"),
        ("ລາວຢູ່ວຽງຈັນ", "la-vientiane", None),  # ລາວ here is "he", not the language
        ("ຢາກໄດ້ທະນາຍທີ່ເວົ້າພາສາລາວ", None, "lo"),
        ("我在西港，需要会说中文的律师", "kh-sihanoukville", "zh"),
        ("说越南语的律师", None, "vi"),
        ("in Thailand", "TH", None),
        ("ฉันอยู่ประเทศไทย", "TH", None),
        ("คนไทย", None, None),
        ("I need to take a break", None, None),
        ("Londra, vorbește română", "gb-london", "ro"),
    ],
)
def test_places_and_languages_are_read_in_many_scripts(text: str, place: str | None, language: str | None):
    gazetteer = directory_gazetteer()
    reading = gazetteer.read(text, gazetteer.served)
    assert (reading.place.id if reading.place else None, reading.language) == (place, language)


def test_the_migration_creates_the_services_table_as_declared(tmp_path: Path):
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from lantern.cli import migrate_database
    from lantern.settings import Settings

    settings = Settings(data_dir=tmp_path)
    migrate_database(settings)
    with engine_for(settings.sqlalchemy_url).connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert [d for d in diff if "services" in repr(d)] == []


def test_empty_header_cells_are_allowed_only_while_their_cells_are_empty():
    result = parse_csv(HEADER.strip() + ",\n" + "a,A,shelter,TH,,,th,x,,,\n" + "b,B,shelter,TH,,,th,x,,,oops\n")
    assert [str(e) for e in result.errors] == ["row 3, column '(column 11)': a value in a column without a name"]
    assert [s.id for s in result.services] == ["a"]


def test_a_demonstration_deployment_can_load_the_sample_once(db: str):
    from lantern.directory import import_sample_if_empty

    with session_scope(db) as session:
        assert import_sample_if_empty(session, ROOT / "content") >= 20
    with session_scope(db) as session:
        assert import_sample_if_empty(session, ROOT / "content") == 0


def test_the_import_command_reports_every_rejected_row_and_fails(tmp_path: Path, monkeypatch, capsys):
    from lantern import cli
    from lantern.settings import Settings

    monkeypatch.setattr(cli, "get_settings", lambda: Settings(data_dir=tmp_path))
    path = tmp_path / "services.csv"
    path.write_text(HEADER + "a,A,shelter,TH,,Chiang Mai,th,x,,\n" + "b,B,shelter,TH,,,xx,x,,\n", encoding="utf-8")
    assert cli.main(["directory", "import", str(path)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "row 3, column 'languages': unknown language code 'xx' (use ISO 639 codes such as th, km, my, en)",
        "2 row(s) read: 1 imported (1 new, 0 updated, 0 unchanged), 1 rejected, 0 removed",
    ]
    assert cli.main(["directory", "list"]) == 0
    assert capsys.readouterr().out.splitlines() == ["a\tA\tshelter\tChiang Mai, TH\tth", "1 service(s)"]
    assert cli.main(["directory", "import", str(tmp_path / "missing.csv")]) == 2


def test_a_message_naming_no_place_or_language_is_not_searched_when_asked_so(directory: str):
    with session_scope(directory) as session:
        found = search_services(session, "i need a shelter", "shelter", "th", only_if_named=True)
        assert (found.place, found.language, found.matches) == (None, None, ())
        named = search_services(session, "shelter near chiang mai", "shelter", "th", only_if_named=True)
        assert ids(named)[0] == "cm-shelter"


def test_languages_spoken_follow_the_directory_as_it_changes(directory: str):
    with session_scope(directory) as session:
        assert "sq" not in languages_spoken(session)
    extra = parse_csv(HEADER + "tirana-legal,Tirana Legal,legal_aid,GB,England,London,sq,ask a caseworker,,\n")
    with session_scope(directory) as session:
        import_services(session, extra.services)
    with session_scope(directory) as session:
        assert {"sq", "ro", "km"} <= languages_spoken(session)


def test_opening_hours_are_checked_on_import_and_shown_in_the_persons_language():
    from lantern.hours import hours_problem, show_hours

    for good in ("24/7", "Mo-Fr 09:00-17:00", "Mo,We,Fr 08:00-12:00,13:00-17:00; Sa 10:00-14:00", "Su 18:00-24:00"):
        assert hours_problem(good) is None, good
    for bad in ("Every day, 24 hours", "Mo-Fr 9-5", "Mon-Fri 09:00-17:00", "Mo-Fr 25:00-26:00", ""):
        assert hours_problem(bad), bad
    assert show_hours("Mo-Fr 09:00-17:00; Sa 10:00-14:00", "fr") == "lundi–vendredi 09:00–17:00; samedi 10:00–14:00"
    assert show_hours("Mo,We 09:00-12:00", "th") == "วันจันทร์และวันพุธ 09:00–12:00"
    parsed = parse_csv(HEADER + "x,Some House,shelter,TH,,,th,caseworker,every day,\n")
    assert [(e.column, "opening hours like" in e.message) for e in parsed.errors] == [("hours", True)]


def test_contact_words_are_translated_and_the_rest_shown_as_written(directory: str):
    text = format_search(search(directory, "ที่พักใกล้เชียงใหม่", "shelter"), Ctx("th"))
    assert "caseworker" not in text and "walk in" not in text
    assert "วันจันทร์–วันอาทิตย์ 00:00–24:00" in text
