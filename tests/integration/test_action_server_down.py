"""With the action server down, answers that need no action still come, and the rest get an apology
in the person's language, quickly; the gateway keeps serving."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from lantern.i18n import translate
from lantern.responses import TEXTS
from lantern.settings import Settings
from tests.conftest import running_stack, stack_settings
from tests.integration.helpers import all_text, chat, content_text

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def stack_without_actions(tmp_path_factory, trained_model: Path) -> Iterator[Settings]:
    with running_stack(stack_settings(tmp_path_factory.mktemp("no-actions")), trained_model) as running:
        actions = running.processes["actions"]
        os.killpg(actions.pid, signal.SIGTERM)
        actions.wait(timeout=15)
        yield running.settings


def test_rule_answers_still_come(stack_without_actions):
    reply = chat(stack_without_actions, "i need a safe place to sleep tonight")
    assert content_text(stack_without_actions, "shelter", "en").web in all_text(reply)


def test_answers_that_need_an_action_get_an_apology_in_time(stack_without_actions):
    started = time.monotonic()
    reply = chat(stack_without_actions, "ขอคุยกับเจ้าหน้าที่หน่อยค่ะ")
    assert time.monotonic() - started < 5
    apology = translate(stack_without_actions.locales_dir, "th", TEXTS["utter_service_unavailable"])
    assert apology in all_text(reply)
