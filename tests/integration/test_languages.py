"""Every served language, end to end: a person writing in it is answered in it, on both channels."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from lantern.content import cached_content
from lantern.languages import LanguageRegistry
from lantern.responses import RenderContext, known_responses, render
from lantern.settings import Settings
from tests.integration.helpers import all_text, chat, sms

pytestmark = pytest.mark.integration

ROOT = Path(__file__).resolve().parents[2]
REGISTRY = LanguageRegistry(ROOT / "locales")
SAMPLE_INTENTS = ("greet", "ask_shelter", "ask_legal_aid", "ask_documents")


def samples(code: str) -> list[tuple[str, str]]:
    """The first held-out example of a few intents, in the language's own words."""
    data = yaml.safe_load((ROOT / "tests" / "nlu" / f"{code}.yml").read_text(encoding="utf-8"))
    found = []
    for block in data["nlu"]:
        if block["intent"] in SAMPLE_INTENTS:
            first = str(block["examples"]).strip().splitlines()[0].removeprefix("- ").strip()
            found.append((block["intent"], first))
    return found


def replies_in(settings: Settings, code: str, channel: str) -> set[str]:
    """Everything the bot can say in this language on this channel."""
    ctx = RenderContext(code, channel, "intl", cached_content(str(settings.content_dir)), settings.locales_dir,
                        REGISTRY)  # fmt: skip
    return {render(name, ctx).text for name in known_responses()}


def said_in(reply: str, allowed: set[str]) -> bool:
    """The reply (or its first SMS page) is the start of something the bot says in that language."""
    start = reply.splitlines()[0][:30]
    return any(text.startswith(start) for text in allowed)


@pytest.mark.parametrize("code", REGISTRY.codes)
def test_web_chat_answers_in_the_language_written(stack, code):
    allowed = replies_in(stack, code, "web")
    for intent, text in samples(code):
        reply = chat(stack, text)
        assert reply["language"] == code, (intent, text)
        assert said_in(all_text(reply), allowed), (intent, text)


@pytest.mark.parametrize("code", REGISTRY.codes)
def test_sms_answers_in_the_language_written(stack, code):
    allowed = replies_in(stack, code, "sms")
    for index, (intent, text) in enumerate(samples(code)):
        [reply] = sms(stack, f"+4477009{REGISTRY.codes.index(code):02d}{index:03d}", text)
        assert said_in(reply, allowed), (intent, text)


@pytest.mark.parametrize("code", REGISTRY.codes)
def test_menu_keyword_works_in_every_language(stack, code):
    from lantern.i18n import translate

    keyword = translate(stack.locales_dir, code, "MENU")
    reply = chat(stack, keyword.upper())
    menu = translate(stack.locales_dir, reply["language"], "I can give information on these topics. "
                     "Choose one, or write your question in your own words.")  # fmt: skip
    assert all_text(reply).startswith(menu)


@pytest.mark.parametrize(
    ("code", "text"),
    [("ar", "salam, ana me7taj makan amen anam fih"), ("zh", "ni hao wo xu yao bang zhu")],
)
def test_a_language_typed_in_latin_letters_is_answered_in_its_own_script(stack, code, text):
    reply = chat(stack, text)
    assert reply["language"] == code
    assert said_in(all_text(reply), replies_in(stack, code, "web"))
