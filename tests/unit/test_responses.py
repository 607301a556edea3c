from __future__ import annotations

import re
from pathlib import Path

import pytest

from lantern.content import cached_content
from lantern.languages import LanguageRegistry
from lantern.responses import RenderContext, known_responses, render

ROOT = Path(__file__).resolve().parents[2]
REGISTRY = LanguageRegistry(ROOT / "locales")
THAI = re.compile(r"[\u0E00-\u0E7F]")


def context(language: str, channel: str = "web") -> RenderContext:
    return RenderContext(
        language=language,
        channel=channel,
        jurisdiction="intl",
        content=cached_content(str(ROOT / "content")),
        locales_dir=ROOT / "locales",
        languages=REGISTRY,
    )


@pytest.mark.parametrize("language", REGISTRY.codes)
@pytest.mark.parametrize("name", known_responses())
def test_every_response_renders_in_every_language(name, language):
    message = render(name, context(language))
    assert message.text.strip()
    assert all(b.title and b.payload.startswith("/") for b in message.buttons)
    if language == "th":
        assert THAI.search(message.text)


def test_sms_answers_use_the_short_text():
    web = render("utter_answer_shelter", context("en", "web")).text
    sms = render("utter_answer_shelter", context("en", "sms")).text
    assert len(sms) < len(web)


def test_language_buttons_name_each_language_in_its_own_script():
    titles = [b.title for b in render("utter_choose_language", context("en")).buttons]
    assert "ไทย" in titles and "English" in titles


def test_emergency_never_invents_a_number():
    text = render("utter_emergency", context("en")).text
    contacts = cached_content(str(ROOT / "content")).contacts_for("intl")
    digits = set(re.findall(r"\+?\d[\d\s-]{2,}\d", text))
    allowed = {c.number for c in contacts if c.number}
    assert digits <= allowed
