"""One turn of a conversation, the same for every channel.

The gateway keeps the conversation's language, jurisdiction, the choices last offered (so an SMS
reply of "2" means the second button) and unsent SMS pages. It never stores what the person wrote.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import httpx
from sqlalchemy.orm import Session

from gateway.consents import handle_requests, my_data, parse_answer, question, record_answer, withdraw
from gateway.erasure import erase_everywhere
from gateway.logs import Timer, log_event
from gateway.rasa import RasaReply, RasaUnavailable, parse_intent, send_to_rasa
from gateway.ratelimit import RateLimiter
from gateway.storage import Conversation, add_handoff_request
from lantern import consent
from lantern.consent import MY_DATA_KEYWORD
from lantern.content import ContentBase, ContentStore
from lantern.i18n import translate
from lantern.keywords import KEYWORDS, keyword_of
from lantern.langid import detect_language
from lantern.languages import LanguageRegistry
from lantern.redaction import redact
from lantern.responses import FIRST_CONTACT_NOTICE, Message, RenderContext, render
from lantern.safety import Sign, safety_sign
from lantern.settings import Settings
from lantern.zawgyi import to_unicode_if_zawgyi

log = logging.getLogger("lantern.gateway")

MAX_TEXT_CHARS = 1000
CONSENT_ANSWER_CONFIDENCE = 0.6  # a typed "yes" or "no" to a consent question
LANGUAGE_SWITCH_CONFIDENCE = 0.8  # to leave a language the conversation already has
FIRST_MESSAGE_CONFIDENCE = 0.5  # a first message only has the page's or the default language to beat
CHANGE_LANGUAGE_PAYLOAD = re.compile(r"^/change_language(\{.*\})?$")


@dataclass(frozen=True)
class Services:
    settings: Settings
    content_store: ContentStore
    languages: LanguageRegistry
    http: httpx.AsyncClient
    limiter: RateLimiter

    @property
    def content(self) -> ContentBase:
        return self.content_store.get()

    @property
    def locales_dir(self) -> Path:
        return self.settings.locales_dir

    def render_context(self, language: str, channel: str, jurisdiction: str) -> RenderContext:
        return RenderContext(language, channel, jurisdiction, self.content, self.locales_dir, self.languages)


@dataclass
class TurnResult:
    language: str
    messages: list[Message] = field(default_factory=list)


def clean_text(text: str) -> str:
    """Zawgyi-encoded Burmese to Unicode, NFC, no control characters, trimmed and capped."""
    text = unicodedata.normalize("NFC", to_unicode_if_zawgyi(text))
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")
    return text.strip()[:MAX_TEXT_CHARS]


def render_for(services: Services, conversation: Conversation, name: str) -> Message:
    ctx = services.render_context(conversation.language, conversation.channel, conversation.jurisdiction)
    return render(name, ctx)


def load_conversation(
    db: Session,
    services: Services,
    sender_id: str,
    channel: str,
    jurisdiction: str | None,
    first_language: str | None = None,
) -> tuple[Conversation, bool]:
    """The person's conversation, and whether it is new; a new one starts in the page's language."""
    conversation = db.get(Conversation, sender_id)
    is_new = conversation is None
    if conversation is None:
        conversation = Conversation(
            sender_id=sender_id,
            channel=channel,
            language=first_language if services.languages.supported(first_language) else services.languages.default,
            jurisdiction=services.settings.default_jurisdiction,
            last_buttons=[],
            pending_pages=[],
        )
        db.add(conversation)
    if jurisdiction and jurisdiction in services.content.jurisdictions:
        conversation.jurisdiction = jurisdiction
    return conversation, is_new


def _language_from_payload(payload: str, services: Services) -> str | None:
    match = CHANGE_LANGUAGE_PAYLOAD.match(payload)
    if not match or not match.group(1):
        return None
    try:
        code = json.loads(match.group(1)).get("language")
    except (ValueError, AttributeError):
        return None
    return code if services.languages.supported(code) else None


def resolve_input(text: str, conversation: Conversation, services: Services) -> str:
    """Turn a numbered SMS choice or a keyword into the payload it stands for."""
    if text.isdigit() and conversation.last_buttons:
        index = int(text) - 1
        if 0 <= index < len(conversation.last_buttons):
            return conversation.last_buttons[index]["payload"]
    keyword = keyword_of(text, services.languages.codes, services.locales_dir)
    if keyword and KEYWORDS[keyword]:
        return KEYWORDS[keyword]
    return text


def update_language(
    typed: str,
    resolved: str,
    conversation: Conversation,
    services: Services,
    requested: str | None,
    is_new: bool = False,
) -> None:
    """A choice (the page's selector, a language button) wins and then sticks; until one is made,
    the conversation follows the language the person types in, a keyword included."""
    switch = requested if services.languages.supported(requested) and requested != conversation.language else None
    chosen = switch or _language_from_payload(resolved, services)
    if chosen:
        conversation.language = chosen
        conversation.language_chosen = True
        return
    if typed.startswith("/") or conversation.language_chosen:
        return
    detection = detect_language(typed, services.languages.languages, services.settings.nlu_data_dir)
    needed = FIRST_MESSAGE_CONFIDENCE if is_new else LANGUAGE_SWITCH_CONFIDENCE
    if detection.language and detection.confidence >= needed:
        conversation.language = detection.language


def is_more_request(text: str, services: Services) -> bool:
    return keyword_of(text, services.languages.codes, services.locales_dir) == "MORE"


async def run_turn(
    db: Session,
    services: Services,
    *,
    sender_id: str,
    channel: str,
    text: str,
    requested_language: str | None = None,
    jurisdiction: str | None = None,
    address: str | None = None,
) -> TurnResult:
    """One turn. `address` (the phone number) is used only to keep it when the person agrees to that."""
    timer = Timer()
    conversation, is_new = load_conversation(db, services, sender_id, channel, jurisdiction, requested_language)
    if is_more_request(text, services) and conversation.pending_pages:
        page, *rest = conversation.pending_pages
        conversation.pending_pages = rest
        db.commit()
        return TurnResult(conversation.language, [Message(page)])
    message = resolve_input(text, conversation, services)
    update_language(text, message, conversation, services, requested_language, is_new)
    # Commit now so no database connection is held while waiting on Rasa: Rasa calls back into the
    # gateway (NLG) during the turn, and that call needs a connection from the same pool.
    db.commit()
    own = await _privacy_controls(db, services, conversation, text, message, address)
    if own is not None:
        return _with_notice(_finish(db, conversation, own, timer, "privacy_control"), services, is_new)
    sign = None if message.startswith("/") else safety_sign(message, services.settings.content_dir)
    if sign in SAFETY_ROUTES:
        result = _safety_route(db, services, conversation, sign, timer)
        return _with_notice(result, services, is_new)
    if sign is Sign.danger:
        message = "/emergency"
    # Payloads too: button payloads carry no digits and pass unchanged, but anyone can type a "/…" text.
    message = redact(message, [conversation.jurisdiction] if len(conversation.jurisdiction) == 2 else [])
    if conversation.pending_consents:
        answered = await _typed_consent_answer(db, services, conversation, message, address)
        if answered is not None:
            return _with_notice(_finish(db, conversation, answered, timer, "consent"), services, is_new)
    reply, status = await _ask_rasa(services, conversation, message)
    if "erase" in reply.controls:
        complete = await erase_everywhere(db, services.http, services.settings, sender_id)
        log_event(log, "erased", sender=sender_id, channel=channel, status="complete" if complete else "partial")
        return TurnResult(conversation.language, reply.messages)
    await handle_requests(db, services.http, services.settings, conversation, reply.controls, address)
    follow_up = question(conversation, services.settings)
    messages = reply.messages + ([follow_up] if follow_up else [])
    return _with_notice(_finish(db, conversation, messages, timer, status), services, is_new)


def _finish(db: Session, conversation: Conversation, messages: list[Message], timer: Timer, status: str) -> TurnResult:
    conversation.last_buttons = [{"title": b.title, "payload": b.payload} for m in messages for b in m.buttons]
    conversation.pending_pages = []
    db.commit()
    log_event(
        log,
        "turn",
        sender=conversation.sender_id,
        channel=conversation.channel,
        language=conversation.language,
        status=status,
        elapsed_ms=timer.ms,
    )
    return TurnResult(conversation.language, messages)


async def _privacy_controls(
    db: Session, services: Services, conversation: Conversation, typed: str, message: str, address: str | None
) -> list[Message] | None:
    """MY DATA, and the answers to consent questions and withdrawals; None for anything else."""
    settings = services.settings
    if keyword_of(typed, services.languages.codes, services.locales_dir) == MY_DATA_KEYWORD:
        return [my_data(db, settings, conversation)]
    answer = parse_answer(message)
    if answer is None:
        return None
    purpose, choice = answer
    if choice == consent.WITHDRAW:
        return [withdraw(db, settings, conversation, purpose)]
    if purpose not in (conversation.pending_consents or []):
        return [my_data(db, settings, conversation)]  # an old question's button: show where things stand
    reply = await record_answer(db, services.http, settings, conversation, purpose, choice == consent.GIVE, address)
    return _then_next_question(reply, conversation, settings)


def _then_next_question(reply: Message, conversation: Conversation, settings: Settings) -> list[Message]:
    follow_up = question(conversation, settings)
    return [reply, follow_up] if follow_up else [reply]


async def _typed_consent_answer(
    db: Session, services: Services, conversation: Conversation, message: str, address: str | None
) -> list[Message] | None:
    """A typed yes or no to the waiting question. Anything else moves on: the question lapses and
    nothing is kept."""
    settings = services.settings
    intent, confidence = ("", 0.0)
    if not message.startswith("/"):
        intent, confidence = await parse_intent(
            services.http, settings.rasa_url, settings.rasa_token.get_secret_value(), message,
            settings.rasa_timeout_seconds,
        )  # fmt: skip
    if intent in ("affirm", "deny") and confidence >= CONSENT_ANSWER_CONFIDENCE:
        purpose = (conversation.pending_consents or [])[0]
        reply = await record_answer(db, services.http, settings, conversation, purpose, intent == "affirm", address)
        return _then_next_question(reply, conversation, settings)
    conversation.pending_consents = []
    return None


def _with_notice(result: TurnResult, services: Services, is_new: bool) -> TurnResult:
    """First contact: after the answer, who runs the service, that it is not the police, what is kept
    and how to erase it."""
    if is_new:
        settings = services.settings
        notice = translate(
            services.locales_dir,
            result.language,
            FIRST_CONTACT_NOTICE,
            operator=settings.operator_name,
            days=settings.retention_days,
        )
        result.messages.append(Message(notice))
    return result


# Answered by the gateway at once, without the NLU and without asking for details.
SAFETY_ROUTES = {Sign.self_harm: "utter_crisis_support", Sign.child: "utter_child_protection"}


def _safety_route(db: Session, services: Services, conversation: Conversation, sign: Sign, timer: Timer) -> TurnResult:
    add_handoff_request(db, conversation.sender_id, conversation.language, sign.value)
    reply = render_for(services, conversation, SAFETY_ROUTES[sign])
    conversation.last_buttons = [{"title": b.title, "payload": b.payload} for b in reply.buttons]
    conversation.pending_pages = []
    db.commit()
    log_event(log, "safety_route", sender=conversation.sender_id, channel=conversation.channel,
              language=conversation.language, status=sign.value, elapsed_ms=timer.ms)  # fmt: skip
    return TurnResult(conversation.language, [reply])


async def _ask_rasa(services: Services, conversation: Conversation, message: str) -> tuple[RasaReply, str]:
    metadata = {
        "language": conversation.language,
        "channel": conversation.channel,
        "jurisdiction": conversation.jurisdiction,
    }
    settings = services.settings
    try:
        reply = await send_to_rasa(
            services.http,
            settings.rasa_url,
            conversation.sender_id,
            message,
            metadata,
            settings.rasa_timeout_seconds,
        )
        return reply, "ok"
    except RasaUnavailable as error:
        apology = render_for(services, conversation, "utter_service_unavailable")
        return RasaReply([apology], []), f"rasa_unavailable:{error}"


def store_pages(db: Session, sender_id: str, pages: list[str]) -> None:
    """Keep the SMS pages not yet sent, for MORE."""
    conversation = db.get(Conversation, sender_id)
    if conversation is not None:
        conversation.pending_pages = pages
        db.commit()
