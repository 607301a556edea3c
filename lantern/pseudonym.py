"""Pseudonymous ids: the only way a person is identified outside the gateway's inbound edge."""

from __future__ import annotations

import hashlib
import hmac


def pseudonymous_id(key: str, channel: str, address: str) -> str:
    """Keyed HMAC of channel and address; stable for a person, meaningless without the key."""
    if not key:
        raise ValueError("LANTERN_PSEUDONYM_KEY is not set")
    digest = hmac.new(key.encode(), f"{channel}:{address}".encode(), hashlib.sha256).hexdigest()
    return f"{channel}-{digest[:32]}"
