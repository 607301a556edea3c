"""The service directory: who can help, where, in which languages.

Entries come from a CSV file (`lantern directory import FILE.csv`, columns in
`content/directory/README.md`); each row is validated and either imported or reported with its row,
column and what is wrong. The conversation searches them by need and place with `search_services`
and words the answer with `format_search`. The repository ships a SAMPLE directory of fictional
services for demonstrations (`content/directory/sample.csv`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Any, Protocol

from babel import Locale
from babel.lists import format_list
from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field, ValidationError
from sqlalchemy import JSON, Boolean, Date, DateTime, Float, Integer, String, func, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from gateway.storage import Base, utcnow
from lantern import PROJECT_ROOT
from lantern.content import PHONE_LIKE, cldr_countries, country_code, country_name
from lantern.gazetteer import PLACES_FILE, Gazetteer, Place, distance_km, load_gazetteer
from lantern.hours import hours_problem, show_hours
from lantern.i18n import N_, translate
from lantern.languages import LanguageRegistry

SAMPLE_FILE = Path("directory") / "sample.csv"
LIST_SEPARATOR = ";"
UNNAMED = "(column "  # header cells left empty become "(column 7)": allowed while their cells are empty
MAX_SHOWN = 3
SAME_CITY, SAME_PROVINCE, SAME_COUNTRY = 0, 1, 2


class ServiceKind(StrEnum):
    shelter = "shelter"
    medical = "medical"
    counselling = "counselling"
    legal_aid = "legal_aid"
    case_help = "case_help"  # compensation claims, following a legal case
    documents = "documents"
    training_jobs = "training_jobs"
    family_tracing = "family_tracing"
    helpline = "helpline"


class Gender(StrEnum):
    women = "women"
    men = "men"
    nonbinary = "nonbinary"


K = ServiceKind
# Lantern's topic (lantern.content.TOPIC_INTENTS) -> the kinds of service that help with it.
TOPIC_KINDS: dict[str, tuple[ServiceKind, ...]] = {
    "rights": (K.legal_aid, K.helpline),
    "shelter": (K.shelter,),
    "medical": (K.medical,),
    "counselling": (K.counselling,),
    "legal_aid": (K.legal_aid,),
    "compensation": (K.case_help, K.legal_aid),
    "case_status": (K.case_help,),
    "immigration": (K.legal_aid, K.documents),
    "return_home": (K.case_help, K.documents),
    "work_training": (K.training_jobs,),
    "documents": (K.documents,),
    "financial_support": (K.case_help,),
    "report_crime": (K.legal_aid, K.helpline),
    "family": (K.family_tracing,),
    "privacy": (),
}


def kinds_for(need: str | None) -> tuple[ServiceKind, ...]:
    """The kinds of service for a topic (or a kind named directly); every kind when the need is unknown."""
    if need in TOPIC_KINDS:
        return TOPIC_KINDS[need]
    return (ServiceKind(need),) if need in ServiceKind.__members__ else tuple(ServiceKind)


# --- the entry and its CSV columns -------------------------------------------------------------


@lru_cache(maxsize=1)
def _cldr_languages() -> frozenset[str]:
    return frozenset(Locale("en").languages)


def _split(value: object) -> object:
    if isinstance(value, str):
        return [part.strip() for part in value.split(LIST_SEPARATOR) if part.strip()]
    return value


def _language_code(code: str) -> str:
    code = code.strip().lower().replace("-", "_")
    if code not in _cldr_languages():
        raise ValueError(f"unknown language code {code!r} (use ISO 639 codes such as th, km, my, en)")
    return code


def _country_code(code: str) -> str:
    code = code.strip().upper()
    if code not in cldr_countries():
        raise ValueError(f"unknown country code {code!r} (use ISO 3166 codes such as TH, KH, VN, MM, LA, GB)")
    return code


def _opening_hours(value: str) -> str:
    problem = hours_problem(value)
    if problem:
        raise ValueError(problem)
    return value.strip()


LanguageCode = Annotated[str, AfterValidator(_language_code)]
OpeningHours = Annotated[str, Field(max_length=300), AfterValidator(_opening_hours)]
CountryCode = Annotated[str, AfterValidator(_country_code)]
Age = Annotated[int, Field(ge=0, le=120)]


class Service(BaseModel):
    """One service. Field names are the CSV's column names."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)

    id: Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$")]
    name: Annotated[str, Field(min_length=1, max_length=200)]
    kinds: Annotated[tuple[ServiceKind, ...], Field(min_length=1), BeforeValidator(_split)]
    country: CountryCode
    province: Annotated[str, Field(max_length=100)] | None = None
    city: Annotated[str, Field(max_length=100)] | None = None
    latitude: Annotated[float, Field(ge=-90, le=90)] | None = None
    longitude: Annotated[float, Field(ge=-180, le=180)] | None = None
    languages: Annotated[tuple[LanguageCode, ...], Field(min_length=1), BeforeValidator(_split)]
    hours: OpeningHours | None = None  # Mo-Fr 09:00-17:00; Sa 10:00-14:00, or 24/7: shown in every language
    contact: Annotated[
        str, Field(min_length=1, max_length=500)
    ]  # `;`-separated; `caseworker`, `walk-in` are translated
    min_age: Age | None = None
    max_age: Age | None = None
    genders: Annotated[tuple[Gender, ...], BeforeValidator(_split)] = ()  # empty: everyone
    nationalities: Annotated[tuple[CountryCode, ...], BeforeValidator(_split)] = ()  # empty: any nationality
    serves_children: bool | None = None  # None: not known
    serves_undocumented: bool | None = None  # people without papers; None: not known
    sample: bool = False
    verified_on: dt.date | None = None

    @property
    def serves_men(self) -> bool:
        return not self.genders or Gender.men in self.genders

    @property
    def coordinates(self) -> tuple[float, float] | None:
        return (self.latitude, self.longitude) if self.latitude is not None and self.longitude is not None else None


