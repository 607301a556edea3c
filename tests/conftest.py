"""Shared fixtures. The integration stack is real: trained model, Rasa server, action server, gateway."""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from lantern.settings import Settings
from lantern.stack import Stack

TEST_SECRETS = {
    "LANTERN_PSEUDONYM_KEY": "test-pseudonym-key",
    "LANTERN_RASA_TOKEN": "test-rasa-token",
    "LANTERN_TWILIO_AUTH_TOKEN": "test-twilio-auth-token",
    "LANTERN_DATA_KEYS": "bGFudGVybi10ZXN0LWRhdGEta2V5LTMyLWJ5dGVzISE=",  # a Fernet key, for tests only
}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def stack_settings(data_dir: Path, **overrides: object) -> Settings:
    os.environ.update(TEST_SECRETS)
    values: dict[str, object] = {
        "data_dir": data_dir,
        "gateway_port": free_port(),
        "rasa_port": free_port(),
        "action_port": free_port(),
        "public_base_url": "https://lantern.test",
        "rate_limit_per_minute": 1000,
        **overrides,
    }
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def trained_model() -> Path:
    from lantern.training import train

    return train(Settings())


@contextmanager
def running_stack(settings: Settings, model: Path) -> Iterator[Stack]:
    """Catalogs compiled, database migrated, the three processes up; stopped afterwards."""
    from lantern.catalogs import compile_catalogs
    from lantern.cli import migrate_database

    compile_catalogs(settings.locales_dir)
    migrate_database(settings)
    running = Stack(settings, model, settings.data_dir / "logs")
    try:
        running.start()
        yield running
    finally:
        running.stop()


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory, trained_model: Path) -> Iterator[Settings]:
    with running_stack(stack_settings(tmp_path_factory.mktemp("stack")), trained_model) as running:
        yield running.settings


@pytest.fixture(scope="session")
def gateway_url(stack: Settings) -> str:
    return stack.gateway_url
