"""Real conversations through /api/chat: trained model, action server, NLG endpoint, database."""

from __future__ import annotations

import httpx
import pytest
from sqlalchemy import select

from gateway.storage import Conversation, HandoffRequest, session_scope
from lantern.i18n import translate
from lantern.pseudonym import pseudonymous_id
from lantern.responses import FIRST_CONTACT_NOTICE, TEXTS, TOPIC_TITLES
from tests.integration.helpers import THAI, all_text, chat, content_text, said_anything

pytestmark = pytest.mark.integration


@pytest.mark.parametrize(
    ("language", "text", "topic"),
    [
        ("en", "i need a safe place to sleep tonight", "shelter"),
        ("en", "can i get a lawyer to help me in court", "legal_aid"),
        ("en", "my boss took my passport and wont give it back", "documents"),
        ("en", "the factory never paid my wages, can i get that money back", "compensation"),
        ("th", "อยากได้ที่พักที่ปลอดภัยค่ะ", "shelter"),
        ("th", "นายจ้างยึดพาสปอร์ตไว้ไม่ยอมคืน", "documents"),
        ("th", "ต้องการทนายความช่วยเรื่องคดีในศาล", "legal_aid"),
    ],
)
def test_a_question_gets_the_curated_answer_in_its_language(stack, language, text, topic):
    reply = chat(stack, text)
    expected = content_text(stack, topic, language)
    assert reply["language"] == language
    assert reply["messages"][0]["text"] == f"{expected.web}\n\n{expected.next}"
    buttons = reply["messages"][0]["buttons"]
    assert "/request_human" in [b["payload"] for b in buttons]
    if language == "th":
        assert all(THAI.search(b["title"]) for b in buttons)


def test_session_keeps_language_and_token(stack):
    first = chat(stack, "สวัสดีค่ะ")
    assert first["language"] == "th"
    second = chat(stack, "/ask_help_menu", session=first["session"])
    assert second["session"] == first["session"]
    assert second["language"] == "th"
    assert THAI.search(all_text(second))


def test_menu_offers_every_topic_and_a_person(stack):
    reply = chat(stack, "menu")
    titles = [b["title"] for m in reply["messages"] for b in m["buttons"]]
    for topic_title in TOPIC_TITLES.values():
        assert topic_title in titles
    assert "Talk to a person" in titles


def test_tapping_a_button_answers_its_topic(stack):
    menu = chat(stack, "menu")
    shelter = next(b for b in menu["messages"][0]["buttons"] if b["payload"] == "/ask_shelter")
    reply = chat(stack, shelter["payload"], session=menu["session"])
    assert content_text(stack, "shelter", "en").web in all_text(reply)


def test_picking_a_language_switches_the_replies(stack):
    first = chat(stack, "hello")
    switched = chat(stack, '/change_language{"language":"th"}', session=first["session"])
    assert switched["language"] == "th"
    assert all_text(switched) == translate(stack.locales_dir, "th", TEXTS["utter_language_changed"])
    sticky = chat(stack, "where can i sleep tonight", session=first["session"])
    assert sticky["language"] == "th"  # a language the person picked stays until they pick another
    selector = chat(stack, "hello", session=first["session"], language="en")
    assert selector["language"] == "en"


def test_not_understood_twice_offers_a_person(stack):
    first = chat(stack, "🙏🙏🙏")
    assert first["messages"][0]["text"] == TEXTS["utter_clarify"]
    second = chat(stack, "🤷", session=first["session"])
    assert all_text(second) == TEXTS["utter_offer_human"]
    accepted = chat(stack, "/affirm", session=first["session"])
    assert accepted["messages"][0]["text"] == TEXTS["utter_handoff_requested"]


def test_emergency_is_answered_at_once_and_jumps_the_queue(stack):
    reply = chat(stack, "help he is beating me and locked me in the room")
    text = all_text(reply)
    assert text.startswith("If you are in danger now")
    assert "caseworker" in text
    sender = pseudonymous_id(stack.pseudonym_key.get_secret_value(), "web", reply["session"])
    with session_scope(stack.sqlalchemy_url) as db:
        request = db.scalars(select(HandoffRequest).where(HandoffRequest.sender_id == sender)).one()
        assert (request.reason, request.priority) == ("emergency", 100)


