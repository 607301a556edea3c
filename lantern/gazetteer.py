"""Places and language names in a message, for the service directory.

`content/directory/places.yml` lists countries, provinces and cities with their names in several
languages and scripts and approximate coordinates; country names in every served language also come
from CLDR (Babel), and language names from CLDR too. Matching is on folded text
(`lantern.keywords.fold`): a Latin name must stand as a whole word, a name in a script written without
spaces (Thai, Lao, Khmer, Burmese, Chinese) may sit anywhere. Where names overlap, the longest wins
("ภาษาเวียดนาม" is the language, "ประเทศไทย" the country).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

import yaml
from babel import Locale, UnknownLocaleError
from pydantic import BaseModel, ConfigDict, Field

from lantern.keywords import fold
from lantern.zawgyi import to_unicode_if_zawgyi

PLACES_FILE = Path("directory") / "places.yml"

# Words that make a bare name a country or a language, per script's language: (before, after).
COUNTRY_WORDS: dict[str, tuple[tuple[str, str], ...]] = {
    "th": (("ประเทศ", ""),),
    "lo": (("ປະເທດ", ""),),
    "km": (("ប្រទេស", ""),),
    "my": (("", "နိုင်ငံ"),),
}
# "... language", "speak ...": (before, after).
LANGUAGE_WORDS: dict[str, tuple[tuple[str, str], ...]] = {
    "th": (("ภาษา", ""), ("พูด", "")),
    "lo": (("ພາສາ", ""), ("ເວົ້າ", "")),
    "km": (("ភាសា", ""), ("និយាយ", "")),
    "my": (("", "ဘာသာ"), ("", "စကား"), ("", "လို")),
}
# Their own names also mean the people or the country (and ລາວ is "he, she"): only "... language" or
# "speak ..." counts (ภาษาไทย, พูดไทย; ភាសាខ្មែរ, និយាយខ្មែរ).
OWN_NAME_NEEDS_WORD = frozenset(LANGUAGE_WORDS)
EXTRA_LANGUAGE_NAMES: dict[str, tuple[str, ...]] = {"zh": ("Mandarin",), "my": ("Myanmar language",)}

LATIN = "0-9a-z\u00c0-\u024f"
KIND_RANK = {"city": 0, "province": 1, "country": 2}
EARTH_RADIUS_KM = 6371.0


def key(text: str) -> str:
    """The folded form names are compared in: case, Latin accents, spacing and Zawgyi encoding aside."""
    folded = fold(to_unicode_if_zawgyi(text)).translate({0x111: "d", 0xF0: "d", 0x200B: None, 0xFEFF: None})
    return " ".join(folded.split())


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


Names = dict[str, list[str]]  # language code -> names in that language


class CountrySpec(_Strict):
    names: Names = {}


class PlaceSpec(_Strict):
    id: Annotated[str, Field(pattern=r"^[a-z]{2}-[a-z0-9-]+$")]
    country: Annotated[str, Field(pattern=r"^[A-Z]{2}$")]
    province: str | None = None
    coordinates: tuple[float, float] | None = None
    names: Names


class GazetteerFile(_Strict):
    countries: dict[str, CountrySpec]
    provinces: list[PlaceSpec]
    cities: list[PlaceSpec]


class Place(_Strict):
    """A city, a province (state, region) or a country."""

    id: str
    kind: Literal["city", "province", "country"]
    country: str
    province: str | None = None  # a city's province id; a province's own id
    coordinates: tuple[float, float] | None = None
    names: Names

    def display(self, language: str) -> str:
        for code in (language, "en"):
            if self.names.get(code):
                return self.names[code][0]
        return next(iter(self.names.values()))[0]

    def name_keys(self) -> frozenset[str]:
        return frozenset(key(name) for names in self.names.values() for name in names)


@dataclass(frozen=True)
class Reading:
    """What a message says about where and in which language."""

    place: Place | None
    language: str | None


@dataclass(frozen=True)
class _Matcher:
    pattern: re.Pattern[str]
    needle: str
    rank: int
    place: Place | None = None
    language: str | None = None


def _pattern(name_key: str) -> re.Pattern[str]:
    parts = [re.escape(part) for part in re.split(r"[\s-]+", name_key) if part]
    body = r"[\s-]*".join(parts)
    before = f"(?<![{LATIN}])" if re.match(f"[{LATIN}]", name_key) else ""
    after = f"(?![{LATIN}])" if re.search(f"[{LATIN}]$", name_key) else ""
    return re.compile(before + body + after)


def _matcher(name: str, rank: int, place: Place | None = None, language: str | None = None) -> _Matcher:
    name_key = key(name)
    return _Matcher(_pattern(name_key), re.split(r"[\s-]+", name_key)[0], rank, place, language)


def _locale(code: str) -> Locale | None:
    try:
        return Locale.parse(code)
    except (UnknownLocaleError, ValueError):
        return None


def _wrapped(name: str, words: tuple[tuple[str, str], ...]) -> list[str]:
    return [" ".join(part for part in (before, name, after) if part) for before, after in words]


def language_names(code: str, served: tuple[str, ...]) -> list[str]:
    """A language's names in English, in itself and in every served language (CLDR)."""
    names = list(EXTRA_LANGUAGE_NAMES.get(code, ()))
    for locale_code in dict.fromkeys(("en", *served, code)):
        locale = _locale(locale_code)
        name = locale.languages.get(code) if locale else None
        if not name:
            continue
        if not (locale_code == code and code in OWN_NAME_NEEDS_WORD):
            names.append(name)
        names += _wrapped(name, LANGUAGE_WORDS.get(locale_code, ()))
    return list(dict.fromkeys(names))


