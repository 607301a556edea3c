"""Curated content: the schema, the one loader, and look-ups by topic, language and jurisdiction.

Content lives in `content/jurisdictions/<jurisdiction>/<topic>.yml` (one entry per topic) and
`content/jurisdictions/<jurisdiction>/contacts.yml`. The `intl` jurisdiction is the baseline that
every other jurisdiction falls back to, topic by topic.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import time
from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Annotated, Literal

import yaml
from babel import Locale
from pydantic import BaseModel, ConfigDict, Field, model_validator

log = logging.getLogger("lantern.content")

BASELINE = "intl"
CONTACTS_FILE = "contacts.yml"

# Topic name -> the intent it answers. The topic name is the file name in each jurisdiction.
TOPIC_INTENTS: dict[str, str] = {
    "rights": "ask_rights",
    "shelter": "ask_shelter",
    "medical": "ask_medical",
    "counselling": "ask_counselling",
    "legal_aid": "ask_legal_aid",
    "compensation": "ask_compensation",
    "case_status": "check_case_status",
    "immigration": "ask_immigration",
    "return_home": "ask_return_home",
    "work_training": "ask_work_training",
    "documents": "ask_documents",
    "financial_support": "ask_financial_support",
    "report_crime": "ask_report_crime",
    "family": "ask_family",
    "privacy": "ask_privacy",
}


@lru_cache(maxsize=1)
def cldr_countries() -> frozenset[str]:
    return frozenset(code for code in Locale("en").territories if len(code) == 2 and code.isalpha())


def country_code(jurisdiction: str | None) -> str | None:
    """The ISO country code of a jurisdiction key ("th", "uk"); None for "intl" or unknown."""
    code = (jurisdiction or "").strip().upper()
    code = {"UK": "GB"}.get(code, code)
    return code if code in cldr_countries() else None


def country_name(code: str, language: str) -> str:
    """An ISO country code as the country's name in `language` (CLDR); the code if CLDR has none."""
    return Locale.parse(language).territories.get(code, code)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ReviewStatus(StrEnum):
    draft = "draft"
    reviewed = "reviewed"


class FactKind(StrEnum):
    law = "law"  # law or policy in force at the source's date
    recommendation = "recommendation"  # guidance, good practice, research finding
    general = "general"  # general information about how the service works


class Source(Strict):
    """A seed file with an inclusive line range, or a named public instrument."""

    seed: str | None = None
    lines: tuple[int, int] | None = None
    instrument: str | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Source:
        if bool(self.seed) == bool(self.instrument):
            raise ValueError("a source names either a seed file or an instrument")
        if self.seed and (not self.lines or self.lines[0] > self.lines[1] or self.lines[0] < 1):
            raise ValueError("a seed source needs lines: [first, last] with 1 <= first <= last")
        return self


class Text(Strict):
    sms: Annotated[str, Field(min_length=1)]
    web: Annotated[str, Field(min_length=1)]
    next: Annotated[str, Field(min_length=1)]


class Entry(Strict):
    topic: str
    jurisdiction: str = BASELINE
    status: ReviewStatus = ReviewStatus.draft
    reviewed_on: dt.date
    reviewer: str | None = None
    kind: FactKind
    source_date: str = Field(description="year (or range) of the source the facts come from")
    verify_before_deployment: bool = False
    sources: Annotated[list[Source], Field(min_length=1)]
    text: dict[str, Text]
    # True: the sources say nothing specific about this jurisdiction on this topic, so the entry is the
    # baseline's general answer, shown with a note that local details are not checked.
    general_only: bool = False


class GeneralOnly(Strict):
    """A jurisdiction's file for a topic its sources say nothing specific about."""

    general_only: Literal[True]
    status: ReviewStatus = ReviewStatus.draft
    reviewed_on: dt.date
    reviewer: str | None = None


class Contact(Strict):
    name: str
    kind: str  # emergency | hotline | helpline | crisis | child_helpline
    number: str | None = None
    hours: str | None = None
    sources: Annotated[list[Source], Field(min_length=1)]
    verify_before_deployment: bool = True


class Contacts(Strict):
    jurisdiction: str
    reviewed_on: dt.date
    contacts: list[Contact] = []


