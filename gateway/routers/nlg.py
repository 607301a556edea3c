"""Rasa's NLG endpoint: Rasa names a response, we word it in the conversation's language."""

from __future__ import annotations

import secrets
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query
from pydantic import BaseModel
from sqlalchemy.orm import Session

from gateway.deps import get_db, get_services
from gateway.dialogue import Services
from lantern.directory import format_search, search_services
from lantern.responses import ANSWER_PREFIX, Message, RenderContext, render

router = APIRouter()


class NlgRequest(BaseModel):
    response: str
    arguments: dict[str, Any] = {}
    tracker: dict[str, Any] = {}
    channel: dict[str, Any] = {}


def _conversation_metadata(tracker: dict[str, Any]) -> dict[str, Any]:
    """The gateway sends language, channel and jurisdiction with every message as metadata."""
    latest = tracker.get("latest_message") or {}
    return latest.get("metadata") or {}


def _with_directory(message: Message, topic: str, text: str, ctx: RenderContext, db: Session) -> Message:
    """A topic answer to a message that names a place or a language gets the matching services too."""
    found = search_services(
        db, text, topic, ctx.jurisdiction, content_dir=ctx.content.root, locales_dir=ctx.locales_dir, only_if_named=True
    )
    if not found.kinds or (found.place is None and found.language is None):
        return message
    return Message(f"{message.text}\n\n{format_search(found, ctx)}", message.buttons)


@router.post("/nlg", include_in_schema=False)
async def generate(
    body: NlgRequest,
    services: Annotated[Services, Depends(get_services)],
    db: Annotated[Session, Depends(get_db)],
    token: Annotated[str, Query()] = "",
) -> dict[str, Any]:
    expected = services.settings.rasa_token.get_secret_value()
    if not expected or not secrets.compare_digest(token, expected):
        raise HTTPException(status_code=403, detail="forbidden")
    metadata = _conversation_metadata(body.tracker)
    registry = services.languages
    language = metadata.get("language") if registry.supported(metadata.get("language")) else registry.default
    ctx = services.render_context(
        language, metadata.get("channel", "web"), metadata.get("jurisdiction") or services.settings.default_jurisdiction
    )
    try:
        message = render(body.response, ctx)
    except KeyError:
        raise HTTPException(status_code=404, detail="unknown response") from None
    text = str((body.tracker.get("latest_message") or {}).get("text") or "")
    if body.response.startswith(ANSWER_PREFIX) and text and not text.startswith("/"):
        message = _with_directory(message, body.response.removeprefix(ANSWER_PREFIX), text, ctx, db)
    return message.as_dict()
