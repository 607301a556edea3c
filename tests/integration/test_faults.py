"""When Rasa is down or slow, the person still gets a short apology in their language, in time."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from gateway.app import create_app
from lantern.cli import migrate_database
from lantern.i18n import translate
from lantern.responses import TEXTS
from tests.conftest import free_port, stack_settings

pytestmark = pytest.mark.integration

APOLOGY = TEXTS["utter_service_unavailable"]


@pytest.fixture
def silent_server() -> Iterator[int]:
    """Accepts connections and never answers: a hung Rasa."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    sock.listen(16)
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        sock.settimeout(0.2)
        while not stop.is_set():
            try:
                held.append(sock.accept()[0])
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield sock.getsockname()[1]
    stop.set()
    thread.join()
    for conn in held:
        conn.close()
    sock.close()


def _client(tmp_path, rasa_port: int) -> TestClient:
    settings = stack_settings(tmp_path, rasa_port=rasa_port, rasa_timeout_seconds=3.0)
    migrate_database(settings)
    return TestClient(create_app(settings))


@pytest.mark.parametrize(("language", "text"), [("en", "hello"), ("th", "สวัสดีค่ะ")])
def test_rasa_down_gets_an_apology_in_the_persons_language(tmp_path, language, text):
    with _client(tmp_path, free_port()) as client:
        started = time.monotonic()
        response = client.post("/api/chat", json={"session": None, "text": text, "language": None})
        assert time.monotonic() - started < 5
    assert response.status_code == 200
    message, *rest = response.json()["messages"]
    assert message["text"] == translate(client.app.state.services.locales_dir, language, APOLOGY)
    assert len(rest) == 1  # the first-contact notice


def test_hung_rasa_answers_within_five_seconds(tmp_path, silent_server):
    with _client(tmp_path, silent_server) as client:
        started = time.monotonic()
        response = client.post("/api/chat", json={"session": None, "text": "hello", "language": None})
        elapsed = time.monotonic() - started
    assert response.status_code == 200
    assert response.json()["messages"][0]["text"] == APOLOGY
    assert elapsed < 5


def test_too_many_messages_get_a_clear_429(tmp_path):
    settings = stack_settings(tmp_path, rasa_port=free_port(), rate_limit_per_minute=2)
    migrate_database(settings)
    with TestClient(create_app(settings)) as client:
        first = client.post("/api/chat", json={"session": None, "text": "hello", "language": None}).json()
        session = first["session"]
        statuses = [
            client.post("/api/chat", json={"session": session, "text": "hello", "language": None}).status_code
            for _ in range(3)
        ]
    assert statuses[:2] == [200, 200]
    assert statuses[2] == 429
