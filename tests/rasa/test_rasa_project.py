"""Rasa's own checks, run with the real engine: data validation and conversation tests."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
import yaml

from lantern import PROJECT_ROOT
from lantern.settings import Settings
from lantern.training import rasa_command, rasa_env

pytestmark = pytest.mark.integration


def rasa(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        rasa_command(Settings(), *args), cwd=PROJECT_ROOT, env=rasa_env(), capture_output=True, text=True, timeout=900
    )


def test_training_data_and_domain_validate_cleanly():
    result = rasa("data", "validate", "--fail-on-warnings", "--domain", "bot/domain.yml", "--data", "bot/data",
                  "--config", "config.yml")  # fmt: skip
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]


def test_conversation_flows_pass(trained_model: Path, tmp_path: Path):
    result = rasa("test", "core", "--model", str(trained_model), "--stories", "bot/tests",
                  "--out", str(tmp_path), "--fail-on-prediction-errors")  # fmt: skip
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    failed = tmp_path / "failed_test_stories.yml"
    if failed.exists():
        assert not (yaml.safe_load(failed.read_text()) or {}).get("stories"), failed.read_text()
