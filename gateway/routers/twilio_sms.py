"""Twilio's inbound SMS webhook. Replies are TwiML; long replies are paged (MORE)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from sqlalchemy.orm import Session
from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse

from gateway.deps import get_db, get_services
from gateway.dialogue import Services, clean_text, run_turn, store_pages
from lantern.i18n import N_, translate
from lantern.pseudonym import pseudonymous_id
from lantern.responses import SMS_OPTION_LINE, Message
from lantern.sms import paginate

router = APIRouter()

TWIML_MAX_CHARS = 1600
MORE_PROMPT = N_("Reply MORE for the rest.")
EMPTY_MESSAGE = "MENU"


def _twiml(pages: list[str]) -> Response:
    twiml = MessagingResponse()
    for page in pages:
        twiml.message(page[:TWIML_MAX_CHARS])
    return Response(content=str(twiml), media_type="application/xml")


def _plain_error(status: int, reason: str) -> Response:
    return Response(content=reason, status_code=status, media_type="text/plain")


def signed_url(request: Request, public_base_url: str) -> str:
    """The URL Twilio signed: the public one when we sit behind a proxy."""
    if not public_base_url:
        return str(request.url)
    query = f"?{request.url.query}" if request.url.query else ""
    return f"{public_base_url.rstrip('/')}{request.url.path}{query}"


def sms_text(messages: list[Message], language: str, services: Services) -> str:
    parts: list[str] = []
    number = 0
    for message in messages:
        lines = [message.text] if message.text else []
        for button in message.buttons:
            number += 1
            lines.append(translate(services.locales_dir, language, SMS_OPTION_LINE, number=number, title=button.title))
        parts.append("\n".join(lines))
    return "\n\n".join(parts)


@router.post("/twilio/sms")
async def inbound_sms(
    request: Request,
    services: Annotated[Services, Depends(get_services)],
    db: Annotated[Session, Depends(get_db)],
) -> Response:
    if not request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded"):
        return _plain_error(415, "expected application/x-www-form-urlencoded")
    try:
        form = await request.form()
    except Exception:  # malformed body or encoding: Twilio never sends these
        return _plain_error(400, "malformed form body")
    params = {key: str(value) for key, value in form.items()}
    validator = RequestValidator(services.settings.twilio_auth_token.get_secret_value())
    signature = request.headers.get("x-twilio-signature", "")
    if not validator.validate(signed_url(request, services.settings.public_base_url), params, signature):
        return _plain_error(403, "invalid signature")
    sender = params.get("From", "").strip()
    if not sender:
        return _plain_error(400, "missing From")
    sender_id = pseudonymous_id(services.settings.pseudonym_key.get_secret_value(), "sms", sender)
    if not services.limiter.allow(sender_id):
        return _twiml([])  # over the limit: no reply, so a flood costs no outbound messages
    text = clean_text(params.get("Body", "")) or EMPTY_MESSAGE
    jurisdiction = params.get("FromCountry", "").strip().lower() or None
    result = await run_turn(
        db, services, sender_id=sender_id, channel="sms", text=text, jurisdiction=jurisdiction, address=sender
    )
    more_prompt = translate(services.locales_dir, result.language, MORE_PROMPT)
    pages = paginate(
        sms_text(result.messages, result.language, services), services.settings.sms_max_segments, more_prompt
    )
    store_pages(db, sender_id, pages[1:])
    return _twiml(pages[:1])
