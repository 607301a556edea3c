"""The FastAPI application factory."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles

from gateway.dialogue import Services
from gateway.logs import configure_logging, log_event
from gateway.ratelimit import RateLimiter
from gateway.retention import purge_all
from gateway.routers import health, nlg, twilio_sms, webchat
from gateway.storage import session_scope
from lantern.content import ContentStore
from lantern.directory import directory_gazetteer, import_sample_if_empty
from lantern.langid import detect_language
from lantern.languages import LanguageRegistry
from lantern.redaction import redact
from lantern.settings import PROJECT_ROOT, Settings, get_settings

log = logging.getLogger("lantern.gateway")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
    "Cache-Control": "no-store",
}


async def purge_periodically(settings: Settings, http: httpx.AsyncClient) -> None:
    """The scheduled retention job: runs at start-up, then every `purge_interval_seconds`."""
    while True:
        try:
            with session_scope(settings.sqlalchemy_url) as db:
                removed = await purge_all(db, http, settings)
            log_event(log, "purged", status="/".join(f"{k}={v}" for k, v in removed.items()))
        except Exception as error:  # a failed purge must not take the gateway down; it retries next time
            log_event(log, "purge_failed", error=type(error).__name__)
        await asyncio.sleep(settings.purge_interval_seconds)


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or get_settings()
    configure_logging()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        limits = httpx.Limits(max_connections=50, max_keepalive_connections=20)
        # Load phone number metadata and the language models before the first person writes.
        redact("+66 81 234 5678")
        languages = LanguageRegistry(settings.locales_dir)
        detect_language("hello there", languages.languages, settings.nlu_data_dir)
        directory_gazetteer(settings.content_dir, settings.locales_dir)
        if settings.load_sample_directory:
            with session_scope(settings.sqlalchemy_url) as db:
                import_sample_if_empty(db, settings.content_dir)
        async with httpx.AsyncClient(limits=limits) as http:
            app.state.services = Services(
                settings=settings,
                content_store=ContentStore(settings.content_dir),
                languages=languages,
                http=http,
                limiter=RateLimiter(settings.rate_limit_per_minute, 60.0),
            )
            purger = asyncio.create_task(purge_periodically(settings, http))
            try:
                yield
            finally:
                purger.cancel()

    app = FastAPI(title="Lantern gateway", version="0.1.0", lifespan=lifespan)
    app.mount("/static", StaticFiles(directory=PROJECT_ROOT / "gateway" / "web" / "static"), name="static")
    for router in (webchat.router, twilio_sms.router, nlg.router, health.router):
        app.include_router(router)

    @app.middleware("http")
    async def security_headers(request: Request, call_next):  # type: ignore[no-untyped-def]
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> JSONResponse:
        # Describe what was wrong without echoing the submitted values back.
        problems = [{"loc": list(e.get("loc", [])), "msg": e.get("msg", "")} for e in error.errors()]
        log_event(log, "invalid_request", path=request.url.path, status=422)
        return JSONResponse(status_code=422, content={"detail": problems})

    @app.exception_handler(Exception)
    async def unexpected(request: Request, error: Exception) -> JSONResponse:
        log.error("unhandled", exc_info=error, extra={"fields": {"event": "unhandled", "path": request.url.path}})
        return JSONResponse(status_code=503, content={"detail": "temporarily unavailable"})

    return app
