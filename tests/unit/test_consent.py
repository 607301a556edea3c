"""Consent purposes, their payloads, and encryption at rest."""

from __future__ import annotations

import pytest

from gateway.consents import parse_answer, requested_purposes
from gateway.storage import Conversation
from lantern import consent
from lantern.settings import Settings
from lantern.vault import VaultError, decrypt, encrypt, new_key, rotate


def conversation(channel: str) -> Conversation:
    return Conversation(sender_id="x", channel=channel, language="en", jurisdiction="intl", pending_consents=[])


def test_a_consent_button_payload_reads_back_as_its_purpose_and_answer():
    for purpose in consent.PURPOSES:
        for answer in (consent.GIVE, consent.REFUSE, consent.WITHDRAW):
            assert parse_answer(consent.answer_payload(purpose, answer)) == (purpose, answer)


@pytest.mark.parametrize(
    "payload",
    ["/consent", "/consent{}", '/consent{"purpose":"sell_data","answer":"yes"}',
     '/consent{"purpose":"keep_number","answer":"maybe"}', "/consent{not json}", "yes", "/affirm"],
)  # fmt: skip
def test_anything_else_is_not_a_consent_answer(payload):
    assert parse_answer(payload) is None


def test_a_number_is_asked_for_only_over_sms_with_a_number_and_a_key():
    keyed = Settings(data_keys=new_key())
    controls = ["ask_consent:share_summary", "ask_consent:keep_number", "ask_consent:unknown", "erase"]
    assert requested_purposes(conversation("web"), controls, keyed, None) == ["share_summary"]
    sms = requested_purposes(conversation("sms"), controls, keyed, "+66812345678")
    assert sms == ["share_summary", "keep_number"]
    unkeyed = requested_purposes(conversation("sms"), controls, Settings(data_keys=""), "+66812345678")
    assert unkeyed == ["share_summary"]


def test_the_notice_version_follows_the_wording_shown():
    assert consent.notice_version("May I keep it?") == consent.notice_version("May I keep it?")
    assert consent.notice_version("May I keep it?") != consent.notice_version("¿Puedo guardarlo?")


def test_encrypted_numbers_open_only_with_a_listed_key_and_rotate_to_the_newest():
    old, fresh = new_key(), new_key()
    sealed = encrypt(old, "+66812345678")
    assert b"66812345678" not in sealed
    assert decrypt(f"{fresh},{old}", sealed) == "+66812345678"
    rotated = rotate(f"{fresh},{old}", sealed)
    assert decrypt(fresh, rotated) == "+66812345678"
    with pytest.raises(VaultError):
        decrypt(new_key(), sealed)
    with pytest.raises(VaultError):
        encrypt("", "+66812345678")
    with pytest.raises(VaultError):
        encrypt("not-a-key", "+66812345678")


def test_every_declared_purpose_says_what_it_keeps_and_how_it_is_erased():
    from gateway.consents import KEEPERS

    assert set(KEEPERS) == set(consent.PURPOSES)
