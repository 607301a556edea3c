"""Right-to-left languages render right-to-left in Chromium."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from lantern.languages import LanguageRegistry
from tests.browser.test_webchat import CHROMIUM, CHROMIUM_ARGS, PHONE

pytestmark = pytest.mark.browser

RTL = [lang.code for lang in LanguageRegistry(Path(__file__).resolve().parents[2] / "locales").languages
       if lang.direction == "rtl"]  # fmt: skip


@pytest.mark.parametrize("code", RTL)
def test_rtl_page_is_right_to_left(gateway_url, code, tmp_path):
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport=PHONE)
        page.goto(f"{gateway_url}/?lang={code}")
        assert page.get_attribute("html", "dir") == "rtl"
        assert page.get_attribute("html", "lang") == code
        assert page.eval_on_selector("#messages", "el => getComputedStyle(el).direction") == "rtl"
        welcome = page.locator("#messages .msg.bot").first
        box, messages = welcome.bounding_box(), page.locator("#messages").bounding_box()
        assert box and messages
        # The welcome bubble sits against the right edge in a right-to-left layout.
        assert abs((box["x"] + box["width"]) - (messages["x"] + messages["width"])) < 40
        page.screenshot(path=str(tmp_path / f"{code}.png"))
        browser.close()
