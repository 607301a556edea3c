"""Redaction: nothing that identifies a person gets past the gateway (property-based and examples)."""

from __future__ import annotations

import phonenumbers
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lantern.redaction import redact

REGIONS = ["TH", "KH", "VN", "MM", "LA", "GB", "US", "FR", "RO", "AL", "CN", "ES"]
FORMATS = [
    phonenumbers.PhoneNumberFormat.E164,
    phonenumbers.PhoneNumberFormat.INTERNATIONAL,
    phonenumbers.PhoneNumberFormat.NATIONAL,
]
words = st.text(alphabet=st.characters(categories=["L", "Zs"]), max_size=40)


def example_numbers() -> list[str]:
    numbers = []
    for region in REGIONS:
        for kind in (phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE):
            example = phonenumbers.example_number_for_type(region, kind)
            if example:
                numbers += [phonenumbers.format_number(example, f) for f in FORMATS]
    return numbers


def digits(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


@settings(max_examples=200, deadline=None)
@given(before=words, number=st.sampled_from(example_numbers()), after=words)
def test_phone_numbers_in_any_format_never_get_through(before, number, after):
    redacted = redact(f"{before} {number} {after}")
    assert digits(number) not in digits(redacted)


@settings(max_examples=200, deadline=None)
@given(user=st.from_regex(r"[a-z][a-z0-9._]{0,15}", fullmatch=True), domain=st.sampled_from(["gmail.com", "x.co.th"]))
def test_email_addresses_never_get_through(user, domain):
    assert f"{user}@{domain}" not in redact(f"write to {user}@{domain} please")


@settings(max_examples=200, deadline=None)
@given(words)
def test_text_without_digits_or_at_signs_is_untouched(text):
    assert redact(text) == text


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=80))
def test_redaction_is_idempotent(text):
    once = redact(text)
    assert redact(once) == once


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("my passport is AB1234567", "my passport is [id-number]"),
        ("pin 4821", "pin [number]"),
        ("เบอร์ 0812345678 ค่ะ", "เบอร์ [phone] ค่ะ"),
        ("I am 17 and came in 2019", "I am 17 and came in 2019"),
    ],
)
def test_examples(text, expected):
    assert redact(text) == expected


def test_button_payloads_pass_unchanged():
    for payload in ("/ask_shelter", '/change_language{"language":"th"}', "/affirm"):
        assert redact(payload) == payload
