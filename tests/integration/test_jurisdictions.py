"""Country packs: the answer follows the person's country (Twilio's FromCountry, or the web chat's
country choice), topic by topic, and falls back to the international baseline."""

from __future__ import annotations

import httpx
import pytest

from lantern.content import BASELINE, TOPIC_INTENTS, load_content
from tests.integration.helpers import sms

pytestmark = pytest.mark.integration

PACKS = {"th": "+66810000001", "kh": "+85510000001", "vn": "+84910000001", "mm": "+95910000001",
         "la": "+85620000001", "gb": "+447911123456"}  # fmt: skip


def own_and_baseline(settings, jurisdiction: str, channel: str = "sms") -> tuple[str, str, str]:
    """A topic the pack answers itself, with the pack's and the baseline's English answers."""
    content = load_content(settings.content_dir)
    topic = sorted(t for (j, t), e in content.entries.items() if j == jurisdiction and not e.general_only)[0]
    own = getattr(content.entries[(jurisdiction, topic)].text["en"], channel)
    return topic, own, getattr(content.entries[(BASELINE, topic)].text["en"], channel)


@pytest.mark.parametrize("jurisdiction", sorted(PACKS))
def test_an_sms_from_a_country_with_a_pack_gets_that_countrys_answer(stack, jurisdiction):
    topic, own, baseline = own_and_baseline(stack, jurisdiction)
    assert own != baseline
    first_page = " ".join(sms(stack, PACKS[jurisdiction], f"/{TOPIC_INTENTS[topic]}", FromCountry=jurisdiction.upper()))
    assert own[:40] in first_page


def test_a_country_without_a_pack_gets_the_international_answer(stack):
    content = load_content(stack.content_dir)
    baseline = content.entries[(BASELINE, "rights")].text["en"].sms
    assert baseline[:40] in " ".join(sms(stack, "+33612345678", "/ask_rights", FromCountry="FR"))


def test_the_web_chat_answers_for_the_country_the_person_chooses(stack):
    topic, own, _ = own_and_baseline(stack, "gb", "web")

    def ask(country: str | None) -> str:
        body = {"text": f"/{TOPIC_INTENTS[topic]}", "country": country, "language": "en"}
        reply = httpx.post(f"{stack.gateway_url}/api/chat", json=body, timeout=30)
        assert reply.status_code == 200, reply.text
        return reply.json()["messages"][0]["text"]

    assert own[:40] not in ask(None)
    assert own[:40] in ask("gb")
    page = httpx.get(f"{stack.gateway_url}/?lang=fr", timeout=30).text
    assert 'id="country"' in page and "Royaume-Uni" in page and "Thaïlande" in page


def test_a_country_value_that_is_not_a_code_is_refused_clearly(stack):
    reply = httpx.post(f"{stack.gateway_url}/api/chat", json={"text": "hi", "country": "../etc"}, timeout=30)
    assert reply.status_code == 422


def test_a_topic_the_pack_has_nothing_specific_on_gets_the_general_answer_and_says_so(stack):
    content = load_content(stack.content_dir)
    topic = sorted(t for (j, t), e in content.entries.items() if j == "gb" and e.general_only)[0]
    baseline = content.entries[(BASELINE, topic)].text["en"].sms
    said = " ".join(sms(stack, "+447911654321", f"/{TOPIC_INTENTS[topic]}", FromCountry="GB"))
    said += " " + " ".join(sms(stack, "+447911654321", "more"))
    assert baseline[:40] in said
    assert "no checked details for United Kingdom" in said
