"""A tokenizer for every script Lantern serves, as one Rasa pipeline component.

Thai, Lao, Khmer, Burmese and Chinese are written without spaces between words; ICU's word break
iterator segments them with the dictionaries ICU ships, and splits space-separated scripts by the
Unicode word-break rules. Burmese typed in the legacy Zawgyi encoding is converted to Unicode first.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

import icu
from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.training_data.message import Message

from lantern.zawgyi import to_unicode_if_zawgyi

# ICU rule statuses of word segments: numbers, letters, kana, ideographs (UBRK_WORD_* ranges).
WORD_STATUS_MIN = 100


def _is_word(segment: str, status: int) -> bool:
    if status >= WORD_STATUS_MIN:
        return True
    # Some scripts (e.g. Khmer and Burmese marks) come back with status 0; keep anything with a letter.
    return any(unicodedata.category(ch)[0] in "LNM" for ch in segment)


def fold_latin(word: str) -> str:
    """Latin-script words without diacritics, so "giúp" and "giup", "ajutor" and "ajutór" meet.
    Other scripts keep their marks: in Thai, Lao, Khmer and Burmese they are vowels."""
    if not all(ch.isascii() or unicodedata.name(ch, "").startswith("LATIN") or not ch.isalpha() for ch in word):
        return word
    decomposed = unicodedata.normalize("NFKD", word.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


# Arabic spelling that varies from writer to writer without changing the word: short-vowel marks and
# the elongation stroke are dropped; hamza-carrying alefs, alef maqsura, ta marbuta and hamza seats
# take their bare forms, and Persian-keyboard kaf/yeh their Arabic ones.
ARABIC_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
ARABIC_LETTERS = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي", "ک": "ك", "ی": "ي"}
)


def fold_arabic(word: str) -> str:
    """Arabic words in one spelling, so "إجازة", "اجازه" and "اجــازة" meet."""
    return ARABIC_MARKS.sub("", word).translate(ARABIC_LETTERS)


def fold_word(word: str) -> str:
    return fold_arabic(fold_latin(word))


def segment(text: str) -> list[tuple[str, int]]:
    """Words of `text` with their start offsets."""
    breaker = icu.BreakIterator.createWordInstance(icu.Locale.getRoot())
    breaker.setText(text)
    words: list[tuple[str, int]] = []
    # ICU works in UTF-16 code units; map them back to Python string offsets.
    utf16_to_index = _utf16_offsets(text)
    start = breaker.first()
    for end in breaker:
        status = breaker.getRuleStatus()
        piece = text[utf16_to_index[start] : utf16_to_index[end]]
        if piece.strip() and _is_word(piece, status):
            words.append((piece, utf16_to_index[start]))
        start = end
    return words


def _utf16_offsets(text: str) -> dict[int, int]:
    offsets = {}
    unit = 0
    for index, char in enumerate(text):
        offsets[unit] = index
        unit += 2 if ord(char) > 0xFFFF else 1
    offsets[unit] = len(text)
    return offsets


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class ScriptAwareTokenizer(Tokenizer):
    """Word segmentation for spaced and unspaced scripts alike."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            "intent_tokenization_flag": False,
            "intent_split_symbol": "_",
            "token_pattern": None,
            "prefix_separator_symbol": None,
            # Also keep a word's own spelling next to its folded form when they differ, so that
            # "đúng" (right) and "đừng" (don't) stay apart while "dung" still meets both.
            "keep_diacritics": False,
        }

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> ScriptAwareTokenizer:
        return cls(config)

    def tokenize(self, message: Message, attribute: str) -> list[Token]:
        text = message.get(attribute)
        if attribute == "text":
            text = to_unicode_if_zawgyi(text)
            message.set(attribute, text)
        tokens: list[Token] = []
        for word, start in segment(text):
            folded = fold_word(word)
            tokens.append(Token(folded, start, end=start + len(word)))
            if self._config.get("keep_diacritics") and folded != word:
                tokens.append(Token(word, start, end=start + len(word)))
        return self._apply_token_pattern(tokens)
