"""Configuration from `LANTERN_*` environment variables (documented in `.env.example`)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from lantern import PROJECT_ROOT


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="LANTERN_", env_file=".env", extra="ignore")

    data_dir: Path = PROJECT_ROOT / "var"
    content_dir: Path = PROJECT_ROOT / "content"
    locales_dir: Path = PROJECT_ROOT / "locales"
    seeds_dir: Path = PROJECT_ROOT.parent / "shared" / "seeds"
    database_url: str = ""  # empty: SQLite at <data_dir>/lantern.db

    gateway_host: str = "127.0.0.1"
    gateway_port: int = 8000
    public_base_url: str = Field("", description="URL Twilio calls us at, e.g. https://lantern.example.org")

    rasa_url: str = "http://127.0.0.1:5005"
    rasa_token: SecretStr = SecretStr("")
    rasa_timeout_seconds: float = 4.0
    action_port: int = 5055

    pseudonym_key: SecretStr = SecretStr("")
    twilio_auth_token: SecretStr = SecretStr("")
    twilio_account_sid: str = ""

    default_language: str = "en"
    default_jurisdiction: str = "intl"
    exit_url: str = "https://www.bbc.com/weather"
    sms_max_segments: int = 3

    @property
    def sqlalchemy_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'lantern.db'}"


@lru_cache
def get_settings() -> Settings:
    return Settings()