COLUMNS = tuple(Service.model_fields)
REQUIRED_COLUMNS = tuple(name for name, info in Service.model_fields.items() if info.is_required())


def _row_problems(service: Service) -> list[tuple[str, str]]:
    """(column, problem) checks across columns."""
    problems = []
    if (service.latitude is None) != (service.longitude is None):
        missing = "longitude" if service.longitude is None else "latitude"
        problems.append((missing, "give both latitude and longitude, or neither"))
    if service.min_age is not None and service.max_age is not None and service.min_age > service.max_age:
        problems.append(("max_age", f"max_age {service.max_age} is below min_age {service.min_age}"))
    says_sample = service.name.startswith("SAMPLE")
    if service.sample and not says_sample:
        problems.append(("name", "a sample entry's name must start with SAMPLE"))
    if says_sample and not service.sample:
        problems.append(("sample", "the name says SAMPLE: write yes in the sample column"))
    for column in ("name", "contact", "hours"):
        if service.sample and PHONE_LIKE.search(getattr(service, column) or ""):
            problems.append((column, "a sample entry must not carry anything that looks like a phone number"))
    return problems


# --- reading a CSV file ------------------------------------------------------------------------


class DirectoryFileError(ValueError):
    """The file cannot be read at all (missing, not UTF-8)."""


@dataclass(frozen=True)
class RowError:
    row: int  # line in the file; the header is row 1
    column: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}, column {self.column!r}: {self.message}"


@dataclass
class ParseResult:
    services: list[Service] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    rows: int = 0  # data rows read, blank rows aside
    blank: int = 0
    rejected_rows: set[int] = field(default_factory=set)
    rejected_ids: set[str] = field(default_factory=set)  # kept as they were by an import with --replace

    @property
    def rejected(self) -> int:
        return self.rows - len(self.services)


