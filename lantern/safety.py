"""Safety signs in what a person writes, in every language, checked before the NLU:

- danger now (`danger_phrases.yml`): answered as an emergency, whatever the NLU's confidence;
- thoughts of suicide or self-harm (`self_harm_phrases.yml`): answered with crisis support;
- signs that the person is under 18 (`child_signs.yml`): answered with the child-protection route.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

import yaml

from lantern.keywords import fold

SAFETY_DIR = Path("safety")
DANGER_FILE = SAFETY_DIR / "danger_phrases.yml"
SELF_HARM_FILE = SAFETY_DIR / "self_harm_phrases.yml"
CHILD_FILE = SAFETY_DIR / "child_signs.yml"
CHILD_AGES = range(8, 18)
# After an age, these words make it a duration ("I'm 12 weeks pregnant", "15 days"), not an age.
DURATION_WORDS = frozenset(
    [
        "week",
        "weeks",
        "month",
        "months",
        "day",
        "days",
        "hour",
        "hours",
        "hrs",
        "km",
        "kms",
        "semana",
        "semanas",
        "mes",
        "meses",
        "dia",
        "dias",
        "semaine",
        "semaines",
        "mois",
        "jour",
        "jours",
        "heures",
        "saptamani",
        "luni",
        "zile",
        "jave",
        "muaj",
        "dite",
    ]
)
PUNCTUATION = re.compile(r"[!-&(-/:-@\[-`{-~¡¿。，！？、…]+")


class Sign(StrEnum):
    self_harm = "self_harm"
    danger = "danger"
    child = "child"


def _read(content_dir: str, name: Path) -> dict:
    return yaml.safe_load((Path(content_dir) / name).read_text(encoding="utf-8")) or {}


@lru_cache(maxsize=8)
def _phrase_lists(content_dir: str, name: Path) -> dict[str, tuple[str, ...]]:
    return {code: tuple(normalise(p) for p in phrases) for code, phrases in _read(content_dir, name).items()}


def danger_phrases(content_dir: str) -> dict[str, tuple[str, ...]]:
    return _phrase_lists(content_dir, DANGER_FILE)


def self_harm_phrases(content_dir: str) -> dict[str, tuple[str, ...]]:
    return _phrase_lists(content_dir, SELF_HARM_FILE)


@lru_cache(maxsize=4)
def child_phrases(content_dir: str) -> dict[str, tuple[str, ...]]:
    result: dict[str, tuple[str, ...]] = {}
    for code, signs in _read(content_dir, CHILD_FILE).items():
        ages = [t.replace("{age}", str(age)) for t in signs.get("ages", []) for age in CHILD_AGES]
        result[code] = tuple(normalise(p) for p in [*signs.get("phrases", []), *ages])
    return result


def ascii_digits(text: str) -> str:
    """Thai, Lao, Khmer, Burmese, Arabic-Indic (and other) digits as ASCII digits."""
    return "".join(str(unicodedata.digit(ch)) if ch.isdigit() and not ch.isascii() else ch for ch in text)


def normalise(text: str) -> str:
    """Folded, digits in ASCII, punctuation as spaces, one space between words; the same for
    phrases and messages."""
    return " ".join(PUNCTUATION.sub(" ", fold(ascii_digits(text.replace("’", "'")))).split())


def _is_duration(folded: str, needle: str) -> bool:
    """An ASCII phrase that ends in a number, followed by a duration word at each occurrence."""
    if not needle[:-1].rstrip()[-1:].isdigit():
        return False
    rests = folded.split(needle)[1:]
    return all(rest.split()[:1] and rest.split()[0] in DURATION_WORDS for rest in rests)


def _contains_any(text: str, phrases_by_language: dict[str, tuple[str, ...]]) -> bool:
    """ASCII phrases match whole words; phrases in other scripts (often written without spaces)
    match anywhere."""
    folded = f" {normalise(text)} "
    for phrases in phrases_by_language.values():
        for phrase in phrases:
            needle = f" {phrase} " if phrase.isascii() else phrase
            if needle in folded and not (phrase.isascii() and _is_duration(folded, needle)):
                return True
    return False


def sounds_like_danger(text: str, content_dir: Path) -> bool:
    return _contains_any(text, danger_phrases(str(content_dir)))


def safety_sign(text: str, content_dir: Path) -> Sign | None:
    """The most urgent sign in a message. Self-harm comes first: many of its phrases ("I will kill
    myself") also contain a danger phrase, and the person needs crisis support, not an escape plan."""
    if _contains_any(text, self_harm_phrases(str(content_dir))):
        return Sign.self_harm
    if sounds_like_danger(text, content_dir):
        return Sign.danger
    if _contains_any(text, child_phrases(str(content_dir))):
        return Sign.child
    return None
