"""Language identification for short messages: the script first, then lingua among same-script languages."""

from __future__ import annotations

import math
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import yaml

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
# Scripts written without spaces between words.
UNSPACED_SCRIPTS = frozenset({"Thai", "Laoo", "Khmr", "Mymr", "Hans"})
MIN_LETTERS_FOR_LATIN = 4
# Latin-letter messages a language of another script needs in its training data to be guessed from them.
MIN_ROMANIZED_EXAMPLES = 30


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


def _lingua_probabilities(text: str, codes: tuple[str, ...]) -> dict[str, float]:
    values = _lingua_detector(codes).compute_language_confidence_values(text)
    return {v.language.iso_code_639_1.name.lower(): float(v.value) for v in values}


NGRAM_SIZES = (1, 2, 3, 4)
SMOOTHING = 0.5


def _ngrams(text: str) -> list[str]:
    padded = f" {' '.join(text.casefold().split())} "
    return [padded[i : i + n] for n in NGRAM_SIZES for i in range(len(padded) - n + 1)]


@dataclass(frozen=True)
class CharNgramModel:
    """Naive Bayes over character n-grams, trained on Lantern's own training messages: it knows how
    people text about these topics, with and without diacritics, which general models do not."""

    log_prior: dict[str, float]
    log_likelihood: dict[str, dict[str, float]]
    unseen: dict[str, float]

    def probabilities(self, text: str) -> dict[str, float]:
        grams = _ngrams(text)
        scores = {
            code: self.log_prior[code] + sum(table.get(g, self.unseen[code]) for g in grams)
            for code, table in self.log_likelihood.items()
        }
        top = max(scores.values())
        exp = {code: math.exp(score - top) for code, score in scores.items()}
        total = sum(exp.values())
        return {code: value / total for code, value in exp.items()}


def _training_messages(folder: Path) -> list[str]:
    messages: list[str] = []
    for path in sorted(folder.glob("*.yml")):
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu", []):
            messages += [line.strip()[2:] for line in str(block.get("examples", "")).splitlines() if line.strip()]
    return messages


def _latin_messages(messages: list[str]) -> list[str]:
    return [m for m in messages if dominant_script(m)[0] == "Latn"]


@lru_cache(maxsize=32)
def romanized_languages(nlu_dir: str, codes: tuple[str, ...]) -> tuple[str, ...]:
    """Languages of another script that people also type in Latin letters (Arabizi, karaoke Thai,
    pinyin...), judged by how many such messages their training data holds."""
    return tuple(
        code
        for code in codes
        if len(_latin_messages(_training_messages(Path(nlu_dir) / code))) >= MIN_ROMANIZED_EXAMPLES
    )


@lru_cache(maxsize=8)
def char_ngram_model(nlu_dir: str, codes: tuple[str, ...], romanized: tuple[str, ...] = ()) -> CharNgramModel | None:
    """`romanized` languages are modelled on their Latin-letter messages only."""
    counts: dict[str, Counter[str]] = {}
    for code in codes:
        messages = _training_messages(Path(nlu_dir) / code)
        if code in romanized:
            messages = _latin_messages(messages)
        if messages:
            counts[code] = Counter(g for m in messages for g in _ngrams(m))
    if len(counts) < 2:
        return None
    vocabulary = len(set().union(*counts.values()))
    totals = {code: sum(c.values()) + SMOOTHING * vocabulary for code, c in counts.items()}
    return CharNgramModel(
        log_prior={code: math.log(1 / len(counts)) for code in counts},
        log_likelihood={
            code: {g: math.log((n + SMOOTHING) / totals[code]) for g, n in c.items()} for code, c in counts.items()
        },
        unseen={code: math.log(SMOOTHING / totals[code]) for code in counts},
    )


def _with_romanized(
    general: dict[str, float], domain: dict[str, float], romanized: tuple[str, ...]
) -> dict[str, float]:
    """lingua knows languages only in their own script, so for romanized ones it defers to Lantern's
    own messages, and shares out only the rest of its belief among the Latin-script languages."""
    romanized_share = {code: domain.get(code, 0.0) for code in romanized}
    rest = 1.0 - sum(romanized_share.values())
    return {**{code: p * rest for code, p in general.items()}, **romanized_share}


def _combined_guess(
    text: str, codes: tuple[str, ...], nlu_dir: Path | None, romanized: tuple[str, ...] = ()
) -> Detection:
    general = _lingua_probabilities(text, tuple(c for c in codes if c not in romanized))
    model = char_ngram_model(str(nlu_dir), codes, romanized) if nlu_dir else None
    domain = model.probabilities(text) if model else {}
    if romanized and domain:
        general = _with_romanized(general, domain, romanized)
    sources = [p for p in (general, domain) if p]
    if not sources:
        return Detection(None, 0.0)
    blended = {code: sum(p.get(code, 0.0) for p in sources) / len(sources) for code in codes}
    best = max(blended, key=blended.__getitem__)
    return Detection(best, blended[best])


def detect_language(text: str, languages: tuple[Language, ...], nlu_dir: Path | None = None) -> Detection:
    """Guess the language of `text` among `languages`; confidence is 0..1. With `nlu_dir`, the
    guess among languages sharing a script blends lingua with a model of Lantern's own messages."""
    script, letters = dominant_script(text)
    if script is None:
        return Detection(None, 0.0)
    candidates = tuple(sorted(lang.code for lang in languages if lang.script == script))
    romanized: tuple[str, ...] = ()
    if script == "Latn" and nlu_dir and letters >= MIN_LETTERS_FOR_LATIN:
        others = tuple(sorted(lang.code for lang in languages if lang.script != "Latn"))
        romanized = romanized_languages(str(nlu_dir), others)
        candidates = tuple(sorted(candidates + romanized))
    if not candidates:
        return Detection(None, 0.0)
    if len(candidates) == 1:
        sure = script != "Latn" or letters >= MIN_LETTERS_FOR_LATIN
        return Detection(candidates[0], 1.0 if sure else 0.5)
    if letters < MIN_LETTERS_FOR_LATIN:
        return Detection(None, 0.0)
    return _combined_guess(text, candidates, nlu_dir, romanized)
