"""Retention: what the gateway keeps expires after a configured number of days."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import delete
from sqlalchemy.orm import Session

from gateway.storage import Conversation, HandoffRequest, utcnow


def purge_expired(db: Session, retention_days: int, now: dt.datetime | None = None) -> dict[str, int]:
    """Delete conversations idle longer than the retention period, and handoff requests older than it."""
    cutoff = (now or utcnow()) - dt.timedelta(days=retention_days)
    requests = db.execute(delete(HandoffRequest).where(HandoffRequest.created_at < cutoff)).rowcount
    conversations = db.execute(delete(Conversation).where(Conversation.updated_at < cutoff)).rowcount
    db.commit()
    return {"conversations": conversations or 0, "handoff_requests": requests or 0}
