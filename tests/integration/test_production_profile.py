"""The production profile, for real: PostgreSQL for the gateway's storage, Redis for Rasa's tracker
(with a TTL) and lock stores. Uses the servers on 127.0.0.1 (PostgreSQL database `test`, Redis)."""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
import redis

from lantern.pseudonym import pseudonymous_id
from lantern.settings import Settings
from tests.conftest import running_stack, stack_settings
from tests.integration.helpers import chat, content_text, said_anything, sms
from tests.integration.test_privacy_audit import audit_both_channels

pytestmark = [pytest.mark.integration, pytest.mark.postgres]

ADMIN_URL = "postgresql://root@127.0.0.1:5432/test"
REDIS_DB = 5
TTL_SECONDS = 3600


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    name = f"lantern_test_{secrets.token_hex(4)}"
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    yield f"postgresql+psycopg://root@127.0.0.1:5432/{name}"
    with psycopg.connect(ADMIN_URL, autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def production_stack(tmp_path_factory, trained_model: Path, postgres_url: str) -> Iterator[Settings]:
    client = redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB)
    client.flushdb()
    settings = stack_settings(
        tmp_path_factory.mktemp("production"),
        database_url=postgres_url,
        redis_url=f"redis://127.0.0.1:6379/{REDIS_DB}",
        tracker_ttl_seconds=TTL_SECONDS,
    )
    try:
        with running_stack(settings, trained_model) as running:
            yield running.settings
    finally:
        client.flushdb()


def test_conversation_runs_on_postgres_and_redis(production_stack):
    reply = chat(production_stack, "i need a safe place to sleep tonight")
    assert content_text(production_stack, "shelter", "en").web in reply["messages"][0]["text"]
    sender = pseudonymous_id(production_stack.pseudonym_key.get_secret_value(), "web", reply["session"])
    with psycopg.connect(production_stack.database_url.replace("+psycopg", "")) as db:
        row = db.execute("SELECT language, channel FROM conversations WHERE sender_id = %s", (sender,)).fetchone()
    assert row == ("en", "web")
    store = redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB)
    [key] = [k for k in store.keys("*") if sender.encode() in k]
    assert 0 < store.ttl(key) <= TTL_SECONDS


def test_erasure_reaches_postgres_and_redis(production_stack):
    phone = "+66822222222"
    sms(production_stack, phone, "i want to talk to a real person please")
    sender = pseudonymous_id(production_stack.pseudonym_key.get_secret_value(), "sms", phone)
    sms(production_stack, phone, "delete my data")
    sms(production_stack, phone, "yes")
    with psycopg.connect(production_stack.database_url.replace("+psycopg", "")) as db:
        for table in ("conversations", "handoff_requests"):
            count = db.execute(f"SELECT count(*) FROM {table} WHERE sender_id = %s", (sender,)).fetchone()
            assert count == (0,)
    store = redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB)
    for key in store.keys("*"):
        if sender.encode() in key:
            assert said_anything(json.loads(store.get(key))) == []
    assert phone.encode() not in b"".join(store.get(k) or b"" for k in store.keys("*"))


def test_privacy_audit_on_postgres_and_redis(production_stack):
    store = redis.Redis(host="127.0.0.1", port=6379, db=REDIS_DB)

    def redis_dump() -> str:
        return b"\n".join(store.get(k) or b"" for k in store.keys("*")).decode("utf-8", errors="replace")

    audit_both_channels(production_stack, redis_dump)
