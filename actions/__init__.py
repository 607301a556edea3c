"""Lantern's custom actions (rasa-sdk), sharing the application's code and storage."""

import sys

from gateway.logs import configure_logging

# When the action server runs (python -m rasa_sdk), its log lines are JSON like the gateway's: ids,
# events, timings and errors only. rasa_sdk sets up its own logging before it imports this package.
_main = sys.modules.get("__main__")
if getattr(getattr(_main, "__spec__", None), "name", "").startswith("rasa_sdk"):
    configure_logging()
