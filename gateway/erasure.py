"""Erasing everything tied to a pseudonymous id: the gateway's rows and Rasa's tracker."""

from __future__ import annotations

import httpx
from sqlalchemy.orm import Session

from gateway.storage import erase_person
from lantern.settings import Settings


async def erase_tracker(http: httpx.AsyncClient, settings: Settings, sender_id: str) -> None:
    """Replace the conversation's events in Rasa's tracker store with none."""
    response = await http.put(
        f"{settings.rasa_url}/conversations/{sender_id}/tracker/events",
        params={"token": settings.rasa_token.get_secret_value()},
        json=[],
        timeout=settings.rasa_timeout_seconds,
    )
    response.raise_for_status()


async def erase_everywhere(db: Session, http: httpx.AsyncClient, settings: Settings, sender_id: str) -> bool:
    """True when both stores confirmed; the database part is done even if Rasa did not answer."""
    erase_person(db, sender_id)
    db.commit()
    try:
        await erase_tracker(http, settings, sender_id)
    except httpx.HTTPError:
        return False
    return True
