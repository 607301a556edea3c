"""Language identification for short messages: the script first, then lingua among same-script languages."""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from lantern.languages import Language

# Unicode blocks of the scripts Lantern's languages use (ISO 15924 codes as CLDR names them).
SCRIPT_RANGES: dict[str, tuple[tuple[int, int], ...]] = {
    "Thai": ((0x0E00, 0x0E7F),),
    "Laoo": ((0x0E80, 0x0EFF),),
    "Khmr": ((0x1780, 0x17FF), (0x19E0, 0x19FF)),
    "Mymr": ((0x1000, 0x109F), (0xAA60, 0xAA7F), (0xA9E0, 0xA9FF)),
    "Arab": ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF)),
    "Hans": ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF)),
    "Cyrl": ((0x0400, 0x04FF),),
}
# Lingua's names for Lantern's Latin-script languages (ISO 639-1 -> lingua IsoCode639_1 name).
MIN_LETTERS_FOR_LATIN = 4


@dataclass(frozen=True)
class Detection:
    language: str | None
    confidence: float


def script_of_char(char: str) -> str | None:
    point = ord(char)
    for script, ranges in SCRIPT_RANGES.items():
        if any(low <= point <= high for low, high in ranges):
            return script
    if char.isalpha() and unicodedata.name(char, "").startswith("LATIN"):
        return "Latn"
    return None


def dominant_script(text: str) -> tuple[str | None, int]:
    """The script of the message; a non-Latin script wins over Latin, since people mix
    English words into their own language far more often than the other way round."""
    counts = Counter(s for s in map(script_of_char, text) if s)
    if not counts:
        return None, 0
    non_latin = [(script, n) for script, n in counts.most_common() if script != "Latn" and n >= 2]
    return non_latin[0] if non_latin else counts.most_common(1)[0]


@lru_cache(maxsize=8)
def _lingua_detector(codes: tuple[str, ...]):  # type: ignore[no-untyped-def]
    from lingua import IsoCode639_1, LanguageDetectorBuilder

    isos = [getattr(IsoCode639_1, code.upper()) for code in codes]
    return LanguageDetectorBuilder.from_iso_codes_639_1(*isos).with_preloaded_language_models().build()


def _lingua_guess(text: str, codes: tuple[str, ...]) -> Detection:
    detector = _lingua_detector(codes)
    values = detector.compute_language_confidence_values(text)
    if not values:
        return Detection(None, 0.0)
    best = values[0]
    return Detection(best.language.iso_code_639_1.name.lower(), float(best.value))


def detect_language(text: str, languages: tuple[Language, ...]) -> Detection:
    """Guess the language of `text` among `languages`; confidence is 0..1."""
    script, letters = dominant_script(text)
    if script is None:
        return Detection(None, 0.0)
    candidates = tuple(sorted(lang.code for lang in languages if lang.script == script))
    if not candidates:
        return Detection(None, 0.0)
    if len(candidates) == 1:
        sure = script != "Latn" or letters >= MIN_LETTERS_FOR_LATIN
        return Detection(candidates[0], 1.0 if sure else 0.5)
    if letters < MIN_LETTERS_FOR_LATIN:
        return Detection(None, 0.0)
    return _lingua_guess(text, candidates)
