"""Gettext catalogs (Babel). Every string a person sees goes through `translate`."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from babel.support import NullTranslations, Translations


def N_(message: str) -> str:
    """Mark a string for extraction without translating it here."""
    return message


@lru_cache(maxsize=64)
def translations(locales_dir: str, language: str) -> NullTranslations:
    return Translations.load(dirname=locales_dir, locales=[language], domain="messages")


def translate(locales_dir: Path, language: str, message: str, **params: object) -> str:
    text = translations(str(locales_dir), language).gettext(message)
    return text.format(**params) if params else text


def reload_translations() -> None:
    translations.cache_clear()