def test_asking_for_a_person_queues_a_request(stack):
    reply = chat(stack, "i want to talk to a real person please")
    assert reply["messages"][0]["text"] == TEXTS["utter_handoff_requested"]


@pytest.mark.parametrize(("language", "hello"), [("en", "hello"), ("ar", "مرحبا"), ("km", "សួស្តី")])
def test_first_contact_says_who_runs_it_that_it_is_not_the_police_and_how_to_erase(stack, language, hello):
    first = chat(stack, hello)
    notice = translate(stack.locales_dir, language, FIRST_CONTACT_NOTICE, operator=stack.operator_name,
                       days=stack.retention_days)  # fmt: skip
    assert first["messages"][-1]["text"] == notice
    assert translate(stack.locales_dir, language, "DELETE") in notice
    later = chat(stack, hello, session=first["session"])
    assert all(m["text"] != notice for m in later["messages"])


def test_delete_my_data_confirms_then_erases(stack):
    first = chat(stack, "hello")
    sender = pseudonymous_id(stack.pseudonym_key.get_secret_value(), "web", first["session"])
    confirm = chat(stack, "please delete all my data", session=first["session"])
    assert all_text(confirm) == TEXTS["utter_confirm_delete"]
    done = chat(stack, "/affirm", session=first["session"])
    assert all_text(done) == TEXTS["utter_data_deleted"]
    with session_scope(stack.sqlalchemy_url) as db:
        assert db.get(Conversation, sender) is None
    tracker = httpx.get(
        f"{stack.rasa_url}/conversations/{sender}/tracker",
        params={"token": stack.rasa_token.get_secret_value()},
        timeout=30,
    ).json()
    assert said_anything(tracker) == []


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        ({"session": None, "text": "", "language": None}, 422),
        ({"session": None, "text": "   ", "language": None}, 422),
        ({"session": None, "text": "a" * 5001, "language": None}, 422),
        ({"session": "not a token!", "text": "hi", "language": None}, 422),
        ({"text": None}, 422),
    ],
)
def test_bad_requests_get_a_clear_4xx(stack, payload, status):
    response = httpx.post(f"{stack.gateway_url}/api/chat", json=payload, timeout=30)
    assert response.status_code == status
    assert "detail" in response.json()


@pytest.mark.parametrize("text", ["🙏🙏🙏", "a" * 5000, "%E0%A4%A", "\x00\x01hello"])
def test_odd_but_valid_text_gets_a_polite_reply(stack, text):
    reply = chat(stack, text)
    assert reply["messages"] and all(m["text"] for m in reply["messages"])


def test_wrong_content_type_and_broken_json_are_rejected(stack):
    url = f"{stack.gateway_url}/api/chat"
    assert httpx.post(url, content=b"text=hi", headers={"Content-Type": "text/plain"}).status_code == 422
    broken = httpx.post(url, content=b'{"text": "\xff\xfe"}', headers={"Content-Type": "application/json"})
    assert 400 <= broken.status_code < 500


def test_page_is_served_with_strict_security_headers(stack):
    response = httpx.get(f"{stack.gateway_url}/", headers={"Accept-Language": "th-TH,th;q=0.9"})
    assert response.status_code == 200
    assert '<html lang="th"' in response.text
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-frame-options"] == "DENY"


def test_many_people_at_once_are_all_answered_without_waiting_on_each_other(stack):
    """Turns never hold a database connection while waiting on Rasa, which calls back into the gateway:
    more simultaneous turns than the connection pool holds must all be answered promptly."""
    import asyncio
    import time

    import httpx

    async def one(client: httpx.AsyncClient, index: int) -> int:
        body = {"text": "i need a safe place to sleep" if index % 2 else "i want to talk to a person"}
        return (await client.post(f"{stack.gateway_url}/api/chat", json=body)).status_code

    async def many() -> list[int]:
        async with httpx.AsyncClient(timeout=20) as client:
            return await asyncio.gather(*(one(client, i) for i in range(30)))

    started = time.monotonic()
    assert asyncio.run(many()) == [200] * 30
    assert time.monotonic() - started < 15
