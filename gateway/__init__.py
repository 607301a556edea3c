"""Lantern's FastAPI gateway: channels, web chat, NLG endpoint and storage."""
