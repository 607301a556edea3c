"""Retention: what the gateway keeps expires after a configured number of days."""

from __future__ import annotations

import datetime as dt

import httpx
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from gateway.erasure import erase_tracker
from gateway.storage import ConsentRecord, Conversation, HandoffRequest, StoredNumber, utcnow
from lantern.settings import Settings


def _cutoff(retention_days: int, now: dt.datetime | None) -> dt.datetime:
    return (now or utcnow()) - dt.timedelta(days=retention_days)


def purge_expired(db: Session, retention_days: int, now: dt.datetime | None = None) -> dict[str, int]:
    """Delete conversations idle longer than the retention period, and handoff requests, consent
    records and numbers kept with consent that are older than it."""
    cutoff = _cutoff(retention_days, now)
    removed = {
        "handoff_requests": db.execute(delete(HandoffRequest).where(HandoffRequest.created_at < cutoff)).rowcount,
        "stored_numbers": db.execute(delete(StoredNumber).where(StoredNumber.stored_at < cutoff)).rowcount,
        "consents": db.execute(delete(ConsentRecord).where(ConsentRecord.answered_at < cutoff)).rowcount,
        "conversations": db.execute(delete(Conversation).where(Conversation.updated_at < cutoff)).rowcount,
    }
    db.commit()
    return {name: count or 0 for name, count in removed.items()}


def idle_senders(db: Session, retention_days: int, now: dt.datetime | None = None) -> list[str]:
    """Conversations the next purge removes: their Rasa trackers go too."""
    cutoff = _cutoff(retention_days, now)
    return list(db.scalars(select(Conversation.sender_id).where(Conversation.updated_at < cutoff)))


async def purge_all(db: Session, http: httpx.AsyncClient, settings: Settings) -> dict[str, int]:
    """The retention job: Rasa's trackers of idle conversations (best effort; Redis also expires them
    by its TTL), then the gateway's expired rows."""
    now = utcnow()  # one cutoff for both, so no conversation is deleted without its tracker
    trackers = 0
    for sender_id in idle_senders(db, settings.retention_days, now):
        try:
            await erase_tracker(http, settings, sender_id)
            trackers += 1
        except httpx.HTTPError:
            continue
    return {**purge_expired(db, settings.retention_days, now), "trackers": trackers}