ERROR_WORDING = {
    "missing": "required, but empty",
    "bool_parsing": "expected yes or no",
    "int_parsing": "expected a whole number",
    "float_parsing": "expected a number such as 18.79",
    "string_pattern_mismatch": "use only letters, digits, '.', '_' and '-' (at most 64 characters)",
    "too_short": "needs at least one value",
    "string_too_short": "required, but empty",
}


def _wording(error: Any) -> str:
    kind = error["type"]
    if kind.startswith("date"):
        return f"expected a date as YYYY-MM-DD, got {error['input']!r}"
    if kind == "enum":
        return f"unknown value {error['input']!r}; expected one of: {error['ctx']['expected']}"
    wording = ERROR_WORDING.get(kind) or str(error["msg"]).removeprefix("Value error, ")
    shown = isinstance(error.get("input"), str) and kind not in ("missing", "value_error")
    return f"{wording} (got {error['input']!r})" if shown else wording


def _header_errors(header: list[str]) -> list[RowError]:
    named = [name for name in header if not name.startswith(UNNAMED)]
    errors = [RowError(1, name, "unknown column") for name in named if name not in COLUMNS]
    errors += [RowError(1, name, "the column appears twice") for name in set(header) if header.count(name) > 1]
    errors += [RowError(1, name, "missing column (required)") for name in REQUIRED_COLUMNS if name not in header]
    return errors


def _parse_row(line: int, raw: dict[str | None, Any]) -> tuple[Service | None, list[RowError]]:
    if raw.get(None):
        return None, [RowError(line, "(extra)", f"more values than columns: {raw[None]!r}")]
    values = {name: value.strip() for name, value in raw.items() if name and value and value.strip()}
    unnamed = [
        RowError(line, name, "a value in a column without a name") for name in values if name.startswith(UNNAMED)
    ]
    if unnamed:
        return None, unnamed
    try:
        service = Service.model_validate(values)
    except ValidationError as error:
        failed = {e["loc"][0] for e in error.errors() if e["type"] != "too_short"}
        kept = [e for e in error.errors() if e["type"] != "too_short" or e["loc"][0] not in failed]
        return None, [RowError(line, str(e["loc"][0]), _wording(e)) for e in kept]
    problems = [RowError(line, column, message) for column, message in _row_problems(service)]
    return (None, problems) if problems else (service, [])


def parse_csv(text: str) -> ParseResult:
    """Every data row becomes a service or one or more row errors; blank rows are counted."""
    reader = csv.DictReader(io.StringIO(text))
    header = [name.strip().lower() or f"{UNNAMED}{i})" for i, name in enumerate(reader.fieldnames or [], 1)]
    reader.fieldnames = header
    result = ParseResult(errors=_header_errors(header))
    header_ok = not result.errors
    seen: dict[str, int] = {}
    for raw in reader:
        if not any((value or "").strip() for value in raw.values() if isinstance(value, str)) and not raw.get(None):
            result.blank += 1
            continue
        result.rows += 1
        service, errors = _parse_row(reader.line_num, raw) if header_ok else (None, [])
        if service and service.id in seen:
            errors = [RowError(reader.line_num, "id", f"id {service.id!r} is already used in row {seen[service.id]}")]
            service = None
        if service:
            seen[service.id] = reader.line_num
            result.services.append(service)
            continue
        result.errors += errors
        result.rejected_rows.add(reader.line_num)
        result.rejected_ids |= {(raw.get("id") or "").strip()} - {""}
    return result


def read_csv(path: Path) -> ParseResult:
    try:
        return parse_csv(path.read_text(encoding="utf-8-sig"))
    except FileNotFoundError as error:
        raise DirectoryFileError(f"{path}: no such file") from error
    except UnicodeDecodeError as error:
        raise DirectoryFileError(f"{path}: not UTF-8 text (save the spreadsheet as CSV UTF-8)") from error


# --- the table ---------------------------------------------------------------------------------


