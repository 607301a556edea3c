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
    nlu_data_dir: Path = PROJECT_ROOT / "bot" / "data" / "nlu"
    seeds_dir: Path = PROJECT_ROOT.parent / "shared" / "seeds"
    database_url: str = ""  # empty: SQLite at <data_dir>/lantern.db

    gateway_host: str = "127.0.0.1"
    gateway_port: int = 8000
    public_base_url: str = Field("", description="URL Twilio calls us at, e.g. https://lantern.example.org")

    rasa_token: SecretStr = SecretStr("")
    rasa_timeout_seconds: float = 4.0
    rasa_port: int = 5005
    action_port: int = 5055
    rasa_python: Path = PROJECT_ROOT / ".venv-rasa" / "bin" / "python"
    model_cache_dir: Path = Path.home() / ".cache" / "lantern" / "models"
    redis_url: str = Field("", description="production: Rasa tracker and lock stores in Redis")
    tracker_ttl_seconds: int = 24 * 3600

    pseudonym_key: SecretStr = SecretStr("")
    # Fernet keys, newest first, comma-separated: encrypt what is kept with consent (lantern.vault).
    data_keys: SecretStr = SecretStr("")
    twilio_auth_token: SecretStr = SecretStr("")
    twilio_account_sid: str = ""

    operator_name: str = Field("the Lantern project", description="who runs the service, named on first contact")
    default_jurisdiction: str = "intl"
    # `lantern content check` fails for an entry last reviewed longer ago than this.
    content_review_max_age_days: int = 365
    # A demonstration deployment shows the SAMPLE service directory until a real one is imported.
    load_sample_directory: bool = True
    exit_url: str = "https://www.bbc.com/weather"
    sms_max_segments: int = 3
    rate_limit_per_minute: int = 30
    retention_days: int = 30
    purge_interval_seconds: int = 3600

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def action_url(self) -> str:
        return f"http://127.0.0.1:{self.action_port}"

    @property
    def gateway_url(self) -> str:
        return f"http://{self.gateway_host}:{self.gateway_port}"

    @property
    def sqlalchemy_url(self) -> str:
        return self.database_url or f"sqlite:///{self.data_dir / 'lantern.db'}"


@lru_cache
def get_settings() -> Settings:
    return Settings()
