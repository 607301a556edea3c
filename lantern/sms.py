"""SMS encoding and segmentation: GSM-7 (160/153 characters) or UCS-2 (70/67)."""

from __future__ import annotations

from dataclasses import dataclass

from lantern.keywords import drop_latin_accents

GSM7_BASIC = (
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENDED = "^{}\\[~]|€\f"
GSM7 = frozenset(GSM7_BASIC) | frozenset(GSM7_EXTENDED)


@dataclass(frozen=True)
class Encoding:
    name: str
    single: int  # characters in a one-part message
    multi: int  # characters per part of a multipart message


GSM = Encoding("GSM-7", 160, 153)
UCS2 = Encoding("UCS-2", 70, 67)


def encoding_for(text: str) -> Encoding:
    return GSM if all(ch in GSM7 for ch in text) else UCS2


def _units(text: str, encoding: Encoding) -> list[int]:
    """Cost of each character in septets (GSM) or UTF-16 code units (UCS-2)."""
    if encoding is GSM:
        return [2 if ch in GSM7_EXTENDED else 1 for ch in text]
    return [2 if ord(ch) > 0xFFFF else 1 for ch in text]


def segment_count(text: str) -> int:
    if not text:
        return 0
    encoding = encoding_for(text)
    total = sum(_units(text, encoding))
    if total <= encoding.single:
        return 1
    return -(-total // encoding.multi)


def fits(text: str, segments: int) -> bool:
    return segment_count(text) <= segments


def paginate(text: str, max_segments: int, more_prompt: str) -> list[str]:
    """Pages of at most `max_segments` segments; every page but the last ends with `more_prompt`."""
    if fits(text, max_segments):
        return [text]
    more_prompt = _in_encoding_of(text, more_prompt)
    encoding = encoding_for(text + more_prompt)
    budget = encoding.multi * max_segments - sum(_units("\n" + more_prompt, encoding))
    pages: list[str] = []
    rest = text
    while rest and not fits(rest, max_segments):
        cut = _cut_point(rest, budget, encoding)
        pages.append(rest[:cut].rstrip() + "\n" + more_prompt)
        rest = rest[cut:].lstrip()
    if rest:
        pages.append(rest)
    return pages


def _in_encoding_of(text: str, prompt: str) -> str:
    """The prompt without accents when only its accents would turn a GSM-7 text into UCS-2, which
    costs about twice the parts ("MÁS" becomes "MAS"; keywords are matched without accents anyway)."""
    if encoding_for(text) is not GSM or encoding_for(prompt) is GSM:
        return prompt
    bare = drop_latin_accents(prompt)
    return bare if encoding_for(bare) is GSM else prompt


def _cut_point(text: str, budget: int, encoding: Encoding) -> int:
    """The longest prefix within `budget` units, ending at a line, sentence or word break if one is near."""
    used = 0
    limit = 0
    for index, cost in enumerate(_units(text, encoding)):
        if used + cost > budget:
            break
        used += cost
        limit = index + 1
    for separator in ("\n", ". ", " ", "\u200b"):
        position = text.rfind(separator, 0, limit)
        if position > limit // 2:
            return position + len(separator)
    return limit
