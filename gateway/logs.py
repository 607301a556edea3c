"""Structured JSON logs. Callers pass ids, intents, timings and error kinds only: never message text,
phone numbers, names, references or PINs."""

from __future__ import annotations

import json
import logging
import sys
import time

SAFE_FIELDS = ("event", "sender", "channel", "language", "status", "elapsed_ms", "error", "response", "path", "purpose")


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, object] = {
            "ts": round(record.created, 3),
            "level": record.levelname.lower(),
            "logger": record.name,
        }
        fields = getattr(record, "fields", None)
        if isinstance(fields, dict):
            payload.update({k: v for k, v in fields.items() if k in SAFE_FIELDS})
        else:
            payload["event"] = record.getMessage()
        if record.exc_info and record.exc_info[0] is not None:
            payload["error"] = record.exc_info[0].__name__
        return json.dumps(payload, ensure_ascii=False)


def configure_logging(level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # Access logs carry query strings and client addresses; we log our own request lines instead.
    logging.getLogger("uvicorn.access").disabled = True
    # httpx logs each request's URL, and Rasa's API takes its token in the query string.
    for chatty in ("httpx", "httpcore"):
        logging.getLogger(chatty).setLevel(logging.WARNING)


def log_event(logger: logging.Logger, event: str, **fields: object) -> None:
    logger.info(event, extra={"fields": {"event": event, **fields}})


class Timer:
    def __init__(self) -> None:
        self.start = time.perf_counter()

    @property
    def ms(self) -> int:
        return int((time.perf_counter() - self.start) * 1000)
