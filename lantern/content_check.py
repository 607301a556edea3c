"""`lantern content check` and `lantern content list`."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from pathlib import Path

from pydantic import ValidationError

from lantern.content import PHONE_LIKE, TOPIC_INTENTS, ContentBase, Entry, Source, load_content
from lantern.langid import UNSPACED_SCRIPTS, script_of_char
from lantern.languages import LanguageRegistry
from lantern.settings import Settings
from lantern.sms import segment_count

SMS_SEGMENTS = 2
WEB_MAX_CHARS = 900
NEXT_MAX_CHARS = 220


def _seed_line_count(seeds_dir: Path, name: str, cache: dict[str, int | None]) -> int | None:
    if name not in cache:
        path = seeds_dir / name
        cache[name] = len(path.read_text(encoding="utf-8").splitlines()) if path.exists() else None
    return cache[name]


def _check_source(source: Source, seeds_dir: Path, cache: dict[str, int | None]) -> list[str]:
    if not source.seed or not seeds_dir.is_dir():
        return []  # instruments are checked by review; seeds only where the folder exists
    lines = _seed_line_count(seeds_dir, source.seed, cache)
    if lines is None:
        return [f"cites missing seed {source.seed}"]
    assert source.lines is not None
    if source.lines[1] > lines:
        return [f"cites {source.seed}:{source.lines[0]}-{source.lines[1]} but the file has {lines} lines"]
    return []


def _check_entry(entry: Entry, languages: list[str], settings: Settings, cache: dict[str, int | None]) -> list[str]:
    problems: list[str] = []
    for source in entry.sources:
        problems += _check_source(source, settings.seeds_dir, cache)
    for code in languages:
        text = entry.text.get(code)
        if text is None:
            problems.append(f"no {code} translation")
            continue
        if segment_count(text.sms) > SMS_SEGMENTS:
            problems.append(f"{code}: sms answer takes {segment_count(text.sms)} SMS segments (max {SMS_SEGMENTS})")
        if len(text.web) > WEB_MAX_CHARS:
            problems.append(f"{code}: web answer has {len(text.web)} characters (max {WEB_MAX_CHARS})")
        if len(text.next) > NEXT_MAX_CHARS:
            problems.append(f"{code}: next steps have {len(text.next)} characters (max {NEXT_MAX_CHARS})")
        for part in (text.sms, text.web, text.next):
            if PHONE_LIKE.search(part):
                problems.append(f"{code}: a phone number outside contacts.yml")
    return problems


def _review_age(entry: Entry, settings: Settings) -> list[str]:
    age = (dt.date.today() - entry.reviewed_on).days
    if age > settings.content_review_max_age_days:
        return [f"last reviewed {age} days ago (max {settings.content_review_max_age_days})"]
    return []


def tone_problems(settings: Settings, content: ContentBase) -> list[str]:
    """Forbidden wording (blame, pressure, conditions) in any answer, per language."""
    import yaml

    path = settings.content_dir / "tone" / "forbidden.yml"
    forbidden = {
        code: [p.casefold() for p in phrases] for code, phrases in (yaml.safe_load(path.read_text()) or {}).items()
    }
    problems = []
    for (jurisdiction, topic), entry in sorted(content.entries.items()):
        if entry.general_only:
            continue  # the baseline's text, checked there
        for code, text in entry.text.items():
            said = " ".join((text.sms, text.web, text.next)).casefold()
            problems += [f"{jurisdiction}/{topic}: {code}: tone: {p!r}" for p in forbidden.get(code, []) if p in said]
    return problems


CASEWORKER = "caseworker"


def _term_pattern(term: str) -> re.Pattern[str]:
    """Whole words where words are spaced; anywhere in scripts written without spaces."""
    unspaced = any(script_of_char(ch) in UNSPACED_SCRIPTS for ch in term)
    body = re.escape(term.casefold())
    return re.compile(body if unspaced else rf"(?<!\w){body}(?!\w)")


def _translated_pairs(settings: Settings, content: ContentBase, code: str) -> Iterator[tuple[str, str, str]]:
    """(where, English, translation) for every catalog message and content text of a language."""
    from babel.messages.pofile import read_po

    from lantern.catalogs import po_path

    path = po_path(settings.locales_dir, code)
    if path.exists():
        with path.open("rb") as handle:
            for message in read_po(handle, locale=code):
                if message.id and message.string:
                    yield f"catalog {message.id[:40]!r}", str(message.id), str(message.string)
    for (jurisdiction, topic), entry in sorted(content.entries.items()):
        if entry.general_only:
            continue  # the baseline's text, checked there
        english, own = entry.text.get("en"), entry.text.get(code)
        if english and own:
            for part in ("sms", "web", "next"):
                yield f"{jurisdiction}/{topic} {part}", getattr(english, part), getattr(own, part)


def terminology_problems(settings: Settings, content: ContentBase) -> list[str]:
    """One word for a caseworker in each language wherever the English says "caseworker", and no
    wording from the wrong register (content/tone/terminology/<language>.yml)."""
    import yaml

    problems: list[str] = []
    for path in sorted((settings.content_dir / "tone" / "terminology").glob("*.yml")):
        code, rules = path.stem, yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        forms = [_term_pattern(t) for t in rules.get("caseworker", [])]
        avoid = [(w, _term_pattern(w)) for w in rules.get("avoid", [])]
        for where, english, translation in _translated_pairs(settings, content, code):
            said = translation.casefold()
            if code != "en" and forms and CASEWORKER in english.casefold() and not any(f.search(said) for f in forms):
                problems.append(f"{code}: {where}: says caseworker without the agreed term")
            problems += [f"{code}: {where}: register: {word!r}" for word, pattern in avoid if pattern.search(said)]
    return problems


def check(settings: Settings) -> list[str]:
    try:
        content = load_content(settings.content_dir)
    except (ValidationError, ValueError) as error:
        return [f"content does not load: {error}"]
    languages = LanguageRegistry(settings.locales_dir).codes
    cache: dict[str, int | None] = {}
    # Every jurisdiction answers every topic: with its own entry, or a `general_only: true` file.
    problems = [
        f"{jurisdiction}/{topic}: missing (write the entry, or a file with general_only: true)"
        for jurisdiction in content.jurisdictions
        for topic in TOPIC_INTENTS
        if (jurisdiction, topic) not in content.entries
    ]
    for (jurisdiction, topic), entry in sorted(content.entries.items()):
        if topic not in TOPIC_INTENTS:
            problems.append(f"{jurisdiction}/{topic}: not a known topic")
        own = _review_age(entry, settings)
        if not entry.general_only:  # a general-only entry's text is the baseline's, checked there
            own += _check_entry(entry, languages, settings, cache)
        problems += [f"{jurisdiction}/{topic}: {p}" for p in own]
    problems += tone_problems(settings, content)
    problems += terminology_problems(settings, content)
    for jurisdiction, contacts in sorted(content.contacts.items()):
        for contact in contacts.contacts:
            for source in contact.sources:
                problems += [f"{jurisdiction}/contacts: {p}" for p in _check_source(source, settings.seeds_dir, cache)]
    return problems


def listing(
    settings: Settings,
    language: str | None = None,
    topic: str | None = None,
    jurisdiction: str | None = None,
    status: str | None = None,
) -> Iterator[str]:
    content: ContentBase = load_content(settings.content_dir)
    for (where, name), entry in sorted(content.entries.items()):
        if (topic and name != topic) or (jurisdiction and where != jurisdiction) or (status and entry.status != status):
            continue
        if language and language not in entry.text:
            continue
        sources = "; ".join(
            f"{s.seed}:{s.lines[0]}-{s.lines[1]}" if s.seed and s.lines else str(s.instrument) for s in entry.sources
        )
        languages = ",".join(sorted(entry.text))
        yield f"{where}\t{name}\t{entry.status}\t{entry.reviewed_on}\t{languages}\t{sources}"


def mark_reviewed(settings: Settings, topic: str, jurisdiction: str, reviewer: str, on: dt.date) -> Path:
    """Set status: reviewed, the reviewer and the date in an entry's file, leaving the rest as written."""
    path = settings.content_dir / "jurisdictions" / jurisdiction / f"{topic}.yml"
    if not path.exists():
        raise FileNotFoundError(f"no entry {jurisdiction}/{topic}")
    lines = path.read_text(encoding="utf-8").splitlines()
    values = {"status": "reviewed", "reviewer": json.dumps(reviewer, ensure_ascii=False), "reviewed_on": on.isoformat()}
    found = set()
    for index, line in enumerate(lines):
        key = line.split(":", 1)[0]
        if key in values and not line.startswith(" "):
            lines[index] = f"{key}: {values[key]}"
            found.add(key)
    missing = [key for key in values if key not in found]
    lines[:0] = [f"{key}: {values[key]}" for key in missing]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    load_content(settings.content_dir)  # refuse to leave a file that no longer validates unnoticed
    return path
