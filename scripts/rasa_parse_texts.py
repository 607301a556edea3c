"""Run inside the Rasa environment: classify texts with a trained model, without a language hint.

Reads a JSON list of texts from the file named by argv[2], writes a JSON list of
{"intent": name, "confidence": float} (intent before any fallback) to argv[3].
"""

from __future__ import annotations

import asyncio
import json
import sys


async def classify(model_path: str, texts: list[str]) -> list[dict]:
    from rasa.core.agent import Agent

    agent = Agent.load(model_path)
    results = []
    for text in texts:
        parsed = await agent.parse_message(text)
        ranking = parsed.get("intent_ranking") or [parsed.get("intent") or {}]
        best = next((r for r in ranking if r.get("name") != "nlu_fallback"), ranking[0])
        results.append({"intent": best.get("name"), "confidence": float(best.get("confidence") or 0.0)})
    return results


def main() -> None:
    model_path, source, target = sys.argv[1:4]
    with open(source, encoding="utf-8") as handle:
        texts = json.load(handle)
    results = asyncio.run(classify(model_path, texts))
    with open(target, "w", encoding="utf-8") as handle:
        json.dump(results, handle, ensure_ascii=False)


if __name__ == "__main__":
    main()
