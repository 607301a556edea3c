"""Asking for consent per purpose, acting on the answer, withdrawal, and MY DATA.

A feature asks for its purposes by name (an action sends the control `ask_consent:<purpose>`); the
gateway asks one question at a time, records the answer with the wording shown, and only then keeps
anything. Refusing, or not answering, keeps nothing and changes no other answer.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import httpx
from babel.dates import format_date
from sqlalchemy import select
from sqlalchemy.orm import Session

from gateway.logs import log_event
from gateway.rasa import user_intents
from gateway.storage import ConsentRecord, Conversation, HandoffRequest, StoredNumber, utcnow
from lantern import consent
from lantern.content import TOPIC_INTENTS
from lantern.i18n import translate
from lantern.keywords import KEYWORDS
from lantern.responses import BUTTON_NO, BUTTON_YES, Button, Message
from lantern.settings import Settings
from lantern.vault import VaultError, encrypt, rotate

log = logging.getLogger("lantern.consent")

CONTROL_PREFIX = "ask_consent:"
CONSENT_PAYLOAD = re.compile(r"^/consent(\{.*\})$")
DELETE_KEYWORD = next(k for k, payload in KEYWORDS.items() if payload == "/delete_my_data")
TOPIC_OF_INTENT = {intent: topic for topic, intent in TOPIC_INTENTS.items()}


def parse_answer(payload: str) -> tuple[str, str] | None:
    """(purpose, answer) from a consent button's payload; None for anything else."""
    match = CONSENT_PAYLOAD.match(payload)
    if not match:
        return None
    try:
        data = json.loads(match.group(1))
    except ValueError:
        return None
    purpose, answer = data.get("purpose"), data.get("answer")
    if purpose in consent.PURPOSES and answer in (consent.GIVE, consent.REFUSE, consent.WITHDRAW):
        return purpose, answer
    return None


def standing(db: Session, sender_id: str) -> list[ConsentRecord]:
    """Consents given and not withdrawn, oldest first."""
    query = select(ConsentRecord).where(
        ConsentRecord.sender_id == sender_id, ConsentRecord.granted.is_(True), ConsentRecord.withdrawn_at.is_(None)
    )
    return list(db.scalars(query.order_by(ConsentRecord.answered_at)))


def requested_purposes(
    conversation: Conversation, controls: list[str], settings: Settings, address: str | None
) -> list[str]:
    """The purposes the actions asked for that apply here and can be honoured, in order."""
    wanted: list[str] = []
    for control in controls:
        purpose = control.removeprefix(CONTROL_PREFIX)
        if not control.startswith(CONTROL_PREFIX) or purpose in wanted:
            continue
        if not consent.applies(purpose, conversation.channel):
            continue
        if purpose == consent.KEEP_NUMBER.name and not (address and settings.data_keys.get_secret_value()):
            continue  # nothing to keep, or no key to lock it with: do not ask
        wanted.append(purpose)
    return wanted


async def handle_requests(
    db: Session,
    http: httpx.AsyncClient,
    settings: Settings,
    conversation: Conversation,
    controls: list[str],
    address: str | None,
) -> None:
    """Queue the questions still to ask; a purpose already agreed to (and not withdrawn) is acted on
    again without asking twice."""
    agreed = {record.purpose for record in standing(db, conversation.sender_id)}
    db.commit()  # release the connection before any call to Rasa below
    queued = list(conversation.pending_consents or [])
    for purpose in requested_purposes(conversation, controls, settings, address):
        if purpose in agreed:
            await _keep(db, http, settings, conversation, purpose, address)
        elif purpose not in queued:
            queued.append(purpose)
    conversation.pending_consents = queued


def _question_text(settings: Settings, language: str, purpose: consent.Purpose) -> str:
    return translate(settings.locales_dir, language, purpose.question, days=settings.retention_days)


def question(conversation: Conversation, settings: Settings) -> Message | None:
    """The next purpose's question, with its yes/no choices; None when nothing is waiting."""
    if not conversation.pending_consents:
        return None
    purpose = consent.PURPOSES[conversation.pending_consents[0]]
    language = conversation.language
    text = _question_text(settings, language, purpose)
    buttons = [
        Button(
            translate(settings.locales_dir, language, BUTTON_YES), consent.answer_payload(purpose.name, consent.GIVE)
        ),
        Button(
            translate(settings.locales_dir, language, BUTTON_NO), consent.answer_payload(purpose.name, consent.REFUSE)
        ),
    ]
    return Message(text, buttons)


async def record_answer(
    db: Session,
    http: httpx.AsyncClient,
    settings: Settings,
    conversation: Conversation,
    purpose_name: str,
    granted: bool,
    address: str | None,
) -> Message:
    purpose = consent.PURPOSES[purpose_name]
    pending = list(conversation.pending_consents or [])
    conversation.pending_consents = [p for p in pending if p != purpose_name]
    shown = _question_text(settings, conversation.language, purpose)
    kept = granted and await _keep(db, http, settings, conversation, purpose_name, address)
    db.add(
        ConsentRecord(
            sender_id=conversation.sender_id,
            purpose=purpose_name,
            granted=kept,
            notice_version=consent.notice_version(shown),
            language=conversation.language,
        )
    )
    status = "given" if kept else "refused"
    log_event(log, "consent", sender=conversation.sender_id, purpose=purpose_name, status=status)
    if kept:
        keyword = translate(settings.locales_dir, conversation.language, consent.MY_DATA_KEYWORD)
        return Message(translate(settings.locales_dir, conversation.language, consent.CONSENT_GIVEN, keyword=keyword))
    return Message(translate(settings.locales_dir, conversation.language, consent.CONSENT_REFUSED))


