"""Erasing everything tied to a pseudonymous id: the gateway's rows and Rasa's tracker."""

from __future__ import annotations

import httpx
import redis
import redis.asyncio
from sqlalchemy.orm import Session

from gateway.storage import erase_person
from lantern.settings import Settings

REDIS_TRACKER_PREFIX = "tracker:"  # Rasa's default key prefix for the Redis tracker store


async def erase_tracker(http: httpx.AsyncClient, settings: Settings, sender_id: str) -> None:
    """Remove the conversation from Rasa's tracker store. Rasa's Redis store merges a saved tracker
    with the one it holds, so there the key is deleted; the in-memory store is overwritten with none."""
    if settings.redis_url:
        client = redis.asyncio.Redis.from_url(settings.redis_url)
        try:
            await client.delete(REDIS_TRACKER_PREFIX + sender_id)
        except redis.RedisError as error:
            raise httpx.TransportError("redis unavailable") from error
        finally:
            await client.aclose()
        return
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
