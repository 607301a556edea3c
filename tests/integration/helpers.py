"""Talking to the running stack the way the web page and Twilio do."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from urllib.parse import urlencode

import httpx
from twilio.request_validator import RequestValidator

from lantern.content import Text, load_content
from lantern.settings import Settings

THAI = re.compile(r"[\u0E00-\u0E7F]")
TWILIO_PATH = "/twilio/sms"


def chat(settings: Settings, text: str, session: str | None = None, language: str | None = None) -> dict:
    response = httpx.post(
        f"{settings.gateway_url}/api/chat",
        json={"session": session, "text": text, "language": language},
        timeout=30,
    )
    assert response.status_code == 200, response.text
    return response.json()


def sms_params(sender: str, body: str, **extra: str) -> dict[str, str]:
    return {
        "MessageSid": "SM" + "0" * 32,
        "AccountSid": "AC" + "0" * 32,
        "From": sender,
        "To": "+15005550006",
        "Body": body,
        "NumMedia": "0",
        **extra,
    }


def signature(settings: Settings, params: dict[str, str]) -> str:
    validator = RequestValidator(settings.twilio_auth_token.get_secret_value())
    return validator.compute_signature(f"{settings.public_base_url}{TWILIO_PATH}", params)


def post_sms(settings: Settings, params: dict[str, str], signed: bool = True) -> httpx.Response:
    headers = {"Content-Type": "application/x-www-form-urlencoded"}
    if signed:
        headers["X-Twilio-Signature"] = signature(settings, params)
    return httpx.post(f"{settings.gateway_url}{TWILIO_PATH}", content=urlencode(params), headers=headers, timeout=30)


def sms(settings: Settings, sender: str, body: str, **extra: str) -> list[str]:
    """Send a signed inbound SMS; return the texts of the TwiML <Message> elements."""
    response = post_sms(settings, sms_params(sender, body, **extra))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/xml")
    root = ET.fromstring(response.text)
    assert root.tag == "Response"
    return [message.text or "" for message in root.iter("Message")]


def content_text(settings: Settings, topic: str, language: str, jurisdiction: str = "intl") -> Text:
    text = load_content(settings.content_dir).text(topic, language, jurisdiction)
    assert text is not None, (topic, language)
    return text


def all_text(reply: dict) -> str:
    return "\n".join(m["text"] for m in reply["messages"])


def said_anything(tracker: dict) -> list[dict]:
    """What the person or the bot said in a tracker (Rasa adds session-start events to any tracker read)."""
    return [event for event in tracker.get("events", []) if event.get("event") in ("user", "bot")]
