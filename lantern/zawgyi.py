"""Burmese typed in the legacy Zawgyi font encoding, detected and converted to Unicode."""

from __future__ import annotations

from functools import lru_cache

MYANMAR_BLOCK = range(0x1000, 0x10A0)
ZAWGYI_THRESHOLD = 0.95


def _has_myanmar(text: str) -> bool:
    return any(ord(ch) in MYANMAR_BLOCK for ch in text)


@lru_cache(maxsize=1)
def _detector():  # type: ignore[no-untyped-def]
    from myanmartools import ZawgyiDetector

    return ZawgyiDetector()


@lru_cache(maxsize=1)
def _converter():  # type: ignore[no-untyped-def]
    import icu

    return icu.Transliterator.createInstance("Zawgyi-my")


def to_unicode_if_zawgyi(text: str) -> str:
    if not text or not _has_myanmar(text):
        return text
    if _detector().get_zawgyi_probability(text) < ZAWGYI_THRESHOLD:
        return text
    return _converter().transliterate(text)