def _bare_language_keys(served: tuple[str, ...]) -> frozenset[str]:
    keys: set[str] = set()
    for code in served:
        for locale_code in served:
            locale = _locale(locale_code)
            if locale and locale.languages.get(code):
                keys.add(key(locale.languages[code]))
    return frozenset(keys)


def _territory_names(country: str, served: tuple[str, ...]) -> Names:
    """CLDR's names of a country; "Myanmar (Burma)" gives both names."""
    names: Names = {}
    for code in served:
        locale = _locale(code)
        full = locale.territories.get(country) if locale else None
        if full:
            names[code] = [part.strip(" )") for part in full.split("(") if part.strip(" )")]
    return names


def _country_place(code: str, spec: CountrySpec, served: tuple[str, ...]) -> Place:
    names: Names = {}
    for found in (spec.names, _territory_names(code, served)):
        for lang, values in found.items():
            names[lang] = [*names.get(lang, []), *values]
    for lang, values in names.items():
        wrapped = [w for value in values for w in _wrapped(value, COUNTRY_WORDS.get(lang, ()))]
        names[lang] = list(dict.fromkeys([*values, *wrapped]))
    return Place(id=code, kind="country", country=code, names=names)


class Gazetteer:
    def __init__(self, data: GazetteerFile, served: tuple[str, ...]) -> None:
        self.served = served
        self.countries = {code: _country_place(code, spec, served) for code, spec in data.countries.items()}
        self.provinces = {p.id: Place(kind="province", **{**p.model_dump(), "province": p.id}) for p in data.provinces}
        self.cities = {c.id: Place(kind="city", **c.model_dump()) for c in data.cities}
        self._by_key: dict[tuple[str, str, str], Place] = {}
        for place in [*self.cities.values(), *self.provinces.values()]:
            for name_key in place.name_keys():
                self._by_key.setdefault((place.kind, place.country, name_key), place)
        self._matchers = self._place_matchers(_bare_language_keys(served))

    def _place_matchers(self, language_keys: frozenset[str]) -> list[_Matcher]:
        matchers = []
        for place in [*self.cities.values(), *self.provinces.values(), *self.countries.values()]:
            for name in dict.fromkeys(n for names in place.names.values() for n in names):
                if key(name) not in language_keys:
                    matchers.append(_matcher(name, KIND_RANK[place.kind], place=place))
        return matchers

    def city(self, country: str, name: str | None) -> Place | None:
        return self._by_key.get(("city", country, key(name))) if name else None

    def province(self, country: str, name: str | None) -> Place | None:
        return self._by_key.get(("province", country, key(name))) if name else None

    def province_of(self, place: Place | None) -> Place | None:
        return self.provinces.get(place.province) if place and place.province else None

    def read(self, text: str, languages: tuple[str, ...] = ()) -> Reading:
        """The place (most specific, then first) and the language (first) a message names."""
        folded = key(text)
        found = []
        for matcher in [*self._matchers, *_language_matchers(languages, self.served)]:
            if matcher.needle in folded:
                found += [(m.start(), m.end(), matcher) for m in matcher.pattern.finditer(folded)]
        kept: list[tuple[int, int, _Matcher]] = []
        for start, end, matcher in sorted(found, key=lambda f: (f[0] - f[1], f[2].rank, f[0])):
            if all(end <= s or start >= e for s, e, _ in kept):
                kept.append((start, end, matcher))
        places = sorted((m.rank, start, m.place) for start, _, m in kept if m.place)
        languages_found = sorted((start, m.language) for start, _, m in kept if m.language)
        return Reading(places[0][2] if places else None, languages_found[0][1] if languages_found else None)


@lru_cache(maxsize=16)
def _language_matchers(codes: tuple[str, ...], served: tuple[str, ...]) -> list[_Matcher]:
    return [_matcher(name, 3, language=code) for code in codes for name in language_names(code, served)]


@lru_cache(maxsize=4)
def load_gazetteer(path: str, served: tuple[str, ...]) -> Gazetteer:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return Gazetteer(GazetteerFile.model_validate(data), served)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine)."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(h))


def gazetteer_problems(gazetteer: Gazetteer) -> list[str]:
    """Provinces that do not exist or sit in another country; a name shared by two places of one kind."""
    problems = []
    for city in gazetteer.cities.values():
        province = gazetteer.provinces.get(city.province or "")
        if province is None or province.country != city.country:
            problems.append(f"city {city.id}: province {city.province!r} is not a province of {city.country}")
    seen: dict[tuple[str, str], str] = {}
    for place in [*gazetteer.cities.values(), *gazetteer.provinces.values(), *gazetteer.countries.values()]:
        for name_key in place.name_keys():
            other = seen.setdefault((place.kind, name_key), place.id)
            if other != place.id:
                problems.append(f"{place.kind} name {name_key!r} is used by both {other} and {place.id}")
    return problems
