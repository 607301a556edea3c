"""Consent per purpose, asked when a caseworker is requested; MY DATA; withdrawal; the kept number."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from sqlalchemy import create_engine, select, text

from gateway.storage import HandoffRequest, session_scope
from lantern import consent
from lantern.pseudonym import pseudonymous_id
from lantern.stack import settings_as_env
from lantern.vault import decrypt, new_key
from tests.integration.helpers import all_text, chat, sms

pytestmark = pytest.mark.integration

ASK_HUMAN = "i want to talk to a real person please"


def rows(settings, query: str, **params: object) -> list[tuple]:
    engine = create_engine(settings.sqlalchemy_url)
    with engine.connect() as connection:
        found = [tuple(r) for r in connection.execute(text(query), params)]
    engine.dispose()
    return found


def payload_of(reply: dict, purpose: str, answer: str) -> str:
    wanted = consent.answer_payload(purpose, answer)
    payloads = [b["payload"] for m in reply["messages"] for b in m["buttons"]]
    assert wanted in payloads, payloads
    return wanted


def web_sender(settings, session: str) -> str:
    return pseudonymous_id(settings.pseudonym_key.get_secret_value(), "web", session)


def test_a_caseworker_gets_the_topics_only_with_consent_and_loses_them_on_withdrawal(stack):
    first = chat(stack, "i need a lawyer, my boss did not pay me")
    session = first["session"]
    asked = chat(stack, ASK_HUMAN, session=session)
    assert "summary" in all_text(asked) and "not your words" in all_text(asked)
    assert "phone number" not in all_text(asked)  # keeping a number is never asked on the web
    given = chat(stack, payload_of(asked, "share_summary", "yes"), session=session)
    assert "change your mind" in all_text(given) and "MY DATA" in all_text(given)
    sender = web_sender(stack, session)
    ((summary,),) = rows(stack, "SELECT summary FROM handoff_requests WHERE sender_id = :s", s=sender)
    topics = json.loads(summary)["topics"]
    assert topics and set(topics) <= {"legal_aid", "compensation"}
    ((purpose, granted, version),) = rows(
        stack, "SELECT purpose, granted, notice_version FROM consents WHERE sender_id = :s", s=sender
    )
    assert (purpose, bool(granted), len(version)) == ("share_summary", True, 12)

    held = chat(stack, "MY DATA", session=session)
    assert "topics you asked about" in all_text(held)
    assert "request for a caseworker" in all_text(held)
    withdrawn = chat(stack, payload_of(held, "share_summary", "withdraw"), session=session)
    assert "erased" in all_text(withdrawn)
    assert rows(stack, "SELECT summary FROM handoff_requests WHERE sender_id = :s", s=sender) == [(None,)]
    assert "topics you asked about" not in all_text(chat(stack, "my data", session=session))


def test_saying_no_keeps_nothing_and_the_help_goes_on(stack):
    asked = chat(stack, ASK_HUMAN)
    session = asked["session"]
    refused = chat(stack, payload_of(asked, "share_summary", "no"), session=session)
    assert "does not change" in all_text(refused)
    sender = web_sender(stack, session)
    assert rows(stack, "SELECT summary FROM handoff_requests WHERE sender_id = :s", s=sender) == [(None,)]
    assert [bool(g) for (g,) in rows(stack, "SELECT granted FROM consents WHERE sender_id = :s", s=sender)] == [False]
    answer = chat(stack, "where can i sleep tonight, i need shelter", session=session)
    assert "shelter" in all_text(answer).lower()


def test_a_typed_yes_answers_and_a_new_question_lets_the_consent_question_lapse(stack):
    asked = chat(stack, ASK_HUMAN)
    session = asked["session"]
    assert "change your mind" in all_text(chat(stack, "yes", session=session))
    sender = web_sender(stack, session)
    assert [bool(g) for (g,) in rows(stack, "SELECT granted FROM consents WHERE sender_id = :s", s=sender)] == [True]

    other = chat(stack, ASK_HUMAN)
    moved_on = chat(stack, "can i see a doctor for free", session=other["session"])
    assert "change your mind" not in all_text(moved_on)
    assert rows(stack, "SELECT * FROM consents WHERE sender_id = :s", s=web_sender(stack, other["session"])) == []


def test_my_data_in_spanish_says_what_is_held(stack):
    first = chat(stack, "hola, necesito ayuda", language="es")
    held = chat(stack, "MIS DATOS", session=first["session"])
    assert held["language"] == "es"
    assert "Lantern" in all_text(held)
    assert [b["payload"] for m in held["messages"] for b in m["buttons"]] == ["/delete_my_data"]


def test_an_sms_number_is_kept_encrypted_only_with_consent_and_erased_on_withdrawal(stack):
    phone = "+66812223344"
    sender = pseudonymous_id(stack.pseudonym_key.get_secret_value(), "sms", phone)
    sms(stack, phone, ASK_HUMAN)
    keep_asked = sms(stack, phone, "1")  # yes to the summary; then the number question comes
    assert any("phone number" in m for m in keep_asked)
    assert rows(stack, "SELECT * FROM stored_numbers WHERE sender_id = :s", s=sender) == []
    sms(stack, phone, "1")
    ((ciphertext,),) = rows(stack, "SELECT ciphertext FROM stored_numbers WHERE sender_id = :s", s=sender)
    assert phone.encode() not in bytes(ciphertext)
    assert decrypt(stack.data_keys.get_secret_value(), bytes(ciphertext)) == phone
    held = " ".join(sms(stack, phone, "my data"))
    assert "phone number" in held and "encrypted" in held
    held += "\n" + " ".join(sms(stack, phone, "more"))  # the choices come on the next SMS page
    withdraw_choice = next(line.split()[0] for line in held.splitlines() if "Delete my number" in line)
    sms(stack, phone, withdraw_choice)
    assert rows(stack, "SELECT * FROM stored_numbers WHERE sender_id = :s", s=sender) == []


def test_key_rotation_re_encrypts_every_kept_number(stack):
    phone = "+66815556677"
    sms(stack, phone, ASK_HUMAN)
    sms(stack, phone, "1")
    sms(stack, phone, "1")
    old_keys = stack.data_keys.get_secret_value()
    fresh = new_key()
    env = {**os.environ, **settings_as_env(stack), "LANTERN_DATA_KEYS": f"{fresh},{old_keys}"}
    result = subprocess.run(
        [sys.executable, "-m", "lantern.cli", "keys", "rotate"], env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert phone not in result.stdout + result.stderr
    sender = pseudonymous_id(stack.pseudonym_key.get_secret_value(), "sms", phone)
    ((ciphertext,),) = rows(stack, "SELECT ciphertext FROM stored_numbers WHERE sender_id = :s", s=sender)
    assert decrypt(fresh, bytes(ciphertext)) == phone  # the new key alone now opens it
    back = {**env, "LANTERN_DATA_KEYS": f"{old_keys},{fresh}"}  # the running gateway keeps the old key
    assert subprocess.run([sys.executable, "-m", "lantern.cli", "keys", "rotate"], env=back, timeout=60).returncode == 0


def test_a_second_request_for_a_person_is_not_asked_again_and_gets_the_topics(stack):
    first = chat(stack, "where can i find a free lawyer")
    session = first["session"]
    asked = chat(stack, ASK_HUMAN, session=session)
    chat(stack, payload_of(asked, "share_summary", "yes"), session=session)
    sender = web_sender(stack, session)
    with session_scope(stack.sqlalchemy_url) as db:  # the caseworker closes the first request
        for request in db.scalars(select(HandoffRequest).where(HandoffRequest.sender_id == sender)):
            request.status = "closed"
    again = chat(stack, ASK_HUMAN, session=session)
    assert "summary" not in all_text(again)
    summaries = rows(stack, "SELECT summary FROM handoff_requests WHERE sender_id = :s AND status = 'open'", s=sender)
    assert len(summaries) == 1 and json.loads(summaries[0][0])["topics"]


def test_consent_is_asked_and_answered_in_the_persons_language(stack):
    from lantern.i18n import translate

    asked = chat(stack, "อยากคุยกับเจ้าหน้าที่ค่ะ", language="th")
    question = translate(stack.locales_dir, "th", consent.SHARE_SUMMARY.question)
    assert question in [m["text"] for m in asked["messages"]]
    given = chat(stack, "ใช่ค่ะ", session=asked["session"])
    keyword = translate(stack.locales_dir, "th", consent.MY_DATA_KEYWORD)
    assert all_text(given) == translate(stack.locales_dir, "th", consent.CONSENT_GIVEN, keyword=keyword)
    held = chat(stack, keyword, session=asked["session"])
    assert translate(stack.locales_dir, "th", consent.MY_DATA_HEADER) in all_text(held)
