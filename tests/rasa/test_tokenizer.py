"""The pipeline's tokenizer, run in the Rasa engine's environment: words of every script, one spelling
for the variants people type."""

from __future__ import annotations

import json
import subprocess

import pytest

from lantern import PROJECT_ROOT
from lantern.settings import Settings
from lantern.training import rasa_env

pytestmark = pytest.mark.integration

SCRIPT = """
import json, sys
from rasa.shared.nlu.training_data.message import Message
from bot.components.tokenizer import ScriptAwareTokenizer
tokenizer = ScriptAwareTokenizer(ScriptAwareTokenizer.get_default_config())
texts = json.loads(sys.stdin.read())
print(json.dumps([[t.text for t in tokenizer.tokenize(Message({"text": x}), "text")] for x in texts]))
"""

SAMPLES = {
    "th": "ฉันต้องการที่พักปลอดภัย",  # I need a safe place to stay
    "zh": "我需要找律师",  # I need to find a lawyer
    "km": "ខ្ញុំត្រូវការជំនួយ",  # I need help
    "lo": "ຂ້ອຍຕ້ອງການຄວາມຊ່ວຍເຫຼືອ",  # I need help
    "my": "ကျွန်တော်အကူအညီလိုပါတယ်",  # I need help
    "vi": "tôi cần giúp đỡ",
    "ar_variants": "أريد إجازة",
    "ar_plain": "اريد اجازه",
    "ar_marks": "أُرِيـــدُ إِجَازَة",
}


@pytest.fixture(scope="module")
def tokens() -> dict[str, list[str]]:
    result = subprocess.run(
        [str(Settings().rasa_python), "-c", SCRIPT],
        input=json.dumps(list(SAMPLES.values())), cwd=PROJECT_ROOT, env=rasa_env(),
        capture_output=True, text=True, timeout=300, check=True,
    )  # fmt: skip
    return dict(zip(SAMPLES, json.loads(result.stdout.strip().splitlines()[-1]), strict=True))


@pytest.mark.parametrize("language", ["th", "zh", "km", "lo", "my"])
def test_scripts_without_spaces_are_split_into_words(tokens, language):
    words = tokens[language]
    assert len(words) >= 2, words
    assert "".join(words) == SAMPLES[language].replace(" ", "")


def test_latin_diacritics_are_folded(tokens):
    assert tokens["vi"] == ["toi", "can", "giup", "do"]


def test_arabic_spelling_variants_meet(tokens):
    assert tokens["ar_variants"] == tokens["ar_plain"] == tokens["ar_marks"] == ["اريد", "اجازه"]
