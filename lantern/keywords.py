"""Command keywords (MENU, MORE, LANG, HUMAN, DELETE, MY DATA), in English and in each language's own word."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path

from lantern.i18n import N_, translate

# Keyword msgid -> the payload it stands for (None: handled by the gateway itself).
KEYWORDS: dict[str, str | None] = {
    N_("MENU"): "/ask_help_menu",
    N_("HUMAN"): "/request_human",
    N_("AGENT"): "/request_human",
    N_("DELETE"): "/delete_my_data",
    N_("LANG"): "/change_language",
    N_("MORE"): None,
    N_("MY DATA"): None,
}


def drop_latin_accents(text: str) -> str:
    """Accents dropped from Latin letters only: in Thai, Lao, Khmer and Burmese the combining marks
    are vowels and tones."""
    kept: list[str] = []
    base_is_latin = False
    for ch in unicodedata.normalize("NFKD", text):
        if unicodedata.combining(ch):
            if not base_is_latin:
                kept.append(ch)
            continue
        base_is_latin = ch.isascii() or unicodedata.name(ch, "").startswith("LATIN")
        kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept))


def fold(text: str) -> str:
    """Case- and accent-insensitive form for matching."""
    return drop_latin_accents(text.strip().casefold())


@lru_cache(maxsize=8)
def _keyword_table(language_codes: tuple[str, ...], locales_dir: str) -> dict[str, str]:
    """Folded word -> English keyword msgid, for English and every served language."""
    table: dict[str, str] = {}
    for keyword in KEYWORDS:
        table.setdefault(fold(keyword), keyword)
        for code in language_codes:
            table.setdefault(fold(translate(Path(locales_dir), code, keyword)), keyword)
    return table


def keyword_of(text: str, language_codes: list[str], locales_dir: Path) -> str | None:
    """The English keyword msgid that `text` is, in English or any supported language."""
    return _keyword_table(tuple(language_codes), str(locales_dir)).get(fold(text))
