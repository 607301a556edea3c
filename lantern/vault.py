"""Encryption at rest for what is kept with consent (phone numbers).

Keys come from `LANTERN_DATA_KEYS`: comma-separated Fernet keys, newest first. New data is encrypted
with the first key; any listed key decrypts. To rotate: put a new key first (`lantern keys new`), run
`lantern keys rotate` to re-encrypt everything with it, then drop the old key from the list.
"""

from __future__ import annotations

from cryptography.fernet import Fernet, InvalidToken, MultiFernet


class VaultError(Exception):
    """No usable key, or data that none of the keys can open."""


def new_key() -> str:
    return Fernet.generate_key().decode("ascii")


def _vault(keys: str) -> MultiFernet:
    parts = [k.strip() for k in keys.split(",") if k.strip()]
    if not parts:
        raise VaultError("LANTERN_DATA_KEYS is empty")
    try:
        return MultiFernet([Fernet(k) for k in parts])
    except ValueError as error:
        raise VaultError("LANTERN_DATA_KEYS holds a key that is not a Fernet key") from error


def encrypt(keys: str, plain: str) -> bytes:
    return _vault(keys).encrypt(plain.encode("utf-8"))


def decrypt(keys: str, token: bytes) -> str:
    try:
        return _vault(keys).decrypt(token).decode("utf-8")
    except InvalidToken as error:
        raise VaultError("none of the keys opens this value") from error


def rotate(keys: str, token: bytes) -> bytes:
    """The same value encrypted with the first (newest) key."""
    try:
        return _vault(keys).rotate(token)
    except InvalidToken as error:
        raise VaultError("none of the keys opens this value") from error
