"""Privacy audit: identifying details sent through both channels are found nowhere afterwards —
not in the database, not in Rasa's tracker, not in any log — except a phone number kept, encrypted,
with the person's consent; and erasure leaves nothing behind."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, inspect, text

from lantern import consent
from lantern.pseudonym import pseudonymous_id
from lantern.vault import decrypt
from tests.integration.helpers import chat, said_anything, sms

pytestmark = pytest.mark.integration

PHONE = "+66891234567"
OTHER_PHONE = "081 765 4321"
EMAIL = "somchai.k@example.org"
PASSPORT = "AA7654321"
PIN = "4821"
SECRETS = [PHONE, PHONE.lstrip("+"), "891234567", OTHER_PHONE, "0817654321", EMAIL, PASSPORT, PIN]
MESSAGES = [
    f"my boss took my passport {PASSPORT}, call me on {OTHER_PHONE}",
    f"you can email me at {EMAIL}",
    f"my case pin is {PIN}",
    "i want to talk to a real person please",
]


def database_dump(url: str) -> str:
    """Every row of every table, as text (encrypted values as the bytes they are stored as)."""
    engine = create_engine(url)
    rows = []
    with engine.connect() as connection:
        for table in inspect(connection).get_table_names():
            rows += [repr(tuple(r)) for r in connection.execute(text(f"SELECT * FROM {table}"))]
    engine.dispose()
    return "\n".join(rows)


def kept_numbers(settings) -> dict[str, str]:
    engine = create_engine(settings.sqlalchemy_url)
    with engine.connect() as connection:
        found = connection.execute(text("SELECT sender_id, ciphertext FROM stored_numbers")).all()
    engine.dispose()
    return {sender: decrypt(settings.data_keys.get_secret_value(), bytes(sealed)) for sender, sealed in found}


def tracker_dump(settings, sender: str) -> str:
    response = httpx.get(
        f"{settings.rasa_url}/conversations/{sender}/tracker",
        params={"token": settings.rasa_token.get_secret_value()},
        timeout=30,
    )
    return json.dumps(response.json(), ensure_ascii=False)


def logs_dump(settings) -> str:
    return "\n".join(p.read_text(errors="replace") for p in Path(settings.data_dir, "logs").glob("*.log"))


def analytics_dump(settings) -> str:
    import os
    import subprocess
    import sys

    from lantern.stack import settings_as_env

    target = Path(settings.data_dir, "analytics", "audit.json")
    env = {**os.environ, **settings_as_env(settings)}
    command = [sys.executable, "-m", "lantern.cli", "analytics", "--out", str(target)]
    subprocess.run(command, env=env, check=True, capture_output=True, timeout=60)
    return target.read_text(encoding="utf-8")


def assert_nothing_identifying(haystack: str, where: str) -> None:
    # Whole tokens only: a short PIN can occur by chance inside a hexadecimal id or a timestamp.
    for secret in SECRETS:
        pattern = rf"(?<![0-9A-Za-z]){re.escape(secret)}(?![0-9A-Za-z])"
        assert not re.search(pattern, haystack), f"{secret!r} found in {where}"


def test_identifying_details_are_kept_nowhere_but_the_consented_encrypted_number(stack):
    audit_both_channels(stack)


def audit_both_channels(stack, raw_tracker_store=lambda: "") -> None:  # type: ignore[no-untyped-def]
    """Identifying details through web and SMS, a request for a person with consent to share and to keep
    the number; then search everywhere; then erase and search again. `raw_tracker_store` dumps the
    tracker store's own bytes where it can be read directly (Redis)."""
    key = stack.pseudonym_key.get_secret_value()
    web = chat(stack, "hello")
    for message in MESSAGES:  # the last one asks for a person: consent questions follow
        chat(stack, message, session=web["session"])
        sms(stack, PHONE, message)
    chat(stack, consent.answer_payload("share_summary", "yes"), session=web["session"])
    sms(stack, PHONE, "1")  # yes, share the topics with the caseworker
    sms(stack, PHONE, "1")  # yes, keep my number
    web_sender, sms_sender = pseudonymous_id(key, "web", web["session"]), pseudonymous_id(key, "sms", PHONE)
    assert_nothing_identifying(database_dump(stack.sqlalchemy_url), "the database")
    assert kept_numbers(stack).get(sms_sender) == PHONE  # the one exception: consented, encrypted
    for sender in (web_sender, sms_sender):
        assert_nothing_identifying(tracker_dump(stack, sender), f"Rasa's tracker for {sender}")
    logs = logs_dump(stack)
    assert_nothing_identifying(logs, "the logs")
    assert stack.rasa_token.get_secret_value() not in logs  # no secret either
    assert_nothing_identifying(raw_tracker_store(), "the tracker store")
    exported = analytics_dump(stack)
    assert_nothing_identifying(exported, "the analytics export")
    assert web_sender not in exported and sms_sender not in exported
    assert '"turn"' in exported and '"share_summary/given"' in exported

    for say in ("delete my data", "yes"):
        sms(stack, PHONE, say)
        chat(stack, say, session=web["session"])
    everything = database_dump(stack.sqlalchemy_url)
    for sender in (web_sender, sms_sender):
        assert sender not in everything
        assert said_anything(json.loads(tracker_dump(stack, sender))) == []
    assert sms_sender not in kept_numbers(stack)


def test_erasure_leaves_nothing_tied_to_the_person(stack):
    sender = pseudonymous_id(stack.pseudonym_key.get_secret_value(), "sms", "+66899999999")
    sms(stack, "+66899999999", "i want to talk to a real person please")
    sms(stack, "+66899999999", "delete my data")
    sms(stack, "+66899999999", "yes")
    assert sender not in database_dump(stack.sqlalchemy_url)
    assert said_anything(json.loads(tracker_dump(stack, sender))) == []


def test_operator_can_erase_on_a_persons_request(stack):
    import os
    import subprocess
    import sys

    from lantern.stack import settings_as_env

    phone = "+66811111111"
    sms(stack, phone, "i need a lawyer")
    sender = pseudonymous_id(stack.pseudonym_key.get_secret_value(), "sms", phone)
    assert sender in database_dump(stack.sqlalchemy_url)
    env = {**os.environ, **settings_as_env(stack)}
    result = subprocess.run(
        [sys.executable, "-m", "lantern.cli", "erase", "--channel", "sms", "--address", phone],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert phone not in result.stdout + result.stderr
    assert sender not in database_dump(stack.sqlalchemy_url)
    assert said_anything(json.loads(tracker_dump(stack, sender))) == []
