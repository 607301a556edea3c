from pathlib import Path

import pytest

from lantern.langid import detect_language, dominant_script
from lantern.languages import LanguageRegistry, describe

REGISTRY = LanguageRegistry(Path(__file__).resolve().parents[2] / "locales")


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("ช่วยด้วย", "th"),
        ("ขอ passport คืนได้ไหม", "th"),  # English words mixed into Thai stay Thai
        ("where can i sleep tonight", "en"),
    ],
)
def test_language_is_detected_from_short_messages(text, language):
    assert detect_language(text, REGISTRY.languages).language == language


NLU = Path(__file__).resolve().parents[2] / "bot" / "data" / "nlu"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("toi can giup do", "vi"),
        ("am nevoie de ajutor acasa", "ro"),
        ("kam nevoje per strehim", "sq"),
        ("je veux un avocat svp", "fr"),
        ("necesito un abogado", "es"),
        ("i need a lawyer", "en"),
    ],
)
def test_latin_script_languages_are_told_apart_without_diacritics(text, language):
    assert detect_language(text, REGISTRY.languages, NLU).language == language


def test_too_little_text_is_not_a_confident_guess():
    assert detect_language("ok", REGISTRY.languages).confidence < 0.8
    assert detect_language("🙏", REGISTRY.languages).language is None


def test_scripts_come_from_cldr():
    assert describe("th").script == "Thai"
    assert describe("ar").direction == "rtl"
    assert describe("th").name == "ไทย"
    assert dominant_script("hello ສະບາຍດີ")[0] == "Laoo"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("ana 3ayez mosa3da", "ar"),  # Arabizi
        ("wo xu yao bang zhu", "zh"),  # pinyin
        ("mingalarpar", "my"),
    ],
)
def test_languages_typed_in_latin_letters_are_recognised(text, language):
    detection = detect_language(text, REGISTRY.languages, NLU)
    assert (detection.language, detection.confidence >= 0.8) == (language, True)


@pytest.mark.parametrize(
    ("text", "language"),
    [("i need a lawyer", "en"), ("necesito un abogado", "es"), ("toi can giup do", "vi"), ("yes please", "en")],
)
def test_romanized_languages_do_not_take_over_latin_script_ones(text, language):
    assert detect_language(text, REGISTRY.languages, NLU).language == language
