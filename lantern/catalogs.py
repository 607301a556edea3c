"""Extract, update, compile and check the gettext catalogs (Babel)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

from lantern import PROJECT_ROOT
from lantern.languages import LanguageRegistry

SOURCE_LANGUAGE = "en"
DOMAIN = "messages"


def po_path(locales_dir: Path, code: str) -> Path:
    return locales_dir / code / "LC_MESSAGES" / f"{DOMAIN}.po"


def extract_and_update(locales_dir: Path) -> None:
    pot = locales_dir / f"{DOMAIN}.pot"
    pybabel = [sys.executable, "-m", "babel.messages.frontend"]
    subprocess.run(
        [*pybabel, "extract", "-F", "babel.cfg", "-k", "N_", "--no-location", "--sort-output",
         "--omit-header", "-o", str(pot), "lantern", "gateway", "actions"],
        cwd=PROJECT_ROOT, check=True,
    )  # fmt: skip
    for code in LanguageRegistry(locales_dir).codes:
        target = po_path(locales_dir, code)
        action = "update" if target.exists() else "init"
        extra = ["--no-fuzzy-matching", "--ignore-obsolete"] if action == "update" else []
        subprocess.run(
            [*pybabel, action, "-i", str(pot), "-d", str(locales_dir), "-l", code, "-D", DOMAIN, *extra],
            cwd=PROJECT_ROOT, check=True,
        )  # fmt: skip
    _fill_source_language(po_path(locales_dir, SOURCE_LANGUAGE))


def _fill_source_language(path: Path) -> None:
    """The source language's translations are the message ids themselves."""
    with path.open("rb") as handle:
        catalog = read_po(handle)
    for message in catalog:
        if message.id and not message.string:
            message.string = message.id
    with path.open("wb") as handle:
        write_po(handle, catalog, omit_header=False, sort_output=True, width=100)


def compile_catalogs(locales_dir: Path) -> None:
    for code in LanguageRegistry(locales_dir).codes:
        source = po_path(locales_dir, code)
        with source.open("rb") as handle:
            catalog = read_po(handle, locale=code)
        with source.with_suffix(".mo").open("wb") as handle:
            write_mo(handle, catalog)


def check_catalogs(locales_dir: Path) -> list[str]:
    """Every message of the template translated, not fuzzy, with the same placeholders, in every language."""
    pot = locales_dir / f"{DOMAIN}.pot"
    with pot.open("rb") as handle:
        template_ids = {m.id for m in read_po(handle) if m.id}
    problems: list[str] = []
    for code in LanguageRegistry(locales_dir).codes:
        path = po_path(locales_dir, code)
        if not path.exists():
            problems.append(f"{code}: no catalog at {path}")
            continue
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=code)
        translated = {m.id: m for m in catalog if m.id}
        for msgid in sorted(template_ids):
            message = translated.get(msgid)
            if message is None or not message.string:
                problems.append(f"{code}: missing translation for {msgid!r}")
            elif message.fuzzy:
                problems.append(f"{code}: fuzzy translation for {msgid!r}")
            elif _placeholders(msgid) != _placeholders(str(message.string)):
                problems.append(f"{code}: placeholders differ for {msgid!r}")
    return problems


def _placeholders(text: str) -> set[str]:
    import string

    return {name for _, name, _, _ in string.Formatter().parse(text) if name}
