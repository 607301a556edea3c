"""Custom actions. Replies are named responses; the gateway's NLG endpoint words them."""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.events import EventType, FollowupAction
from rasa_sdk.executor import CollectingDispatcher

from gateway.consents import CONTROL_PREFIX as CONSENT_CONTROL_PREFIX
from gateway.logs import log_event
from gateway.rasa import CONTROL_KEY
from gateway.storage import add_handoff_request, session_scope
from lantern.consent import HANDOFF_PURPOSES
from lantern.languages import LanguageRegistry
from lantern.settings import get_settings

log = logging.getLogger("lantern.actions")

FALLBACK_INTENT = "nlu_fallback"


def previous_user_intents(tracker: Tracker, count: int) -> list[str]:
    """The intents of the last `count` user messages, newest first."""
    intents = [
        (event.get("parse_data") or {}).get("intent", {}).get("name")
        for event in reversed(tracker.events)
        if event.get("event") == "user"
    ]
    return [i for i in intents if i][:count]


def record_handoff(sender_id: str, language: str, reason: str) -> None:
    with session_scope(get_settings().sqlalchemy_url) as session:
        add_handoff_request(session, sender_id, language, reason)
    log_event(log, "handoff_requested", sender=sender_id, status=reason)


def conversation_language(tracker: Tracker) -> str:
    metadata = tracker.latest_message.get("metadata") or {}
    settings = get_settings()
    return str(metadata.get("language") or LanguageRegistry(settings.locales_dir).default)


class ActionHandleFallback(Action):
    """Not understood: ask again with the menu; on the second miss in a row, offer a person."""

    def name(self) -> str:
        return "action_handle_fallback"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        recent = previous_user_intents(tracker, 2)
        missed_twice = len(recent) == 2 and all(i in (FALLBACK_INTENT, "out_of_scope") for i in recent)
        if missed_twice:
            # As a follow-up action (not a message) so that the rule for the answer to the offer applies.
            return [FollowupAction("utter_offer_human")]
        dispatcher.utter_message(response="utter_clarify")
        return []


class ActionRequestHuman(Action):
    def name(self) -> str:
        return "action_request_human"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        record_handoff(tracker.sender_id, conversation_language(tracker), "requested")
        dispatcher.utter_message(response="utter_handoff_requested")
        # The gateway asks for each purpose in turn; the caseworker gets only what the person agrees to.
        for purpose in HANDOFF_PURPOSES:
            dispatcher.utter_message(json_message={CONTROL_KEY: CONSENT_CONTROL_PREFIX + purpose})
        return []


class ActionEmergency(Action):
    """Danger now: emergency contacts at once, and a caseworker request at the front of the queue."""

    def name(self) -> str:
        return "action_emergency"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        dispatcher.utter_message(response="utter_emergency")
        record_handoff(tracker.sender_id, conversation_language(tracker), "emergency")
        return []


class ActionDeleteMyData(Action):
    def name(self) -> str:
        return "action_delete_my_data"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        # The gateway erases everything tied to the person once this turn's reply is out.
        dispatcher.utter_message(response="utter_data_deleted")
        dispatcher.utter_message(json_message={CONTROL_KEY: "erase"})
        return []


class ActionChangeLanguage(Action):
    """The gateway switches the language when a choice arrives; here we confirm or ask which one."""

    def name(self) -> str:
        return "action_change_language"

    def run(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]) -> list[EventType]:
        chosen = next(tracker.get_latest_entity_values("language"), None)
        dispatcher.utter_message(response="utter_language_changed" if chosen else "utter_choose_language")
        return []
