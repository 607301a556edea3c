"""Storage (SQLAlchemy 2). Rows are keyed by pseudonymous ids: no phone number, name or message body."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from sqlalchemy import JSON, Boolean, DateTime, Integer, LargeBinary, String, create_engine, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column, sessionmaker


def utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class Base(DeclarativeBase):
    pass


class Conversation(Base):
    """What the gateway must remember between turns: language, jurisdiction, the last offered choices."""

    __tablename__ = "conversations"

    sender_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    language: Mapped[str] = mapped_column(String(8))
    language_chosen: Mapped[bool] = mapped_column(default=False)
    jurisdiction: Mapped[str] = mapped_column(String(16))
    last_buttons: Mapped[list] = mapped_column(JSON, default=list)
    pending_pages: Mapped[list] = mapped_column(JSON, default=list)  # bot text only, never the person's
    pending_consents: Mapped[list | None] = mapped_column(JSON, default=list)  # purposes still to ask, in order
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class HandoffRequest(Base):
    """A request for a caseworker. Holds no message text; the staff console reads the conversation."""

    __tablename__ = "handoff_requests"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sender_id: Mapped[str] = mapped_column(String(80), index=True)
    language: Mapped[str] = mapped_column(String(8))
    reason: Mapped[str] = mapped_column(String(32))
    priority: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(16), default="open")
    # Topics the person asked about (labels, never their words), only with consent to share_summary.
    summary: Mapped[dict | None] = mapped_column(JSON(none_as_null=True), nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ConsentRecord(Base):
    """One answer to one purpose's question: the purpose, the wording shown, when, and any withdrawal."""

    __tablename__ = "consents"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    sender_id: Mapped[str] = mapped_column(String(80), index=True)
    purpose: Mapped[str] = mapped_column(String(32))
    granted: Mapped[bool] = mapped_column(Boolean)
    notice_version: Mapped[str] = mapped_column(String(16))
    language: Mapped[str] = mapped_column(String(8))
    answered_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    withdrawn_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)


class StoredNumber(Base):
    """A phone number kept with consent to keep_number, encrypted at rest (see lantern.vault)."""

    __tablename__ = "stored_numbers"

    sender_id: Mapped[str] = mapped_column(String(80), primary_key=True)
    ciphertext: Mapped[bytes] = mapped_column(LargeBinary)
    stored_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


# Caseworker queue order: danger and self-harm first, then children, then everyone else.
PRIORITY = {"emergency": 100, "self_harm": 100, "child": 90, "requested": 0}


def add_handoff_request(session: Session, sender_id: str, language: str, reason: str) -> HandoffRequest:
    request = HandoffRequest(sender_id=sender_id, language=language, reason=reason, priority=PRIORITY.get(reason, 0))
    session.add(request)
    return request


def _sqlite_pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


@lru_cache(maxsize=8)
def engine_for(url: str) -> Engine:
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        return engine
    return create_engine(url, pool_pre_ping=True)


@lru_cache(maxsize=8)
def session_factory(url: str) -> sessionmaker[Session]:
    return sessionmaker(engine_for(url), expire_on_commit=False)


@contextmanager
def session_scope(url: str) -> Iterator[Session]:
    session = session_factory(url)()
    try:
        yield session
        session.commit()
    except Exception:
        session.rollback()
        raise
    finally:
        session.close()


def erase_person(session: Session, sender_id: str) -> None:
    """Remove every row tied to a pseudonymous id."""
    session.query(StoredNumber).filter_by(sender_id=sender_id).delete()
    session.query(ConsentRecord).filter_by(sender_id=sender_id).delete()
    session.query(HandoffRequest).filter_by(sender_id=sender_id).delete()
    session.query(Conversation).filter_by(sender_id=sender_id).delete()
