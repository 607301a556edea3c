"""Scripts without spaces and legacy encodings."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

from lantern.content import load_content
from lantern.languages import LanguageRegistry
from lantern.responses import RenderContext, render
from lantern.zawgyi import to_unicode_if_zawgyi

ROOT = Path(__file__).resolve().parents[2]
UNICODE = "နေကောင်းလား"
ZAWGYI = "ေနေကာင္းလား"


def test_zawgyi_burmese_is_converted_to_unicode():
    assert to_unicode_if_zawgyi(ZAWGYI) == UNICODE


def test_unicode_burmese_and_other_scripts_are_left_alone():
    for text in (UNICODE, "ขอที่พัก", "hello", ""):
        assert to_unicode_if_zawgyi(text) == text


def test_missing_translation_is_said_in_the_persons_language_with_english_or_a_person(tmp_path):
    shutil.copytree(ROOT / "content", tmp_path / "content")
    path = tmp_path / "content" / "jurisdictions" / "intl" / "shelter.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    del data["text"]["th"]
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    ctx = RenderContext("th", "web", "intl", load_content(tmp_path / "content"), ROOT / "locales",
                        LanguageRegistry(ROOT / "locales"))  # fmt: skip
    message = render("utter_answer_shelter", ctx)
    assert message.text.startswith("ขอโทษค่ะ คำตอบนี้ยังไม่มีเป็นภาษาของคุณ")
    assert [b.payload for b in message.buttons] == ['/change_language{"language":"en"}', "/request_human"]
