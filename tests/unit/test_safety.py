from pathlib import Path

import pytest

from lantern.languages import LanguageRegistry
from lantern.safety import danger_phrases, sounds_like_danger

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
REGISTRY = LanguageRegistry(ROOT / "locales")


@pytest.mark.parametrize("code", REGISTRY.codes)
def test_every_language_has_danger_phrases(code):
    assert len(danger_phrases(str(CONTENT)).get(code, ())) >= 8


@pytest.mark.parametrize(
    "text", ["help he is BEATING me!!", "they locked me in the kitchen", "ช่วยด้วยค่ะ ถูกขังอยู่", "can't escape."]
)
def test_danger_is_recognised_whatever_the_case_and_punctuation(text):
    assert sounds_like_danger(text, CONTENT)


@pytest.mark.parametrize(
    "text", ["where can I find a lawyer", "I need a safe place to stay", "entrapment law", "ขอที่พักปลอดภัย"]
)
def test_ordinary_questions_are_not_emergencies(text):
    assert not sounds_like_danger(text, CONTENT)
