"""Real conversations through the signed Twilio webhook."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from lantern.i18n import translate
from lantern.pseudonym import pseudonymous_id
from lantern.sms import segment_count
from tests.integration.helpers import THAI, content_text, post_sms, sms, sms_params

pytestmark = pytest.mark.integration

PHONE_EN = "+447700900123"
PHONE_TH = "+66812345678"


def test_english_sms_gets_the_sms_sized_answer(stack):
    [reply] = sms(stack, PHONE_EN, "i need a lawyer, i have to be a witness in court")
    expected = content_text(stack, "legal_aid", "en")
    assert reply.startswith(f"{expected.sms}\n\n{expected.next}")
    assert "1 " in reply  # the choices are numbered for SMS
    assert len(reply) <= 1600


def test_thai_sms_gets_a_thai_answer(stack):
    [reply] = sms(stack, PHONE_TH, "ขอที่พักปลอดภัยหน่อยค่ะ", FromCountry="TH")
    expected = content_text(stack, "shelter", "th", "th")  # Thailand's own answer: the SMS came from TH
    assert reply.startswith(expected.sms)
    assert THAI.search(reply)
    assert segment_count(reply) <= stack.sms_max_segments


def test_numbered_reply_picks_the_offered_choice(stack):
    sender = "+447700900124"
    [menu] = sms(stack, sender, "MENU")
    pages = [menu]
    while "MORE" in pages[-1]:
        pages += sms(stack, sender, "more")
    options = "\n".join(pages)
    assert "2 A safe place to stay" in options
    [reply] = sms(stack, sender, "2")
    assert reply.startswith(content_text(stack, "shelter", "en").sms)


def test_long_thai_reply_is_paged_with_more(stack):
    sender = "+66812345679"
    [first] = sms(stack, sender, "เมนู")
    prompt = translate(stack.locales_dir, "th", "Reply MORE for the rest.")
    assert first.endswith(prompt)
    assert segment_count(first) <= stack.sms_max_segments
    [second] = sms(stack, sender, "MORE")
    assert second != first and THAI.search(second)


def test_unsigned_or_forged_requests_are_refused(stack):
    params = sms_params(PHONE_EN, "hello")
    assert post_sms(stack, params, signed=False).status_code == 403
    forged = httpx.post(
        f"{stack.gateway_url}/twilio/sms",
        data=params,
        headers={"X-Twilio-Signature": "bm90IGEgc2lnbmF0dXJl"},
    )
    assert forged.status_code == 403


def test_missing_sender_and_bad_bodies_get_a_clear_4xx(stack):
    params = sms_params(PHONE_EN, "hello")
    del params["From"]
    assert post_sms(stack, params).status_code == 400
    url = f"{stack.gateway_url}/twilio/sms"
    as_json = httpx.post(url, json={"From": PHONE_EN, "Body": "hi"})
    assert as_json.status_code == 415
    broken = httpx.post(
        url, content=b"From=%ZZ%&Body=\xff\xfe", headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert 400 <= broken.status_code < 500


def test_empty_sms_gets_the_menu(stack):
    [reply] = sms(stack, "+447700900125", "")
    assert "Reply with a number" in reply or "1 " in reply


def test_rasa_sees_a_pseudonym_and_logs_hold_no_number_or_text(stack):
    secret_text = "my boss in warehouse nine kept my passport"
    sms(stack, PHONE_EN, secret_text)
    sender = pseudonymous_id(stack.pseudonym_key.get_secret_value(), "sms", PHONE_EN)
    tracker = httpx.get(
        f"{stack.rasa_url}/conversations/{sender}/tracker",
        params={"token": stack.rasa_token.get_secret_value()},
        timeout=30,
    ).json()
    assert tracker["sender_id"] == sender
    assert PHONE_EN not in json.dumps(tracker)
    logs = "\n".join(p.read_text(errors="replace") for p in Path(stack.data_dir, "logs").glob("*.log"))
    assert PHONE_EN not in logs and PHONE_EN.lstrip("+") not in logs
    assert secret_text not in logs
