"""The web chat as a person on a phone uses it, in headless Chromium against a running gateway.

`gateway_url` (session fixture, tests/conftest.py) is the base URL of a running stack.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, Request, expect, sync_playwright

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
REPLY_TIMEOUT_MS = 20_000
PHONE = {"width": 390, "height": 844}
SMALL_PHONE = {"width": 360, "height": 640}
THAI = re.compile("[\u0e00-\u0e7f]")
SESSION_KEY = "lantern.session"
START_PAGE = "https://start.example/"
STUB_HTML = "<!doctype html><html><head><title>Elsewhere</title></head><body><p>Elsewhere</p></body></html>"

BOTS = "#messages .msg.bot"
USERS = "#messages .msg.user"
ERRORS = "#messages .msg.error"


# ---------------------------------------------------------------------------- fixtures


@pytest.fixture(scope="module")
def playwright_instance() -> Iterator[Playwright]:
    with sync_playwright() as p:
        yield p


@pytest.fixture(scope="module")
def chromium(playwright_instance: Playwright) -> Iterator[Browser]:
    browser = playwright_instance.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def base_url(gateway_url: str) -> str:
    return gateway_url.rstrip("/")


def new_phone(browser: Browser, viewport: dict[str, int] = PHONE, locale: str = "en-US") -> BrowserContext:
    context = browser.new_context(
        viewport=viewport,
        locale=locale,
        is_mobile=True,
        has_touch=True,
        service_workers="block",
    )
    context.set_default_timeout(REPLY_TIMEOUT_MS)
    return context


@pytest.fixture
def phone(chromium: Browser) -> Iterator[BrowserContext]:
    context = new_phone(chromium)
    yield context
    context.close()


@pytest.fixture
def chat(phone: BrowserContext, base_url: str) -> Page:
    page = phone.new_page()
    page.goto(base_url + "/")
    expect(page.locator(BOTS).first).to_be_visible()
    return page


# ---------------------------------------------------------------------------- helpers


def ui_strings(page: Page) -> dict[str, str]:
    return json.loads(page.locator("#ui-strings").text_content() or "{}")


def bot_count(page: Page) -> int:
    return page.locator(BOTS).count()


def wait_for_bot_replies(page: Page, before: int) -> list[str]:
    """Wait until bot messages beyond the first `before` arrive; return their texts."""
    page.wait_for_function(
        "n => document.querySelectorAll('#messages .msg.bot').length > n",
        arg=before,
        timeout=REPLY_TIMEOUT_MS,
    )
    expect(page.locator("#messages .typing")).to_have_count(0)
    expect(page.locator(ERRORS)).to_have_count(0)
    return page.locator(BOTS).all_inner_texts()[before:]


def say(page: Page, text: str) -> list[str]:
    """Type `text`, press Enter, and return the texts of the bot messages that answer it."""
    before = bot_count(page)
    box = page.locator("#text")
    box.fill(text)
    box.press("Enter")
    expect(page.locator(USERS).last).to_have_text(text)
    expect(box).to_have_value("")
    return wait_for_bot_replies(page, before)


def same_url(a: str, b: str) -> bool:
    pa, pb = urlsplit(a), urlsplit(b)
    return (pa.scheme, pa.netloc, pa.path.rstrip("/"), pa.query) == (
        pb.scheme,
        pb.netloc,
        pb.path.rstrip("/"),
        pb.query,
    )


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def is_chat_post(request: Request) -> bool:
    return request.method == "POST" and urlsplit(request.url).path == "/api/chat"


# ---------------------------------------------------------------------------- tests


def test_welcome_then_hello_gets_an_answer(chat: Page) -> None:
    page = chat
    welcome = page.locator(BOTS).first
    expect(welcome).to_be_visible()
    assert welcome.inner_text().strip(), "the welcome bubble is empty"
    expect(page.locator(USERS)).to_have_count(0)
    expect(page.locator("#quick-exit")).to_be_visible()

    replies = say(page, "hello")

    assert any(text.strip() for text in replies), f"no bot text in {replies!r}"
    expect(page.locator(BOTS).last).to_be_in_viewport()


def test_menu_button_sends_its_choice(chat: Page) -> None:
    page = chat
    before = bot_count(page)
    box = page.locator("#text")
    box.fill("menu")
    box.press("Enter")
    page.locator("#messages .msg.bot .buttons button").first.wait_for(timeout=REPLY_TIMEOUT_MS)
    wait_for_bot_replies(page, before)

    with_buttons = page.locator("#messages .msg.bot:has(.buttons button)")
    menu = with_buttons.nth(with_buttons.count() - 1)
    button = menu.locator(".buttons button").first
    title = button.inner_text().strip()
    assert title
    users_before = page.locator(USERS).count()
    bots_before = bot_count(page)

    button.click()

    expect(page.locator(USERS)).to_have_count(users_before + 1)
    expect(page.locator(USERS).last).to_have_text(title)
    expect(menu.locator(".buttons button:enabled")).to_have_count(0)
    replies = wait_for_bot_replies(page, bots_before)
    assert any(text.strip() for text in replies)


def test_thai_page_and_thai_conversation(phone: BrowserContext, base_url: str) -> None:
    page = phone.new_page()
    page.goto(base_url + "/?lang=th")
    expect(page.locator("html")).to_have_attribute("lang", "th")
    welcome = page.locator(BOTS).first
    expect(welcome).to_be_visible()
    assert THAI.search(welcome.inner_text()), f"welcome is not Thai: {welcome.inner_text()!r}"
    expect(page.locator("#language")).to_have_value("th")

    with page.expect_request(is_chat_post) as sent:
        replies_pending = page.locator("#text")
        replies_pending.fill("ที่พักปลอดภัย")
        replies_pending.press("Enter")
    assert sent.value.post_data_json["language"] == "th"
    assert sent.value.post_data_json["text"] == "ที่พักปลอดภัย"

    replies = wait_for_bot_replies(page, 1)
    assert any(THAI.search(text) for text in replies), f"no Thai in {replies!r}"


@pytest.mark.parametrize("how", ["escape-key", "button"])
def test_quick_exit_leaves_no_trace(chromium: Browser, base_url: str, how: str) -> None:
    context = new_phone(chromium)
    try:
        page = context.new_page()
        context.route(START_PAGE + "**", lambda route: route.fulfill(content_type="text/html", body=STUB_HTML))
        page.goto(START_PAGE)
        page.goto(base_url + "/")
        exit_url = page.locator("body").get_attribute("data-exit-url")
        assert exit_url and exit_url.startswith(("https://", "http://"))
        exit_host = urlsplit(exit_url).netloc
        context.route(
            lambda url: urlsplit(url).netloc == exit_host,
            lambda route: route.fulfill(content_type="text/html", body=STUB_HTML),
        )

        say(page, "hello")
        assert page.evaluate(f"sessionStorage.getItem({SESSION_KEY!r})"), "no session token was kept"

        if how == "escape-key":
            page.keyboard.press("Escape")
        else:
            page.locator("#quick-exit").click()
        page.wait_for_url(lambda url: same_url(url, exit_url))

        # The chat is not in the history: going back skips it.
        page.go_back()
        page.wait_for_load_state()
        assert not page.url.startswith(base_url), f"going back returned to the chat: {page.url}"
        assert same_url(page.url, START_PAGE) or same_url(page.url, exit_url)

        # sessionStorage of the app origin (kept per tab) was cleared: a fresh visit starts anew.
        page.goto(base_url + "/")
        assert page.evaluate("sessionStorage.length") == 0
        expect(page.locator(USERS)).to_have_count(0)
        expect(page.locator(BOTS)).to_have_count(1)
    finally:
        context.close()


def test_nothing_left_in_storage_or_cookies(chat: Page, phone: BrowserContext) -> None:
    page = chat
    say(page, "hello")
    say(page, "menu")

    assert page.evaluate("localStorage.length") == 0
    assert page.evaluate("document.cookie") == ""
    assert phone.cookies() == []
    assert page.evaluate("Object.keys(sessionStorage)") == [SESSION_KEY]


def test_only_the_gateway_is_contacted(chromium: Browser, base_url: str) -> None:
    context = new_phone(chromium)
    try:
        page = context.new_page()
        requested: list[str] = []
        problems: list[str] = []
        page.on("request", lambda request: requested.append(request.url))
        page.on("console", lambda msg: problems.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda error: problems.append(str(error)))

        response = page.goto(base_url + "/")
        assert response is not None and response.ok
        assert "content-security-policy" in response.headers
        say(page, "hello")
        say(page, "menu")
        page.locator("#messages .msg.bot .buttons button:enabled").first.wait_for()
        before = bot_count(page)
        page.locator("#messages .msg.bot .buttons button:enabled").last.click()
        wait_for_bot_replies(page, before)

        gateway = origin(base_url)
        foreign = [url for url in requested if urlsplit(url).scheme not in ("data", "blob") and origin(url) != gateway]
        assert foreign == [], f"requests to other origins: {foreign}"
        assert any(urlsplit(url).path == "/static/chat.js" for url in requested)
        assert any(urlsplit(url).path == "/static/chat.css" for url in requested)
        assert problems == [], f"console errors (CSP?): {problems}"
    finally:
        context.close()


def test_failed_send_keeps_the_text(chat: Page) -> None:
    page = chat
    strings = ui_strings(page)
    page.route("**/api/chat", lambda route: route.fulfill(status=503, body="unavailable"))
    box = page.locator("#text")
    box.fill("I need help with my passport")
    box.press("Enter")

    expect(page.locator(ERRORS).last).to_have_text(strings["error"])
    expect(box).to_have_value("I need help with my passport")
    expect(page.locator(USERS)).to_have_count(0)

    page.unroute("**/api/chat")
    before = bot_count(page)
    box.press("Enter")
    expect(page.locator(USERS).last).to_have_text("I need help with my passport")
    page.wait_for_function(
        "n => document.querySelectorAll('#messages .msg.bot').length > n", arg=before, timeout=REPLY_TIMEOUT_MS
    )
    expect(box).to_have_value("")


def test_language_selector_switches_the_conversation(chat: Page, base_url: str) -> None:
    page = chat
    strings = ui_strings(page)
    say(page, "hello")
    token = page.evaluate(f"sessionStorage.getItem({SESSION_KEY!r})")
    assert token

    selector = page.get_by_label(strings["language"])
    expect(selector).to_have_attribute("id", "language")
    selector.select_option("th")
    page.wait_for_url(lambda url: same_url(url, base_url + "/?lang=th"))
    expect(page.locator("html")).to_have_attribute("lang", "th")
    assert THAI.search(page.locator(BOTS).first.inner_text())

    with page.expect_request(is_chat_post) as sent:
        box = page.locator("#text")
        box.fill("hello")
        box.press("Enter")
    body = sent.value.post_data_json
    assert body["language"] == "th"
    assert body["session"] == token
    replies = wait_for_bot_replies(page, 1)
    assert any(THAI.search(text) for text in replies), f"no Thai in {replies!r}"


def test_small_phone_layout_and_blank_input(chromium: Browser, base_url: str) -> None:
    context = new_phone(chromium, viewport=SMALL_PHONE)
    try:
        page = context.new_page()
        page.goto(base_url + "/")
        expect(page.locator(BOTS).first).to_be_visible()

        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        for selector in ("#quick-exit", "#language", "#text", "#send"):
            expect(page.locator(selector)).to_be_in_viewport()
            box = page.locator(selector).bounding_box()
            assert box and box["height"] >= 44, f"{selector} is too small to tap: {box}"
        exit_box = page.locator("#quick-exit").bounding_box()
        select_box = page.locator("#language").bounding_box()
        assert exit_box and select_box and exit_box["y"] < 80
        overlap_x = min(exit_box["x"] + exit_box["width"], select_box["x"] + select_box["width"]) - max(
            exit_box["x"], select_box["x"]
        )
        overlap_y = min(exit_box["y"] + exit_box["height"], select_box["y"] + select_box["height"]) - max(
            exit_box["y"], select_box["y"]
        )
        assert overlap_x <= 0 or overlap_y <= 0, "the quick exit covers the language selector"
        for selector in ("#messages .msg.bot .bubble", "#text"):
            size = page.locator(selector).first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
            assert size >= 16, f"{selector} text is {size}px"
        assert page.locator("#text").get_attribute("maxlength") == "1000"

        posts: list[str] = []
        page.on("request", lambda request: posts.append(request.url) if is_chat_post(request) else None)
        box = page.locator("#text")
        box.fill("   \n  ")
        box.press("Enter")
        page.locator("#send").click()
        page.wait_for_timeout(500)
        assert posts == []
        expect(page.locator(USERS)).to_have_count(0)
    finally:
        context.close()
