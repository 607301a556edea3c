"""Privacy audit: identifying details sent through both channels are found nowhere afterwards —
not in the database, not in Rasa's tracker, not in any log — and erasure leaves nothing behind."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text

from lantern.pseudonym import pseudonymous_id
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
    engine = create_engine(url)
    rows = []
    with engine.connect() as connection:
        for table in ("conversations", "handoff_requests"):
            rows += [repr(tuple(r)) for r in connection.execute(text(f"SELECT * FROM {table}"))]
    engine.dispose()
    return "\n".join(rows)


def tracker_dump(settings, sender: str) -> str:
    response = httpx.get(
        f"{settings.rasa_url}/conversations/{sender}/tracker",
        params={"token": settings.rasa_token.get_secret_value()},
        timeout=30,
    )
    return json.dumps(response.json(), ensure_ascii=False)


def logs_dump(settings) -> str:
    return "\n".join(p.read_text(errors="replace") for p in Path(settings.data_dir, "logs").glob("*.log"))


def assert_nothing_identifying(haystack: str, where: str) -> None:
    # Whole tokens only: a short PIN can occur by chance inside a hexadecimal id or a timestamp.
    for secret in SECRETS:
        pattern = rf"(?<![0-9A-Za-z]){re.escape(secret)}(?![0-9A-Za-z])"
        assert not re.search(pattern, haystack), f"{secret!r} found in {where}"


def test_identifying_details_are_kept_nowhere(stack):
    key = stack.pseudonym_key.get_secret_value()
    web = chat(stack, "hello")
    for message in MESSAGES:
        chat(stack, message, session=web["session"])
        sms(stack, PHONE, message)
    senders = [pseudonymous_id(key, "web", web["session"]), pseudonymous_id(key, "sms", PHONE)]
    assert_nothing_identifying(database_dump(stack.sqlalchemy_url), "the database")
    for sender in senders:
        assert_nothing_identifying(tracker_dump(stack, sender), f"Rasa's tracker for {sender}")
    assert_nothing_identifying(logs_dump(stack), "the logs")


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
