"""Custom actions against tracker fixtures (rasa-sdk objects) and a real SQLite database."""

from __future__ import annotations

import pytest
from rasa_sdk import Tracker
from rasa_sdk.events import FollowupAction
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy import select

from actions.actions import (
    ActionChangeLanguage,
    ActionDeleteMyData,
    ActionEmergency,
    ActionHandleFallback,
    ActionRequestHuman,
)
from gateway.rasa import CONTROL_KEY
from gateway.storage import HandoffRequest, session_scope
from lantern.cli import migrate_database
from lantern.settings import Settings, get_settings


def user(intent: str, **metadata: str) -> dict:
    return {"event": "user", "text": "…", "parse_data": {"intent": {"name": intent}}, "metadata": metadata}


def tracker(*events: dict, entities: list | None = None) -> Tracker:
    latest = dict(events[-1]["parse_data"]) if events else {}
    latest["entities"] = entities or []
    latest["metadata"] = events[-1].get("metadata", {}) if events else {}
    return Tracker("web-abc", {}, latest, list(events), False, None, None, "action_listen")


def responses(dispatcher: CollectingDispatcher) -> list[str | None]:
    return [m.get("response") for m in dispatcher.messages]


@pytest.fixture
def database(tmp_path, monkeypatch) -> Settings:
    monkeypatch.setenv("LANTERN_DATA_DIR", str(tmp_path))
    get_settings.cache_clear()
    settings = get_settings()
    migrate_database(settings)
    yield settings
    get_settings.cache_clear()


def test_first_miss_asks_again_with_the_menu():
    dispatcher = CollectingDispatcher()
    ActionHandleFallback().run(dispatcher, tracker(user("greet"), user("nlu_fallback")), {})
    assert responses(dispatcher) == ["utter_clarify"]


def test_second_miss_in_a_row_offers_a_person():
    dispatcher = CollectingDispatcher()
    events = ActionHandleFallback().run(dispatcher, tracker(user("nlu_fallback"), user("nlu_fallback")), {})
    assert events == [FollowupAction("utter_offer_human")]
    assert dispatcher.messages == []


def test_request_for_a_person_is_queued_without_any_text(database):
    dispatcher = CollectingDispatcher()
    ActionRequestHuman().run(dispatcher, tracker(user("request_human", language="th")), {})
    assert responses(dispatcher)[0] == "utter_handoff_requested"
    controls = [m["custom"][CONTROL_KEY] for m in dispatcher.messages if m.get("custom")]
    assert controls == ["ask_consent:share_summary", "ask_consent:keep_number"]  # what it may keep: asked first
    with session_scope(database.sqlalchemy_url) as db:
        request = db.scalars(select(HandoffRequest)).one()
        assert (request.sender_id, request.language, request.reason) == ("web-abc", "th", "requested")


def test_emergency_answers_first_and_jumps_the_queue(database):
    dispatcher = CollectingDispatcher()
    ActionEmergency().run(dispatcher, tracker(user("emergency")), {})
    assert responses(dispatcher) == ["utter_emergency"]
    with session_scope(database.sqlalchemy_url) as db:
        assert db.scalars(select(HandoffRequest)).one().priority == 100


def test_delete_confirms_and_signals_the_gateway_to_erase():
    dispatcher = CollectingDispatcher()
    ActionDeleteMyData().run(dispatcher, tracker(user("affirm")), {})
    assert dispatcher.messages[0]["response"] == "utter_data_deleted"
    assert dispatcher.messages[1]["custom"] == {CONTROL_KEY: "erase"}


def test_change_language_asks_which_unless_one_was_chosen():
    asked = CollectingDispatcher()
    ActionChangeLanguage().run(asked, tracker(user("change_language")), {})
    assert responses(asked) == ["utter_choose_language"]
    chosen = CollectingDispatcher()
    entities = [{"entity": "language", "value": "th"}]
    ActionChangeLanguage().run(chosen, tracker(user("change_language"), entities=entities), {})
    assert responses(chosen) == ["utter_language_changed"]
