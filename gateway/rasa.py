"""Talking to the Rasa server over its REST channel, with a hard time limit."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from lantern.responses import Button, Message


class RasaUnavailable(Exception):
    """Rasa (or the action server behind it) did not answer in time or answered with an error."""


CONTROL_KEY = "lantern_control"


@dataclass
class RasaReply:
    messages: list[Message]
    controls: list[str]  # signals from actions to the gateway, e.g. "erase"


def _to_message(item: dict) -> Message | None:
    text = item.get("text") or ""
    buttons = [Button(str(b.get("title", "")), str(b.get("payload", ""))) for b in item.get("buttons") or []]
    if not text and not buttons:
        return None
    return Message(text, buttons)


async def send_to_rasa(
    client: httpx.AsyncClient, rasa_url: str, sender_id: str, text: str, metadata: dict, timeout: float
) -> RasaReply:
    try:
        response = await client.post(
            f"{rasa_url}/webhooks/rest/webhook",
            json={"sender": sender_id, "message": text, "metadata": metadata},
            timeout=timeout,
        )
        response.raise_for_status()
        items = response.json()
    except (httpx.HTTPError, ValueError) as error:
        raise RasaUnavailable(type(error).__name__) from error
    if not isinstance(items, list):
        raise RasaUnavailable("unexpected reply")
    messages = [m for m in map(_to_message, items) if m]
    controls = [str(i["custom"][CONTROL_KEY]) for i in items if CONTROL_KEY in (i.get("custom") or {})]
    if not messages:
        # Rasa answers [] when an action or the NLG endpoint failed: treat it as a fault, not silence.
        raise RasaUnavailable("empty reply")
    return RasaReply(messages, controls)


async def parse_intent(
    client: httpx.AsyncClient, rasa_url: str, token: str, text: str, timeout: float
) -> tuple[str, float]:
    """The NLU's reading of a text without a dialogue turn: (intent, confidence); ("", 0) on any fault."""
    try:
        response = await client.post(
            f"{rasa_url}/model/parse", params={"token": token}, json={"text": text}, timeout=timeout
        )
        response.raise_for_status()
        intent = response.json().get("intent") or {}
        return str(intent.get("name") or ""), float(intent.get("confidence") or 0.0)
    except (httpx.HTTPError, ValueError, AttributeError, TypeError):
        return "", 0.0


async def user_intents(
    client: httpx.AsyncClient, rasa_url: str, token: str, sender_id: str, timeout: float
) -> list[str]:
    """The intents of the person's messages in Rasa's tracker (never their words); [] on any fault."""
    try:
        response = await client.get(
            f"{rasa_url}/conversations/{sender_id}/tracker",
            params={"token": token, "include_events": "APPLIED"},
            timeout=timeout,
        )
        response.raise_for_status()
        events = response.json().get("events") or []
        return [
            str(((e.get("parse_data") or {}).get("intent") or {}).get("name") or "")
            for e in events
            if e.get("event") == "user"
        ]
    except (httpx.HTTPError, ValueError, AttributeError, TypeError):
        return []
