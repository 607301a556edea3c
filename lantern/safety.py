"""Danger phrases: an emergency is answered at once, whatever the NLU's confidence."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml

from lantern.keywords import fold

DANGER_FILE = Path("safety") / "danger_phrases.yml"
PUNCTUATION = re.compile(r"[!-&(-/:-@\[-`{-~¡¿。，！？、…]+")


@lru_cache(maxsize=4)
def danger_phrases(content_dir: str) -> dict[str, tuple[str, ...]]:
    data = yaml.safe_load((Path(content_dir) / DANGER_FILE).read_text(encoding="utf-8")) or {}
    return {code: tuple(normalise(p) for p in phrases) for code, phrases in data.items()}


def normalise(text: str) -> str:
    """Folded, punctuation as spaces, one space between words; the same for phrases and messages."""
    return " ".join(PUNCTUATION.sub(" ", fold(text.replace("’", "'"))).split())


def sounds_like_danger(text: str, content_dir: Path) -> bool:
    """True when the message contains a danger phrase of any language."""
    folded = f" {normalise(text)} "
    for phrases in danger_phrases(str(content_dir)).values():
        for phrase in phrases:
            needle = f" {phrase} " if phrase.isascii() else phrase
            if needle in folded:
                return True
    return False
