"""Crisis support, the child-protection route and the service directory, through /api/chat."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from gateway.storage import HandoffRequest, session_scope
from lantern.i18n import translate
from lantern.languages import LanguageRegistry
from lantern.pseudonym import pseudonymous_id
from lantern.responses import CHILD_INTRO, CRISIS_INTRO, CRISIS_NO_CONTACTS, EMERGENCY_INTRO
from lantern.safety import danger_phrases
from lantern.settings import Settings
from tests.integration.helpers import chat, sms

pytestmark = pytest.mark.integration

LANGUAGE_CODES = LanguageRegistry(Settings().locales_dir).codes


def _requests(stack, session: str) -> list[HandoffRequest]:
    sender = pseudonymous_id(stack.pseudonym_key.get_secret_value(), "web", session)
    with session_scope(stack.sqlalchemy_url) as db:
        return list(db.scalars(select(HandoffRequest).filter_by(sender_id=sender)))


@pytest.mark.parametrize(("language", "text"), [("en", "i just want to end my life"), ("th", "ไม่อยากมีชีวิตอยู่แล้วค่ะ")])
def test_thoughts_of_suicide_get_crisis_support_at_once(stack, language, text):
    reply = chat(stack, text, language=language)
    said = reply["messages"][0]["text"]
    assert said.startswith(translate(stack.locales_dir, language, CRISIS_INTRO))
    assert translate(stack.locales_dir, language, CRISIS_NO_CONTACTS) in said  # no invented number
    assert "?" not in said  # asks for no details
    [request] = _requests(stack, reply["session"])
    assert (request.reason, request.priority) == ("self_harm", 100)


@pytest.mark.parametrize(("language", "text"), [("en", "I am 15, can you help me"), ("es", "tengo 14 años")])
def test_a_child_is_routed_to_child_protection(stack, language, text):
    reply = chat(stack, text, language=language)
    assert reply["messages"][0]["text"].startswith(translate(stack.locales_dir, language, CHILD_INTRO))
    [request] = _requests(stack, reply["session"])
    assert request.reason == "child"
    assert request.priority > 0


def test_a_shelter_near_a_named_city_lists_services_there(stack):
    reply = chat(stack, "i need a shelter near chiang mai")
    said = reply["messages"][0]["text"]
    assert "Chiang Mai" in said
    assert "SAMPLE" in said  # the demonstration directory says it is one


def test_no_service_in_a_place_is_said_honestly(stack):
    reply = chat(stack, "is there a lawyer in Chiang Rai")  # the sample has none there
    said = reply["messages"][0]["text"]
    assert "I do not know a service for that in Chiang Rai" in said
    assert "Chiang Mai" in said  # the nearest one it knows


def test_crisis_support_over_sms_in_the_persons_language(stack):
    [reply] = sms(stack, "+66812340777", "อยากฆ่าตัวตาย")
    assert reply.startswith(translate(stack.locales_dir, "th", CRISIS_INTRO))


@pytest.mark.parametrize("language", LANGUAGE_CODES)
def test_danger_in_every_language_gets_the_emergency_answer_in_that_language_and_jumps_the_queue(stack, language):
    phrase = danger_phrases(str(stack.content_dir))[language][0]
    reply = chat(stack, phrase, language=language)
    intro = translate(stack.locales_dir, language, EMERGENCY_INTRO)
    assert reply["language"] == language
    assert reply["messages"][0]["text"].startswith(intro)
    sender = pseudonymous_id(stack.pseudonym_key.get_secret_value(), "web", reply["session"])
    with session_scope(stack.sqlalchemy_url) as db:
        request = db.scalars(select(HandoffRequest).where(HandoffRequest.sender_id == sender)).one()
        assert (request.reason, request.priority) == ("emergency", 100)