class ContentBase(BaseModel):
    root: Path
    entries: dict[tuple[str, str], Entry]  # (jurisdiction, topic) -> entry
    contacts: dict[str, Contacts]

    model_config = ConfigDict(arbitrary_types_allowed=True, frozen=True)

    @property
    def jurisdictions(self) -> list[str]:
        return sorted({j for j, _ in self.entries} | set(self.contacts))

    def entry(self, topic: str, jurisdiction: str = BASELINE) -> Entry | None:
        return self.entries.get((jurisdiction, topic)) or self.entries.get((BASELINE, topic))

    def text(self, topic: str, language: str, jurisdiction: str = BASELINE) -> Text | None:
        entry = self.entry(topic, jurisdiction)
        return entry.text.get(language) if entry else None

    def contacts_for(self, jurisdiction: str) -> list[Contact]:
        own = self.contacts.get(jurisdiction)
        if own and own.contacts:
            return own.contacts
        baseline = self.contacts.get(BASELINE)
        return baseline.contacts if baseline else []


def _read_yaml(path: Path) -> dict:
    with path.open(encoding="utf-8") as handle:
        data = yaml.safe_load(handle)
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top level")
    return data


def load_content(root: Path) -> ContentBase:
    entries: dict[tuple[str, str], Entry] = {}
    contacts: dict[str, Contacts] = {}
    general: dict[tuple[str, str], GeneralOnly] = {}
    for folder in sorted(p for p in (root / "jurisdictions").iterdir() if p.is_dir()):
        for path in sorted(folder.glob("*.yml")):
            data = _read_yaml(path)
            if path.name == CONTACTS_FILE:
                contacts[folder.name] = Contacts.model_validate({"jurisdiction": folder.name, **data})
            elif data.get("general_only"):
                general[(folder.name, path.stem)] = GeneralOnly.model_validate(data)
            else:
                entry = Entry.model_validate({"topic": path.stem, "jurisdiction": folder.name, **data})
                entries[(folder.name, entry.topic)] = entry
    for (jurisdiction, topic), own in general.items():
        baseline = entries.get((BASELINE, topic))
        if baseline is None:
            raise ValueError(f"{jurisdiction}/{topic}: general_only, but there is no {BASELINE}/{topic}")
        review = {"status": own.status, "reviewed_on": own.reviewed_on, "reviewer": own.reviewer}
        entries[(jurisdiction, topic)] = baseline.model_copy(
            update={"jurisdiction": jurisdiction, "general_only": True, **review}
        )
    return ContentBase(root=root, entries=entries, contacts=contacts)


def content_version(root: Path) -> tuple[int, int]:
    """Changes when any content file is added, removed or edited: (count, newest modification)."""
    stamps = [p.stat().st_mtime_ns for p in (root / "jurisdictions").rglob("*.yml")]
    return len(stamps), max(stamps, default=0)


class ContentStore:
    """The content as it is on disk now: edits are picked up within `check_seconds`, without
    restarting anything. An edit that does not validate is logged and the last good content stays."""

    def __init__(self, root: Path, check_seconds: float = 5.0) -> None:
        self.root = root
        self.check_seconds = check_seconds
        self._version = content_version(root)
        self._content = load_content(root)
        self._checked_at = time.monotonic()

    def get(self) -> ContentBase:
        now = time.monotonic()
        if now - self._checked_at >= self.check_seconds:
            self._checked_at = now
            self._reload_if_changed()
        return self._content

    def _reload_if_changed(self) -> None:
        version = content_version(self.root)
        if version == self._version:
            return
        self._version = version
        try:
            self._content = load_content(self.root)
            log.info("content reloaded", extra={"fields": {"event": "content_reloaded", "status": "ok"}})
        except (ValueError, OSError, yaml.YAMLError) as error:
            fields = {"event": "content_reloaded", "status": "kept_previous", "error": type(error).__name__}
            log.error("content reload failed", extra={"fields": fields})


@lru_cache(maxsize=4)
def cached_content(root: str) -> ContentBase:
    """The one cached loader. `reload_content` clears it (for `lantern content reload`)."""
    return load_content(Path(root))


def reload_content() -> None:
    cached_content.cache_clear()


PHONE_LIKE = re.compile(r"(?<!\w)\+?\d[\d\s().-]{5,}\d(?!\w)")
