"""Training the Rasa model, cached by a hash of everything that shapes it."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

from lantern import PROJECT_ROOT
from lantern.settings import Settings

MODEL_INPUTS = ("config.yml", "bot", "lantern/zawgyi.py", "requirements/rasa.lock")


def model_inputs_hash(root: Path = PROJECT_ROOT) -> str:
    digest = hashlib.sha256()
    for name in MODEL_INPUTS:
        path = root / name
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if "__pycache__" in file.parts:
                continue
            digest.update(str(file.relative_to(root)).encode())
            digest.update(file.read_bytes())
    return digest.hexdigest()[:16]


def model_path(settings: Settings) -> Path:
    return settings.data_dir / "models" / f"lantern-{model_inputs_hash()}.tar.gz"


def rasa_command(settings: Settings, *args: str) -> list[str]:
    return [str(settings.rasa_python), "-m", "rasa", *args]


def rasa_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(PROJECT_ROOT)
    env.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")
    env["RASA_TELEMETRY_ENABLED"] = "false"
    env.setdefault("SQLALCHEMY_SILENCE_UBER_WARNING", "1")
    return env


def train(settings: Settings, force: bool = False) -> Path:
    """Return the model for the current inputs, training it only when no cached copy exists."""
    target = model_path(settings)
    cached = settings.model_cache_dir / target.name
    if target.exists() and not force:
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    if cached.exists() and not force:
        shutil.copy2(cached, target)
        return target
    subprocess.run(
        rasa_command(
            settings, "train", "--config", "config.yml", "--domain", "bot/domain.yml", "--data", "bot/data",
            "--out", str(target.parent), "--fixed-model-name", target.name.removesuffix(".tar.gz"),
        ),
        cwd=PROJECT_ROOT, env=rasa_env(), check=True,
    )  # fmt: skip
    cached.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(target, cached)
    return target
