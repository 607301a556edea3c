from pathlib import Path

import pytest

from lantern.languages import LanguageRegistry
from lantern.safety import Sign, child_phrases, danger_phrases, safety_sign, self_harm_phrases, sounds_like_danger

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


@pytest.mark.parametrize("code", REGISTRY.codes)
def test_every_language_has_self_harm_phrases_and_child_signs(code):
    assert len(self_harm_phrases(str(CONTENT)).get(code, ())) >= 10
    assert len(child_phrases(str(CONTENT)).get(code, ())) >= 10


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("i want to kill myself", Sign.self_harm),
        ("quiero matarme", Sign.self_harm),  # also a danger phrase: crisis support comes first
        ("they locked me in", Sign.danger),
        ("I am 15 and need help", Sign.child),
        ("tengo 15 años", Sign.child),
        ("หนูอายุ๑๕ค่ะ", Sign.child),  # Thai digits
        ("i'm a minor", Sign.child),
    ],
)
def test_safety_signs_in_any_language(text, sign):
    assert safety_sign(text, CONTENT) is sign


@pytest.mark.parametrize(
    "text",
    [
        "i am 12 weeks pregnant",
        "I worked there 15 years",
        "my boss owes me 15 days of wages",
        "where can I sleep tonight",
        "I am 18",
    ],
)
def test_durations_and_adult_ages_are_not_signs(text):
    assert safety_sign(text, CONTENT) is None