class ServiceRow(Base):
    """A directory entry. Public information about an organisation; nothing about any person."""

    __tablename__ = "services"

    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    kinds: Mapped[list] = mapped_column(JSON)
    country: Mapped[str] = mapped_column(String(2), index=True)
    province: Mapped[str | None] = mapped_column(String(100))
    city: Mapped[str | None] = mapped_column(String(100))
    latitude: Mapped[float | None] = mapped_column(Float)
    longitude: Mapped[float | None] = mapped_column(Float)
    languages: Mapped[list] = mapped_column(JSON)
    hours: Mapped[str | None] = mapped_column(String(300))
    contact: Mapped[str] = mapped_column(String(500))
    min_age: Mapped[int | None] = mapped_column(Integer)
    max_age: Mapped[int | None] = mapped_column(Integer)
    genders: Mapped[list] = mapped_column(JSON)
    nationalities: Mapped[list] = mapped_column(JSON)
    serves_men: Mapped[bool] = mapped_column(Boolean)
    serves_children: Mapped[bool | None] = mapped_column(Boolean)
    serves_undocumented: Mapped[bool | None] = mapped_column(Boolean)
    sample: Mapped[bool] = mapped_column(Boolean, default=False)
    verified_on: Mapped[dt.date | None] = mapped_column(Date)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)

    def to_service(self) -> Service:
        return Service.model_validate({name: getattr(self, name) for name in COLUMNS})


def _row_values(service: Service) -> dict[str, Any]:
    values = {name: list(v) if isinstance(v, tuple) else v for name, v in service.model_dump().items()}
    return {**values, "serves_men": service.serves_men}


@dataclass(frozen=True)
class ImportResult:
    added: int
    updated: int
    unchanged: int
    removed: int


def import_services(
    session: Session, services: Iterable[Service], *, replace: bool = False, keep: Iterable[str] = ()
) -> ImportResult:
    """Insert or update by id. With `replace`, remove entries not in `services` nor in `keep`."""
    existing = {row.id: row for row in session.scalars(select(ServiceRow))}
    added = updated = unchanged = removed = 0
    services = list(services)
    for service in services:
        row = existing.get(service.id)
        if row is None:
            session.add(ServiceRow(**_row_values(service)))
            added += 1
        elif row.to_service() == service:
            unchanged += 1
        else:
            for name, value in _row_values(service).items():
                setattr(row, name, value)
            updated += 1
    if replace:
        wanted = {s.id for s in services} | set(keep)
        for row_id, row in existing.items():
            if row_id not in wanted:
                session.delete(row)
                removed += 1
    session.flush()
    return ImportResult(added, updated, unchanged, removed)


def import_file(session: Session, path: Path, *, replace: bool = False) -> tuple[ParseResult, ImportResult]:
    """Import the valid rows of a CSV file. `replace` keeps the old version of rejected rows' ids and is
    refused (nothing removed) when the file has no valid row."""
    parsed = read_csv(path)
    replace = replace and bool(parsed.services)
    return parsed, import_services(session, parsed.services, replace=replace, keep=parsed.rejected_ids)


def import_summary(parsed: ParseResult, result: ImportResult) -> str:
    imported = result.added + result.updated + result.unchanged
    return (
        f"{parsed.rows} row(s) read: {imported} imported ({result.added} new, {result.updated} updated, "
        f"{result.unchanged} unchanged), {parsed.rejected} rejected, {result.removed} removed"
        + (f"; {parsed.blank} blank row(s) skipped" if parsed.blank else "")
    )


def location_warnings(services: Iterable[Service], gazetteer: Gazetteer) -> list[str]:
    """Cities and provinces the gazetteer does not know: such services are found by country only."""
    warnings = []
    where = f"is not in the gazetteer (content/{PLACES_FILE}): found by country only"
    for service in services:
        if service.city and not gazetteer.city(service.country, service.city):
            warnings.append(f"{service.id}: city {service.city!r} {where}")
        if service.province and not gazetteer.province(service.country, service.province):
            warnings.append(f"{service.id}: province {service.province!r} {where}")
    return warnings


