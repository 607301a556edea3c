"""Per-sender rate limits on the public endpoints (one sliding window per key, bounded memory)."""

from __future__ import annotations

import time
from collections import OrderedDict, deque


class RateLimiter:
    def __init__(self, max_events: int, window_seconds: float, max_keys: int = 50_000) -> None:
        self.max_events = max_events
        self.window = window_seconds
        self.max_keys = max_keys
        self._events: OrderedDict[str, deque[float]] = OrderedDict()

    def allow(self, key: str, limit: int | None = None, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        limit = self.max_events if limit is None else limit
        events = self._events.pop(key, None) or deque()
        while events and now - events[0] > self.window:
            events.popleft()
        allowed = len(events) < limit
        if allowed:
            events.append(now)
        self._events[key] = events
        if len(self._events) > self.max_keys:
            self._events.popitem(last=False)
        return allowed
