"""Starting and stopping the three processes: action server, Rasa server and gateway."""

from __future__ import annotations

import os
import secrets
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import yaml
from pydantic import SecretStr

from lantern import PROJECT_ROOT
from lantern.settings import Settings
from lantern.training import rasa_command, rasa_env
from lantern.vault import new_key

READY_TIMEOUT_SECONDS = 180


def _random_token() -> str:
    return secrets.token_urlsafe(32)


def ensure_secrets(settings: Settings) -> dict[str, str]:
    """Secrets for a local run: from the environment, or generated once into var/secrets.env."""
    path = settings.data_dir / "secrets.env"
    stored: dict[str, str] = {}
    if path.exists():
        stored = dict(line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)
    wanted = {
        "LANTERN_PSEUDONYM_KEY": (settings.pseudonym_key, _random_token),
        "LANTERN_RASA_TOKEN": (settings.rasa_token, _random_token),
        "LANTERN_DATA_KEYS": (settings.data_keys, new_key),
    }
    changed = False
    for name, (value, generate) in wanted.items():
        if value.get_secret_value():
            stored[name] = value.get_secret_value()
        elif name not in stored:
            stored[name] = generate()
            changed = True
    if changed:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(f"{k}={v}\n" for k, v in stored.items()))
        path.chmod(0o600)
    return stored


def endpoints_config(settings: Settings, rasa_token: str) -> dict:
    config: dict = {
        "action_endpoint": {"url": f"{settings.action_url}/webhook"},
        "nlg": {"url": f"{settings.gateway_url}/nlg", "token": rasa_token},
    }
    if settings.redis_url:
        redis = _redis_parts(settings.redis_url)
        config["tracker_store"] = {"type": "redis", **redis, "record_exp": settings.tracker_ttl_seconds}
        config["lock_store"] = {"type": "redis", **redis}
    return config


def _redis_parts(url: str) -> dict:
    parsed = httpx.URL(url)
    parts: dict = {"url": parsed.host or "127.0.0.1", "port": parsed.port or 6379}
    database = parsed.path.strip("/")
    if database:
        parts["db"] = int(database)
    if parsed.password:
        parts["password"] = parsed.password
    return parts


def write_rasa_config(settings: Settings, rasa_token: str) -> tuple[Path, Path]:
    folder = settings.data_dir / "rasa"
    folder.mkdir(parents=True, exist_ok=True)
    endpoints = folder / "endpoints.yml"
    credentials = folder / "credentials.yml"
    endpoints.write_text(yaml.safe_dump(endpoints_config(settings, rasa_token)))
    endpoints.chmod(0o600)
    credentials.write_text(yaml.safe_dump({"rest": None}))
    return endpoints, credentials


def settings_as_env(settings: Settings) -> dict[str, str]:
    env: dict[str, str] = {}
    for name, value in settings.model_dump().items():
        if isinstance(value, SecretStr):
            value = value.get_secret_value()
        env[f"LANTERN_{name.upper()}"] = str(value)
    return env


@dataclass
class Stack:
    settings: Settings
    model: Path
    log_dir: Path
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)

    def env(self, secrets_env: dict[str, str]) -> dict[str, str]:
        """The child processes get exactly this stack's settings, whatever the parent's environment."""
        env = rasa_env()
        env.update(settings_as_env(self.settings))
        env.update(secrets_env)
        return env

    def _spawn(self, name: str, command: list[str], env: dict[str, str]) -> None:
        self.log_dir.mkdir(parents=True, exist_ok=True)
        log = (self.log_dir / f"{name}.log").open("ab")
        self.processes[name] = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )

    def start(self) -> None:
        secrets_env = ensure_secrets(self.settings)
        env = self.env(secrets_env)
        token = secrets_env["LANTERN_RASA_TOKEN"]
        endpoints, credentials = write_rasa_config(self.settings, token)
        python = sys.executable
        self._spawn(
            "actions",
            [python, "-m", "rasa_sdk", "--actions", "actions", "--port", str(self.settings.action_port)],
            env,
        )
        self._spawn(
            "gateway",
            [python, "-m", "uvicorn", "gateway.main:app", "--host", self.settings.gateway_host,
             "--port", str(self.settings.gateway_port), "--no-access-log", "--log-level", "warning"],
            env,
        )  # fmt: skip
        self._spawn(
            "rasa",
            rasa_command(
                self.settings, "run", "--model", str(self.model), "--endpoints", str(endpoints),
                "--credentials", str(credentials), "--enable-api", "--auth-token", token,
                "--interface", "127.0.0.1", "--port", str(self.settings.rasa_port),
            ),
            env,
        )  # fmt: skip
        self.wait_until_ready()

    def wait_until_ready(self) -> None:
        checks = {
            "actions": f"{self.settings.action_url}/health",
            "gateway": f"{self.settings.gateway_url}/healthz",
            # Rasa loads the model before it starts listening, so an answer means it is ready.
            "rasa": f"{self.settings.rasa_url}/",
        }
        deadline = time.monotonic() + READY_TIMEOUT_SECONDS
        pending = dict(checks)
        while pending and time.monotonic() < deadline:
            for name, url in list(pending.items()):
                if self.processes[name].poll() is not None:
                    raise RuntimeError(f"{name} exited; see {self.log_dir / (name + '.log')}")
                if _answers(url):
                    pending.pop(name)
            time.sleep(0.5)
        if pending:
            raise RuntimeError(f"not ready after {READY_TIMEOUT_SECONDS}s: {', '.join(pending)}")

    def stop(self) -> None:
        for process in self.processes.values():
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in self.processes.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
        self.processes.clear()


def _answers(url: str) -> bool:
    try:
        return httpx.get(url, timeout=1.0).status_code == 200
    except httpx.HTTPError:
        return False
