"""`lantern`: the operators' command."""

from __future__ import annotations

import argparse
import datetime as dt
import signal
import sys
import time
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, TypeVar

from pydantic import SecretStr

from lantern import PROJECT_ROOT
from lantern.settings import Settings, get_settings

if TYPE_CHECKING:
    import httpx
    from sqlalchemy.orm import Session

T = TypeVar("T")


def migrate_database(settings: Settings) -> None:
    from alembic import command
    from alembic.config import Config

    settings.data_dir.mkdir(parents=True, exist_ok=True)
    config = Config(str(PROJECT_ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(PROJECT_ROOT / "gateway" / "migrations"))
    config.set_main_option("sqlalchemy.url", settings.sqlalchemy_url)
    command.upgrade(config, "head")


def cmd_migrate(_: argparse.Namespace) -> int:
    migrate_database(get_settings())
    return 0


def cmd_train(args: argparse.Namespace) -> int:
    from lantern.training import train

    print(train(get_settings(), force=args.force))
    return 0


def cmd_run(_: argparse.Namespace) -> int:
    from lantern import catalogs
    from lantern.stack import Stack
    from lantern.training import train

    settings = get_settings()
    catalogs.compile_catalogs(settings.locales_dir)
    cmd_migrate(_)
    stack = Stack(settings, train(settings), settings.data_dir / "logs")
    stopping = False

    def stop(*_: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    stack.start()
    print(f"Lantern is running. Web chat: {settings.gateway_url}/  (Ctrl-C to stop)", flush=True)
    print(f"Twilio SMS webhook: {settings.public_base_url or settings.gateway_url}/twilio/sms", flush=True)
    try:
        while not stopping:
            for name, process in stack.processes.items():
                if process.poll() is not None:
                    print(f"{name} stopped unexpectedly; see {stack.log_dir / (name + '.log')}", file=sys.stderr)
                    stopping = True
            time.sleep(1)
    finally:
        stack.stop()
    return 0


def cmd_i18n(args: argparse.Namespace) -> int:
    from lantern import catalogs

    settings = get_settings()
    if args.action == "extract":
        catalogs.extract_and_update(settings.locales_dir)
    elif args.action == "compile":
        catalogs.compile_catalogs(settings.locales_dir)
    problems = catalogs.check_catalogs(settings.locales_dir) if args.action == "check" else []
    for problem in problems:
        print(problem)
    return 1 if problems else 0


def cmd_content(args: argparse.Namespace) -> int:
    from lantern import content_check

    settings = get_settings()
    if args.action == "review":
        if not (args.topic and args.reviewer):
            print("review needs --topic and --reviewer (and --jurisdiction, default intl)")
            return 2
        path = content_check.mark_reviewed(
            settings, args.topic, args.jurisdiction or "intl", args.reviewer, dt.date.today()
        )
        print(f"marked reviewed: {path}")
        return 0
    if args.action == "check":
        problems = content_check.check(settings)
        for problem in problems:
            print(problem)
        print(f"{len(problems)} problem(s)")
        return 1 if problems else 0
    for row in content_check.listing(settings, args.language, args.topic, args.jurisdiction, args.status):
        print(row)
    return 0


def cmd_nlu_eval(args: argparse.Namespace) -> int:
    from lantern import evaluation

    settings = get_settings()
    report = evaluation.run(settings, args.pipeline or list(evaluation.PIPELINES))
    print(evaluation.markdown(report))
    print(f"written: {settings.data_dir / 'eval' / 'nlu.json'} and nlu.md")
    return 0


def _operator_settings() -> tuple[Settings, dict[str, str]]:
    """Settings with the secrets from the environment or, for a local run, var/secrets.env."""
    from lantern.stack import ensure_secrets

    settings = get_settings()
    secrets_env = ensure_secrets(settings)
    update = {name: SecretStr(secrets_env[f"LANTERN_{name.upper()}"]) for name in ("rasa_token", "data_keys")}
    return settings.model_copy(update=update), secrets_env


def _with_stores(settings: Settings, work: Callable[[Session, httpx.AsyncClient], Awaitable[T]]) -> T:
    """Run `work` with a database session and an HTTP client (for Rasa's tracker store)."""
    import asyncio

    import httpx

    from gateway.storage import session_scope

    async def run() -> T:
        async with httpx.AsyncClient() as http:
            with session_scope(settings.sqlalchemy_url) as db:
                return await work(db, http)

    return asyncio.run(run())


def cmd_erase(args: argparse.Namespace) -> int:
    """Erase on a person's request: by phone number or web session, or by pseudonymous id."""
    from gateway.erasure import erase_everywhere
    from lantern.pseudonym import pseudonymous_id

    settings, secrets_env = _operator_settings()
    if args.address:
        sender = pseudonymous_id(secrets_env["LANTERN_PSEUDONYM_KEY"], args.channel, args.address)
    else:
        sender = args.sender
    complete = _with_stores(settings, lambda db, http: erase_everywhere(db, http, settings, sender))
    print(f"erased {sender}" + ("" if complete else " from the database; Rasa did not answer, run again when it is up"))
    return 0 if complete else 1


def cmd_purge(_: argparse.Namespace) -> int:
    from gateway.retention import purge_all

    settings, _ = _operator_settings()
    removed = _with_stores(settings, lambda db, http: purge_all(db, http, settings))
    print("removed: " + ", ".join(f"{count} {name.replace('_', ' ')}" for name, count in removed.items()))
    return 0


def cmd_directory(args: argparse.Namespace) -> int:
    """Import the service directory from CSV (every row imported or reported), or list it."""
    from pathlib import Path

    from gateway.storage import session_scope
    from lantern import directory

    settings = get_settings()
    migrate_database(settings)
    if args.action == "list":
        with session_scope(settings.sqlalchemy_url) as db:
            rows = directory.listing(db, country=args.country, kind=args.kind)
        print("\n".join([*rows, f"{len(rows)} service(s)"]))
        return 0
    if not args.file:
        print("import needs a CSV file: lantern directory import FILE.csv [--replace]")
        return 2
    try:
        with session_scope(settings.sqlalchemy_url) as db:
            parsed, result = directory.import_file(db, Path(args.file), replace=args.replace)
    except directory.DirectoryFileError as error:
        print(error)
        return 2
    gazetteer = directory.directory_gazetteer(settings.content_dir, settings.locales_dir)
    for line in [*map(str, parsed.errors), *directory.location_warnings(parsed.services, gazetteer)]:
        print(line)
    print(directory.import_summary(parsed, result))
    return 1 if parsed.errors else 0


def cmd_keys(args: argparse.Namespace) -> int:
    """Data keys: print a new one, or re-encrypt everything kept with the first key in LANTERN_DATA_KEYS."""
    from lantern.vault import VaultError, new_key

    if args.action == "new":
        print(new_key())
        return 0
    from gateway.consents import rotate_numbers
    from gateway.storage import session_scope

    settings, _ = _operator_settings()
    migrate_database(settings)
    try:
        with session_scope(settings.sqlalchemy_url) as db:
            count = rotate_numbers(db, settings.data_keys.get_secret_value())
    except VaultError as error:
        print(f"not rotated: {error}; nothing was changed")
        return 1
    print(f"re-encrypted {count} stored number(s) with the first key; older keys can now be removed")
    return 0


def cmd_analytics(args: argparse.Namespace) -> int:
    """Counts per day from the logs: no ids, no text."""
    from pathlib import Path

    from lantern.analytics import export

    settings = get_settings()
    target = Path(args.out) if args.out else settings.data_dir / "analytics" / "export.json"
    days = export(settings.data_dir / "logs", target)
    print(f"{len(days)} day(s) written to {target}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lantern", description="Lantern operator commands")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("migrate", help="apply database migrations").set_defaults(func=cmd_migrate)
    train = sub.add_parser("train", help="train the Rasa model when its inputs changed")
    train.add_argument("--force", action="store_true")
    train.set_defaults(func=cmd_train)
    sub.add_parser("run", help="run Rasa, the action server and the gateway").set_defaults(func=cmd_run)
    erase = sub.add_parser("erase", help="erase everything held about a person")
    who = erase.add_mutually_exclusive_group(required=True)
    who.add_argument("--address", help="phone number (with --channel sms) or web session token")
    who.add_argument("--sender", help="pseudonymous id")
    erase.add_argument("--channel", choices=["sms", "web"], default="sms")
    erase.set_defaults(func=cmd_erase)
    sub.add_parser("purge", help="remove data older than the retention period").set_defaults(func=cmd_purge)
    nlu_eval = sub.add_parser("nlu-eval", help="per-language NLU scores on the held-out split")
    nlu_eval.add_argument(
        "--pipeline", action="append", choices=["lantern", "rasa-default"],
        help="evaluate only this pipeline (repeatable; default: both)",
    )  # fmt: skip
    nlu_eval.set_defaults(func=cmd_nlu_eval)
    i18n = sub.add_parser("i18n", help="translation catalogs")
    i18n.add_argument("action", choices=["extract", "compile", "check"])
    i18n.set_defaults(func=cmd_i18n)
    content = sub.add_parser("content", help="curated content")
    content.add_argument("action", choices=["check", "list", "review"])
    content.add_argument("--reviewer", help="with review: the reviewer's name")
    content.add_argument("--language")
    content.add_argument("--topic")
    content.add_argument("--jurisdiction")
    content.add_argument("--status")
    content.set_defaults(func=cmd_content)
    services = sub.add_parser("directory", help="the service directory: import from CSV, list")
    services.add_argument("action", choices=["import", "list"])
    services.add_argument("file", nargs="?", help="with import: the CSV file")
    services.add_argument("--replace", action="store_true", help="with import: remove entries not in the file")
    services.add_argument("--country", help="with list: ISO country code")
    services.add_argument("--kind", help="with list: kind of service")
    services.set_defaults(func=cmd_directory)
    analytics = sub.add_parser("analytics", help="counts per day from the logs (no ids, no text) as JSON")
    analytics.add_argument("--out", help="file to write (default: var/analytics/export.json)")
    analytics.set_defaults(func=cmd_analytics)
    keys = sub.add_parser("keys", help="encryption keys for data kept with consent: new, rotate")
    keys.add_argument("action", choices=["new", "rotate"])
    keys.set_defaults(func=cmd_keys)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    return int(args.func(args) or 0)


if __name__ == "__main__":
    sys.exit(main())