def listing(session: Session, country: str | None = None, kind: str | None = None) -> list[str]:
    rows = session.scalars(select(ServiceRow).order_by(ServiceRow.country, ServiceRow.city, ServiceRow.name))
    lines = []
    for service in (row.to_service() for row in rows):
        if (country and service.country != country.upper()) or (kind and kind not in service.kinds):
            continue
        area = ", ".join(p for p in (service.city, service.province, service.country) if p)
        columns = [service.id, service.name, ";".join(service.kinds), area, ";".join(service.languages)]
        lines.append("\t".join(columns + (["SAMPLE"] if service.sample else [])))
    return lines


def import_sample_if_empty(session: Session, content_dir: Path) -> int:
    """For a demonstration deployment: load the SAMPLE directory when the table is empty."""
    if session.scalars(select(ServiceRow.id).limit(1)).first() is not None:
        return 0
    parsed = read_csv(content_dir / SAMPLE_FILE)
    return import_services(session, parsed.services).added


# --- searching ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Match:
    service: Service
    tier: int  # SAME_CITY, SAME_PROVINCE or SAME_COUNTRY (also when no place was named)
    distance_km: float | None
    city: Place | None  # the service's city or province in the gazetteer, for wording
    province: Place | None


@dataclass(frozen=True)
class DirectorySearch:
    place: Place | None  # named in the message
    language: str | None  # the language the person wants the service to speak, named in the message
    kinds: tuple[ServiceKind, ...]
    matches: tuple[Match, ...]  # nearest first
    has_samples: bool  # the directory holds SAMPLE entries

    @property
    def services(self) -> list[Service]:
        return [match.service for match in self.matches]

    @property
    def nearby(self) -> bool:
        """The first match is in the named city or province (or no city or province was named)."""
        local = self.place is None or self.place.kind == "country"
        return bool(self.matches) and (local or self.matches[0].tier <= SAME_PROVINCE)


@lru_cache(maxsize=4)
def _served(locales_dir: str) -> tuple[str, ...]:
    return tuple(LanguageRegistry(Path(locales_dir)).codes)


def directory_gazetteer(content_dir: Path | None = None, locales_dir: Path | None = None) -> Gazetteer:
    content_dir = content_dir or PROJECT_ROOT / "content"
    served = _served(str(locales_dir or PROJECT_ROOT / "locales"))
    return load_gazetteer(str(content_dir / PLACES_FILE), served)


def _match(service: Service, place: Place | None, gazetteer: Gazetteer) -> Match:
    city = gazetteer.city(service.country, service.city)
    province = gazetteer.province(service.country, service.province) or gazetteer.province_of(city)
    known = city or province
    here = service.coordinates or (known.coordinates if known else None)
    there = place.coordinates if place else None
    distance = distance_km(here, there) if here and there else None
    return Match(service, _tier(city, province, place), distance, city, province)


def _tier(city: Place | None, province: Place | None, place: Place | None) -> int:
    if place is None:
        return SAME_COUNTRY
    if place.kind == "city" and city and city.id == place.id:
        return SAME_CITY
    return SAME_PROVINCE if province and province.id == place.province else SAME_COUNTRY


def _order(match: Match) -> tuple:
    distance, service = match.distance_km, match.service
    return (match.tier, distance is None, distance or 0.0, service.city is not None, service.name.casefold())


# Directory version (database, row count, newest change) -> languages its services speak. Read on
# every topic answer, so it is kept until the table changes rather than read row by row each time.
_SPOKEN_CACHE: dict[tuple[str, int, str], frozenset[str]] = {}


def languages_spoken(session: Session) -> frozenset[str]:
    count, newest = session.execute(select(func.count(ServiceRow.id), func.max(ServiceRow.updated_at))).one()
    key = (str(session.get_bind().url), int(count or 0), str(newest))
    if key not in _SPOKEN_CACHE:
        if len(_SPOKEN_CACHE) >= 16:
            _SPOKEN_CACHE.clear()
        spoken = session.scalars(select(ServiceRow.languages))
        _SPOKEN_CACHE[key] = frozenset(code for codes in spoken for code in codes)
    return _SPOKEN_CACHE[key]


