"""Rasa's NLG endpoint: Rasa names a response, we word it in the conversation's language."""

from __future__ import annotations

import secrets
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query
from pydantic import BaseModel

from gateway.deps import get_services
from gateway.dialogue import Services
from lantern.responses import render

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


@router.post("/nlg", include_in_schema=False)
async def generate(
    body: NlgRequest,
    services: Annotated[Services, Depends(get_services)],
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
    return message.as_dict()
