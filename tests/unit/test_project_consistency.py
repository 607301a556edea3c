"""The Rasa domain, the responses the gateway can word, the catalogs and the content agree."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from lantern.catalogs import check_catalogs
from lantern.content import TOPIC_INTENTS
from lantern.content_check import check
from lantern.responses import known_responses
from lantern.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
DOMAIN = yaml.safe_load((ROOT / "bot" / "domain.yml").read_text())
INTENT_CATALOG = [
    "greet", "goodbye", "thank_you", "affirm", "deny", "ask_help_menu", "change_language", "ask_rights",
    "ask_shelter", "ask_medical", "ask_counselling", "ask_legal_aid", "ask_compensation", "check_case_status",
    "ask_immigration", "ask_return_home", "ask_work_training", "ask_documents", "ask_financial_support",
    "ask_report_crime", "ask_family", "ask_privacy", "request_human", "emergency", "delete_my_data", "out_of_scope",
]  # fmt: skip


def test_domain_has_exactly_the_intent_catalog():
    assert DOMAIN["intents"] == INTENT_CATALOG


def test_every_response_rasa_or_an_action_can_name_is_worded_by_the_gateway():
    from_actions = set(re.findall(r'response="(utter_\w+)"', (ROOT / "actions" / "actions.py").read_text()))
    from_actions |= set(re.findall(r'FollowupAction\("(utter_\w+)"\)', (ROOT / "actions" / "actions.py").read_text()))
    assert set(DOMAIN["responses"]) | from_actions <= set(known_responses())


def test_every_topic_intent_has_a_content_topic():
    assert set(TOPIC_INTENTS.values()) <= set(INTENT_CATALOG)


def test_catalogs_are_complete_in_every_language():
    assert check_catalogs(ROOT / "locales") == []


def test_content_check_passes():
    assert check(Settings()) == []


def nlu_examples(code: str) -> dict[str, int]:
    counts: dict[str, int] = {}
    for path in sorted((ROOT / "bot" / "data" / "nlu" / code).glob("*.yml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            lines = [line for line in str(block["examples"]).splitlines() if line.strip().startswith("- ")]
            counts[block["intent"]] = counts.get(block["intent"], 0) + len(lines)
    return counts


def test_every_language_has_training_data_for_every_intent():
    from lantern.languages import LanguageRegistry

    for code in LanguageRegistry(ROOT / "locales").codes:
        counts = nlu_examples(code)
        thin = {intent: counts.get(intent, 0) for intent in INTENT_CATALOG if counts.get(intent, 0) < 15}
        assert not thin, f"{code}: fewer than 15 examples for {thin}"
        assert (ROOT / "tests" / "nlu" / f"{code}.yml").exists(), f"{code}: no held-out test set"


def _comparable(text: str) -> str:
    return " ".join(text.casefold().split()).strip(" ?!.,؟。？！")


def test_held_out_examples_are_not_in_the_training_data():
    from lantern.evaluation import held_out_examples

    training = set()
    for path in (ROOT / "bot" / "data" / "nlu").glob("*/*.yml"):
        for block in yaml.safe_load(path.read_text(encoding="utf-8")).get("nlu", []):
            training |= {_comparable(line.strip()[2:]) for line in str(block["examples"]).splitlines() if line.strip()}
    leaked = sorted({e.text for e in held_out_examples() if _comparable(e.text) in training})
    assert not leaked, f"held-out examples also in bot/data/nlu: {leaked}"