def search_services(
    session: Session,
    text: str,
    need: str | None,
    country: str | None,
    *,
    content_dir: Path | None = None,
    locales_dir: Path | None = None,
    only_if_named: bool = False,
) -> DirectorySearch:
    """Services for a need (a topic key such as "shelter", or a ServiceKind), near the place the message
    names, speaking the language it names; limited to `country` (a jurisdiction key) when no place is named.
    Same city first, then same province, then the rest of the country, nearest first. With `only_if_named`,
    a message that names neither a place nor a language is not searched at all (no rows are read)."""
    gazetteer = directory_gazetteer(content_dir, locales_dir)
    reading = gazetteer.read(text, tuple(sorted(set(gazetteer.served) | languages_spoken(session))))
    kinds = kinds_for(need)
    if only_if_named and reading.place is None and reading.language is None:
        return DirectorySearch(None, None, kinds, (), False)
    everything = [row.to_service() for row in session.scalars(select(ServiceRow))]
    where = reading.place.country if reading.place else country_code(country)

    def wanted(service: Service) -> bool:
        speaks = reading.language is None or reading.language in service.languages
        return speaks and (not where or service.country == where) and bool(set(service.kinds) & set(kinds))

    matches = sorted((_match(s, reading.place, gazetteer) for s in everything if wanted(s)), key=_order)
    return DirectorySearch(reading.place, reading.language, kinds, tuple(matches), any(s.sample for s in everything))


# --- wording -----------------------------------------------------------------------------------

INTRO_NEAR = N_("Services I know near {place}:")
INTRO_IN = N_("Services I know in {place}:")
INTRO_ANYWHERE = N_("Services I know:")
INTRO_NEAREST = N_("I do not know a service for that in {place}. These are the nearest I know:")
LANGUAGE_NOTE = N_("I looked only for services where people speak {language_name}.")
NO_MATCH_PLACE = N_(
    "I do not know a service for that in {place}. A caseworker may know more: write HUMAN to ask for one."
)
NO_MATCH = N_("I do not know a service for that. A caseworker may know more: write HUMAN to ask for one.")
ASK_PLACE = N_("Tell me your town or province and I can look for the nearest.")
SAMPLE_NOTE = N_("This directory is a SAMPLE for a demonstration: these are not real services.")
SERVICE_LINE = N_("{number}. {name}, {area}")
LANGUAGES_LINE = N_("Languages: {languages}")
CONTACT_LINE = N_("Contact: {contact}")
HOURS_LINE = N_("Hours: {hours}")
# Contact words a directory may use instead of text, so that they are shown in the person's language.
CONTACT_WORDS = {
    "caseworker": N_("ask a caseworker here to put you in touch"),
    "walk-in": N_("walk in during opening hours"),
}
FOR_WOMEN = N_("For women only.")
FOR_MEN = N_("For men only.")
FOR_ADULTS = N_("For adults only.")
FOR_AGES = N_("For ages {min_age} to {max_age}.")
FROM_AGE = N_("From age {min_age}.")
UP_TO_AGE = N_("Up to age {max_age}.")
CHILDREN_WELCOME = N_("Children welcome.")
NO_PAPERS_NEEDED = N_("You do not need papers.")
FOR_NATIONALITIES = N_("Only for people from {countries}.")
ADULT_AGE = 18


class RenderTarget(Protocol):
    """What wording needs from the conversation (lantern.responses.RenderContext has it)."""

    language: str
    locales_dir: Path


def _language_name(code: str, language: str) -> str:
    for locale_code in (language, "en"):
        name = Locale.parse(locale_code).languages.get(code)
        if name:
            return name
    return code


