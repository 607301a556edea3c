"""Redaction before anything leaves the gateway: phone numbers, e-mail addresses, ID-like numbers
and PINs become placeholders in what goes to Rasa, to analytics and to any stored transcript."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import phonenumbers

PHONE = "[phone]"
EMAIL = "[email]"
ID_NUMBER = "[id-number]"
NUMBER = "[number]"

EMAIL_PATTERN = re.compile(r"[\w.+-]+@[\w-]+(\.[\w-]+)+", re.UNICODE)
# Passport and ID card numbers: letters and digits together, at least five digits.
ID_PATTERN = re.compile(r"(?<!\w)(?=[A-Za-z0-9-]*\d{5})(?=[A-Za-z0-9-]*[A-Za-z])[A-Za-z0-9-]{6,20}(?!\w)")
# Any run of digits that could be a phone number in some country: seven or more digits with separators.
DIGIT_RUN = re.compile(r"(?<![\w\[])\+?\d(?:[\d\s().\-/]*\d){6,}(?![\w\]])")
# Short standalone numbers that may be PINs or references (years 1900-2099 and small numbers are kept).
PIN_PATTERN = re.compile(r"(?<![\w\[])(?!(?:19|20)\d\d(?!\d))\d{4,6}(?![\w\]])")
DEFAULT_REGIONS = ("TH", "KH", "VN", "MM", "LA", "CN", "GB", "US", "FR", "ES", "RO", "AL", "MY", "ID", "PH")


@lru_cache(maxsize=32)
def _regions(extra: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys([*extra, *DEFAULT_REGIONS]))


def _phone_spans(text: str, regions: Iterable[str]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for region in regions:
        for match in phonenumbers.PhoneNumberMatcher(text, region):
            spans.append((match.start, match.end))
    return spans


def _replace_spans(text: str, spans: list[tuple[int, int]], placeholder: str) -> str:
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    for start, end in reversed(merged):
        text = text[:start] + placeholder + text[end:]
    return text


def redact(text: str, regions: Iterable[str] = ()) -> str:
    """The text with identifying numbers and addresses replaced by placeholders."""
    if not any(ch.isdigit() or ch == "@" for ch in text):
        return text
    text = EMAIL_PATTERN.sub(EMAIL, text)
    text = ID_PATTERN.sub(ID_NUMBER, text)
    text = _replace_spans(text, _phone_spans(text, _regions(tuple(r.upper() for r in regions))), PHONE)
    text = DIGIT_RUN.sub(PHONE, text)
    return PIN_PATTERN.sub(NUMBER, text)
