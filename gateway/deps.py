"""Dependencies injected into the routers: services built once at start-up, a DB session per request."""

from __future__ import annotations

from collections.abc import Iterator

from fastapi import Request
from sqlalchemy.orm import Session

from gateway.dialogue import Services
from gateway.storage import session_factory


def get_services(request: Request) -> Services:
    return request.app.state.services


def get_db(request: Request) -> Iterator[Session]:
    services: Services = request.app.state.services
    session = session_factory(services.settings.sqlalchemy_url)()
    try:
        yield session
    finally:
        session.close()
