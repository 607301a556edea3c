"""The web chat: the page and its JSON API."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from gateway.deps import get_db, get_services
from gateway.dialogue import MAX_TEXT_CHARS, Services, clean_text, run_turn
from gateway.ratelimit import RateLimiter
from lantern.content import BASELINE, country_code, country_name
from lantern.i18n import N_, translate
from lantern.pseudonym import pseudonymous_id
from lantern.settings import PROJECT_ROOT

router = APIRouter()
templates = Jinja2Templates(directory=str(PROJECT_ROOT / "gateway" / "web" / "templates"))

UI_STRINGS = {
    "placeholder": N_("Write your message"),
    "send": N_("Send"),
    "welcome": N_(
        "Hello. I can give you information about your rights and the help you can get. Write your "
        "question, or write MENU to see topics. You do not need to give your name."
    ),
    "error": N_("Sorry, your message was not sent. Please try again."),
    "typing": N_("Writing…"),
    "exit": N_("Quick exit"),
    "language": N_("Language"),
    "country": N_("Country"),
    "other_country": N_("Another country"),
}
SESSION_TOKEN_BYTES = 24
RETRY_LATER = {"Retry-After": "60"}
NEW_SESSIONS_PER_ADDRESS_FACTOR = 10


def _within_limits(request: Request, session: str | None, limiter: RateLimiter) -> bool:
    """Per conversation; first messages per client address, with a larger budget (addresses are shared)."""
    if session:
        return limiter.allow(f"web:{session}")
    address = request.client.host if request.client else ""
    return limiter.allow(f"web-new:{address}", limiter.max_events * NEW_SESSIONS_PER_ADDRESS_FACTOR)


class ChatRequest(BaseModel):
    session: Annotated[str | None, Field(max_length=64, pattern=r"^[A-Za-z0-9_-]+$")] = None
    text: Annotated[str, Field(min_length=1, max_length=5000)]
    language: Annotated[str | None, Field(max_length=8)] = None
    country: Annotated[str | None, Field(max_length=8, pattern=r"^[A-Za-z]+$")] = None  # a jurisdiction key


class ButtonOut(BaseModel):
    title: str
    payload: str


class MessageOut(BaseModel):
    text: str
    buttons: list[ButtonOut]


class ChatResponse(BaseModel):
    session: str
    language: str
    messages: list[MessageOut]


def country_choices(services: Services, language: str) -> list[tuple[str, str]]:
    """(jurisdiction key, country name in the page's language) for every country with its own content."""
    codes = {k: country_code(k) for k in services.content.jurisdictions if k != BASELINE}
    choices = [(key, country_name(code, language)) for key, code in codes.items() if code]
    return sorted(choices, key=lambda choice: choice[1])


@router.get("/", response_class=HTMLResponse, include_in_schema=False)
async def chat_page(
    request: Request,
    services: Annotated[Services, Depends(get_services)],
    lang: str | None = None,
    country: str | None = None,
):
    registry = services.languages
    code = lang if registry.supported(lang) else registry.negotiate(request.headers.get("accept-language"))
    language = registry.get(code)
    locales = services.locales_dir

    def gettext(message: str) -> str:
        return translate(locales, code, message)

    return templates.TemplateResponse(
        request,
        "chat.html",
        {
            "lang": code,
            "dir": language.direction,
            "languages": registry.languages,
            "countries": country_choices(services, code),
            "baseline": BASELINE,
            "country": country if country in services.content.jurisdictions else "",
            "strings": {key: gettext(msg) for key, msg in UI_STRINGS.items()},
            "exit_url": services.settings.exit_url,
            "static_version": "2",
            "_": gettext,
        },
    )


@router.post("/api/chat", response_model=ChatResponse)
async def chat(
    request: Request,
    body: ChatRequest,
    services: Annotated[Services, Depends(get_services)],
    db: Annotated[Session, Depends(get_db)],
) -> ChatResponse:
    text = clean_text(body.text)
    if not text:
        raise HTTPException(status_code=422, detail="text is empty")
    client = request.client.host if request.client else "unknown"
    if not services.limiter.allow(f"web:{body.session or client}"):
        raise HTTPException(
            status_code=429, detail="too many messages; please wait a minute", headers={"Retry-After": "60"}
        )
    session = body.session or secrets.token_urlsafe(SESSION_TOKEN_BYTES)
    sender_id = pseudonymous_id(services.settings.pseudonym_key.get_secret_value(), "web", session)
    language = body.language if services.languages.supported(body.language) else None
    result = await run_turn(
        db,
        services,
        sender_id=sender_id,
        channel="web",
        text=text[:MAX_TEXT_CHARS],
        requested_language=language,
        jurisdiction=body.country.lower() if body.country else None,
    )
    return ChatResponse(
        session=session,
        language=result.language,
        messages=[MessageOut.model_validate(m.as_dict()) for m in result.messages],
    )