@dataclass(frozen=True)
class KeepRequest:
    db: Session
    http: httpx.AsyncClient
    settings: Settings
    conversation: Conversation
    address: str | None


@dataclass(frozen=True)
class Keeping:
    """What a purpose keeps once agreed to (False: it could not, so nothing is kept), and how it is
    erased on withdrawal. A feature that declares a purpose in lantern.consent registers one here."""

    keep: Callable[[KeepRequest], Awaitable[bool]]
    forget: Callable[[Session, str], None]


async def _keep_number(request: KeepRequest) -> bool:
    if not request.address:
        return False
    try:
        ciphertext = encrypt(request.settings.data_keys.get_secret_value(), request.address)
    except VaultError:
        log_event(log, "consent_not_kept", sender=request.conversation.sender_id, error="no_data_key")
        return False
    request.db.merge(StoredNumber(sender_id=request.conversation.sender_id, ciphertext=ciphertext, stored_at=utcnow()))
    return True


def _forget_number(db: Session, sender_id: str) -> None:
    db.query(StoredNumber).filter_by(sender_id=sender_id).delete()


async def _share_topics(request: KeepRequest) -> bool:
    conversation = request.conversation
    summary = {
        "topics": await topics_asked(request.http, request.settings, conversation.sender_id),
        "language": conversation.language,
        "channel": conversation.channel,
    }
    for handoff in _open_requests(request.db, conversation.sender_id):
        handoff.summary = summary
    return True


def _unshare_topics(db: Session, sender_id: str) -> None:
    for handoff in db.scalars(select(HandoffRequest).where(HandoffRequest.sender_id == sender_id)):
        handoff.summary = None


KEEPERS: dict[str, Keeping] = {
    consent.KEEP_NUMBER.name: Keeping(_keep_number, _forget_number),
    consent.SHARE_SUMMARY.name: Keeping(_share_topics, _unshare_topics),
}


async def _keep(
    db: Session,
    http: httpx.AsyncClient,
    settings: Settings,
    conversation: Conversation,
    purpose: str,
    address: str | None,
) -> bool:
    """Do what the purpose was given for; False when it cannot be done (then nothing is kept)."""
    keeping = KEEPERS.get(purpose)
    return keeping is not None and await keeping.keep(KeepRequest(db, http, settings, conversation, address))


def withdraw(db: Session, settings: Settings, conversation: Conversation, purpose_name: str) -> Message:
    """Stop a purpose and erase what was kept for it."""
    now = utcnow()
    for record in standing(db, conversation.sender_id):
        if record.purpose == purpose_name:
            record.withdrawn_at = now
    KEEPERS[purpose_name].forget(db, conversation.sender_id)
    log_event(log, "consent", sender=conversation.sender_id, purpose=purpose_name, status="withdrawn")
    return Message(translate(settings.locales_dir, conversation.language, consent.CONSENT_WITHDRAWN))


def _open_requests(db: Session, sender_id: str) -> list[HandoffRequest]:
    query = select(HandoffRequest).where(HandoffRequest.sender_id == sender_id, HandoffRequest.status == "open")
    return list(db.scalars(query))


async def topics_asked(http: httpx.AsyncClient, settings: Settings, sender_id: str) -> list[str]:
    """The topics (not the words) of this conversation, in the order first asked, from Rasa's tracker."""
    intents = await user_intents(
        http, settings.rasa_url, settings.rasa_token.get_secret_value(), sender_id, settings.rasa_timeout_seconds
    )
    topics: list[str] = []
    for topic in (TOPIC_OF_INTENT.get(intent) for intent in intents):
        if topic and topic not in topics:
            topics.append(topic)
    return topics


def my_data(db: Session, settings: Settings, conversation: Conversation) -> Message:
    """In plain words: what Lantern holds about this person now, and for which purpose."""
    language = conversation.language

    def t(message: str, **params: object) -> str:
        return translate(settings.locales_dir, language, message, **params)

    lines = [t(consent.MY_DATA_HEADER), t(consent.MY_DATA_CONVERSATION, days=settings.retention_days)]
    if _open_requests(db, conversation.sender_id):
        lines.append(t(consent.MY_DATA_HANDOFF))
    buttons: list[Button] = []
    for record in standing(db, conversation.sender_id):
        purpose = consent.PURPOSES.get(record.purpose)
        if purpose is None:
            continue
        lines.append(t(purpose.held, date=_date(record.answered_at, language)))
        buttons.append(Button(t(purpose.withdraw_button), consent.answer_payload(purpose.name, consent.WITHDRAW)))
    lines.append(t(consent.MY_DATA_FOOTER, keyword=t(DELETE_KEYWORD)))
    buttons.append(Button(t(consent.BUTTON_DELETE_ALL), "/delete_my_data"))
    return Message("\n".join(lines), buttons)


def _date(moment: object, language: str) -> str:
    try:
        return format_date(moment, format="medium", locale=language)  # type: ignore[arg-type]
    except (ValueError, LookupError):
        return format_date(moment, format="medium", locale="en")  # type: ignore[arg-type]


def rotate_numbers(db: Session, keys: str) -> int:
    """Re-encrypt every kept number with the newest key; the count re-encrypted."""
    rows = list(db.scalars(select(StoredNumber)))
    for row in rows:
        row.ciphertext = rotate(keys, row.ciphertext)
    return len(rows)
