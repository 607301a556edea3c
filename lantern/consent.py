"""Consent per purpose: what a feature may keep, asked when the purpose arises, withdrawable at any time.

A feature declares its purpose here (the question, the MY DATA line, the withdraw button, the
channels it applies to), registers what it keeps and how that is erased (`gateway.consents.KEEPERS`),
and asks for it by name with the control `ask_consent:<purpose>`; refusing never changes the
information service. The gateway holds the records (`gateway.storage.ConsentRecord`) and asks.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from lantern.i18n import N_


@dataclass(frozen=True)
class Purpose:
    name: str
    question: str  # asked when the purpose arises; may use {days}
    held: str  # the MY DATA line while consent stands; may use {date}
    withdraw_button: str
    channels: frozenset[str]


SHARE_SUMMARY = Purpose(
    name="share_summary",
    question=N_(
        "So you do not have to tell your story again, may I give the caseworker a short summary of this "
        "chat? It lists only the topics you asked about, not your words. You can say no and still get the "
        "same help."
    ),
    held=N_("- A list of the topics you asked about, for a caseworker. You agreed on {date}."),
    withdraw_button=N_("Stop sharing the topics"),
    channels=frozenset({"web", "sms"}),
)

KEEP_NUMBER = Purpose(
    name="keep_number",
    question=N_(
        "May I keep your phone number so a caseworker can text you first? It is kept locked (encrypted) "
        "and deleted after {days} days, or sooner if you ask. If you say no, a caseworker can still answer "
        "when you write to us."
    ),
    held=N_("- Your phone number, locked (encrypted), so a caseworker can text you. You agreed on {date}."),
    withdraw_button=N_("Delete my number"),
    channels=frozenset({"sms"}),
)

PURPOSES: dict[str, Purpose] = {p.name: p for p in (SHARE_SUMMARY, KEEP_NUMBER)}

# What a handoff to a caseworker asks for, in order.
HANDOFF_PURPOSES = (SHARE_SUMMARY.name, KEEP_NUMBER.name)

CONSENT_GIVEN = N_("Thank you. You can change your mind at any time: write {keyword} to see what is kept.")
CONSENT_REFUSED = N_("That is fine. Nothing is kept for this, and the help you get does not change.")
CONSENT_WITHDRAWN = N_("Done. I have stopped that and erased what was kept for it.")

MY_DATA_KEYWORD = N_("MY DATA")
MY_DATA_HEADER = N_("What Lantern holds about you now:")
MY_DATA_CONVERSATION = N_(
    "- This chat: your language, and your recent messages with numbers removed, so I can follow the "
    "conversation. Erased after {days} days without messages."
)
MY_DATA_HANDOFF = N_("- A request for a caseworker to contact you.")
MY_DATA_FOOTER = N_("Nothing else, and never your name. Write {keyword} to erase all of it.")
BUTTON_DELETE_ALL = N_("Delete everything")

GIVE = "yes"
REFUSE = "no"
WITHDRAW = "withdraw"


def applies(purpose: str, channel: str) -> bool:
    known = PURPOSES.get(purpose)
    return known is not None and channel in known.channels


def notice_version(shown_text: str) -> str:
    """Identifies the exact wording the person agreed to (it changes when a translation changes)."""
    return hashlib.sha256(shown_text.encode("utf-8")).hexdigest()[:12]


def answer_payload(purpose: str, answer: str) -> str:
    return f'/consent{{"purpose":"{purpose}","answer":"{answer}"}}'
