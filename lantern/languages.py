"""The supported languages, with names and text direction from CLDR (Babel)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml
from babel import Locale
from babel.core import get_global


@dataclass(frozen=True)
class Language:
    code: str
    name: str  # in its own script
    english_name: str
    direction: str  # "ltr" | "rtl"
    script: str  # ISO 15924, from CLDR likely subtags


def _script_of(code: str) -> str:
    likely = get_global("likely_subtags").get(code, "")
    parts = likely.split("_")
    return parts[1] if len(parts) > 2 else "Latn"


def describe(code: str) -> Language:
    locale = Locale.parse(code)
    name = locale.get_display_name(code) or code
    return Language(
        code=code,
        name=name[:1].upper() + name[1:],
        english_name=locale.get_display_name("en") or code,
        direction=locale.text_direction,
        script=_script_of(code),
    )


@lru_cache(maxsize=4)
def _load(path: str) -> tuple[str, tuple[Language, ...]]:
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    return data["default"], tuple(describe(code) for code in data["languages"])


class LanguageRegistry:
    def __init__(self, locales_dir: Path) -> None:
        self.default, self.languages = _load(str(locales_dir / "languages.yml"))
        self.by_code = {lang.code: lang for lang in self.languages}

    @property
    def codes(self) -> list[str]:
        return [lang.code for lang in self.languages]

    def supported(self, code: str | None) -> bool:
        return bool(code) and code in self.by_code

    def get(self, code: str | None) -> Language:
        return self.by_code.get(code or "", self.by_code[self.default])

    def negotiate(self, accept_language: str | None) -> str:
        """Pick a supported language from an Accept-Language header."""
        if not accept_language:
            return self.default
        preferred = [part.split(";")[0].strip().replace("-", "_") for part in accept_language.split(",")]
        return Locale.negotiate(preferred, self.codes, sep="_") or self.default