def _area(match: Match, language: str) -> str:
    service = match.service
    if match.city:
        return match.city.display(language)
    if service.city:
        return service.city
    if match.province:
        return match.province.display(language)
    return service.province or country_name(service.country, language)


def _ages(service: Service, say: Callable[..., str]) -> list[str]:
    low, high = service.min_age, service.max_age
    if low is not None and high is not None:
        return [say(FOR_AGES, min_age=low, max_age=high)]
    if low is not None:
        return [say(FOR_ADULTS) if low == ADULT_AGE else say(FROM_AGE, min_age=low)]
    return [say(UP_TO_AGE, max_age=high)] if high is not None else []


def _eligibility(service: Service, say: Callable[..., str], language: str) -> str:
    """Who the service is for, in short sentences; empty when it is for everyone."""
    parts = {(Gender.women,): [say(FOR_WOMEN)], (Gender.men,): [say(FOR_MEN)]}.get(service.genders, [])
    parts += _ages(service, say)
    if service.nationalities:
        countries = [country_name(code, language) for code in service.nationalities]
        parts.append(say(FOR_NATIONALITIES, countries=format_list(countries, locale=language)))
    parts += [say(CHILDREN_WELCOME)] if service.serves_children else []
    parts += [say(NO_PAPERS_NEEDED)] if service.serves_undocumented else []
    return " ".join(parts)


def _contact(contact: str, say: Callable[..., str]) -> str:
    parts = [part.strip() for part in contact.split(";") if part.strip()]
    return "; ".join(say(CONTACT_WORDS[p.casefold()]) if p.casefold() in CONTACT_WORDS else p for p in parts)


def _service_lines(number: int, match: Match, say: Callable[..., str], language: str) -> list[str]:
    service = match.service
    names = [_language_name(code, language) for code in service.languages]
    lines = [
        say(SERVICE_LINE, number=number, name=service.name, area=_area(match, language)),
        say(LANGUAGES_LINE, languages=format_list(names, locale=language)),
        say(CONTACT_LINE, contact=_contact(service.contact, say)),
    ]
    lines += [say(HOURS_LINE, hours=show_hours(service.hours, language))] if service.hours else []
    eligibility = _eligibility(service, say, language)
    return lines + ([eligibility] if eligibility else [])


def _intro(search: DirectorySearch, say: Callable[..., str], place: str | None) -> str:
    if not search.matches:
        return say(NO_MATCH_PLACE, place=place) if place else say(NO_MATCH)
    if search.place is None:
        return say(INTRO_ANYWHERE)
    if search.place.kind == "country":
        return say(INTRO_IN, place=place)
    return say(INTRO_NEAR, place=place) if search.nearby else say(INTRO_NEAREST, place=place)


def _shown(search: DirectorySearch) -> tuple[Match, ...]:
    """Near a named city or province, only the services there when there are any; else the nearest."""
    if search.place is None or search.place.kind == "country" or not search.nearby:
        return search.matches
    return tuple(match for match in search.matches if match.tier <= SAME_PROVINCE)


def format_search(search: DirectorySearch, ctx: RenderTarget, limit: int = MAX_SHOWN) -> str:
    """The answer in the conversation's language: at most `limit` services, or an honest "I do not know"
    with a caseworker offer; says when the entries are samples."""

    def say(message: str, **params: object) -> str:
        return translate(ctx.locales_dir, ctx.language, message, **params)

    place = search.place.display(ctx.language) if search.place else None
    lines = [say(LANGUAGE_NOTE, language_name=_language_name(search.language, ctx.language))] if search.language else []
    lines.append(_intro(search, say, place))
    shown = _shown(search)[:limit]
    for number, match in enumerate(shown, start=1):
        lines += _service_lines(number, match, say, ctx.language)
    if search.matches and search.place is None:
        lines.append(say(ASK_PLACE))
    if any(m.service.sample for m in shown) or (search.has_samples and not shown):
        lines.append(say(SAMPLE_NOTE))
    return "\n".join(lines)
