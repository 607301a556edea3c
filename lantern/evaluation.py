"""`lantern nlu-eval`: per-language intent accuracy and macro F1 on the held-out split (tests/nlu),
for Lantern's pipeline and Rasa's default pipeline side by side, plus language identification on
short messages and SMS segments per reply. Writes var/eval/nlu.json and var/eval/nlu.md."""

from __future__ import annotations

import hashlib
import json
import statistics
import subprocess
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import yaml

from lantern import PROJECT_ROOT
from lantern.content import cached_content
from lantern.langid import detect_language
from lantern.languages import LanguageRegistry
from lantern.responses import ANSWER_PREFIX, RenderContext, known_responses, render
from lantern.settings import Settings
from lantern.sms import segment_count
from lantern.training import rasa_command, rasa_env, train

HELD_OUT = PROJECT_ROOT / "tests" / "nlu"
SHORT_MESSAGE_CHARS = 40
PIPELINES = {"lantern": PROJECT_ROOT / "config.yml", "rasa-default": PROJECT_ROOT / "scripts" / "default_pipeline.yml"}


@dataclass(frozen=True)
class Example:
    language: str
    intent: str
    text: str


def held_out_examples(folder: Path = HELD_OUT) -> list[Example]:
    examples: list[Example] = []
    for path in sorted(folder.glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in data.get("nlu", []):
            for line in str(block.get("examples", "")).splitlines():
                text = line.strip().removeprefix("- ").strip()
                if text:
                    examples.append(Example(path.stem, block["intent"], text))
    return examples


def macro_f1(gold: list[str], predicted: list[str]) -> float:
    labels = sorted(set(gold))
    scores = []
    for label in labels:
        tp = sum(1 for g, p in zip(gold, predicted, strict=True) if g == p == label)
        fp = sum(1 for g, p in zip(gold, predicted, strict=True) if p == label and g != label)
        fn = sum(1 for g, p in zip(gold, predicted, strict=True) if g == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(scores) / len(scores) if scores else 0.0


def _train_nlu(settings: Settings, name: str, config: Path) -> Path:
    digest = hashlib.sha256(config.read_bytes())
    for file in sorted((PROJECT_ROOT / "bot").rglob("*")):
        if file.is_file() and "__pycache__" not in file.parts:
            digest.update(file.read_bytes())
    target = settings.data_dir / "eval" / "models" / f"{name}-{digest.hexdigest()[:16]}.tar.gz"
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(
            rasa_command(settings, "train", "nlu", "--config", str(config), "--nlu", "bot/data/nlu",
                         "--out", str(target.parent), "--fixed-model-name", target.name.removesuffix(".tar.gz")),
            cwd=PROJECT_ROOT, env=rasa_env(), check=True,
        )  # fmt: skip
    return target


def _model_for(settings: Settings, name: str) -> Path:
    """Lantern's own pipeline is the served model's NLU (same config and data, tests/nlu never in it),
    so the served model is evaluated, trained once for both; another pipeline gets an NLU-only model."""
    if name == "lantern":
        return train(settings)
    return _train_nlu(settings, name, PIPELINES[name])


def _classify(settings: Settings, model: Path, texts: list[str]) -> list[str]:
    with tempfile.TemporaryDirectory() as folder:
        source, target = Path(folder, "in.json"), Path(folder, "out.json")
        source.write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
        script = str(PROJECT_ROOT / "scripts" / "rasa_parse_texts.py")
        subprocess.run(
            [str(settings.rasa_python), script, str(model), str(source), str(target)],
            cwd=PROJECT_ROOT, env=rasa_env(), check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        return [r["intent"] for r in json.loads(target.read_text(encoding="utf-8"))]


def intent_scores(
    settings: Settings, examples: list[Example], pipelines: list[str]
) -> dict[str, dict[str, dict[str, float]]]:
    scores: dict[str, dict[str, dict[str, float]]] = {}
    for name in pipelines:
        predicted = _classify(settings, _model_for(settings, name), [e.text for e in examples])
        by_language: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for example, guess in zip(examples, predicted, strict=True):
            by_language[example.language].append((example.intent, guess))
        scores[name] = {
            language: {
                "accuracy": round(sum(g == p for g, p in pairs) / len(pairs), 3),
                "macro_f1": round(macro_f1([g for g, _ in pairs], [p for _, p in pairs]), 3),
                "examples": len(pairs),
            }
            for language, pairs in sorted(by_language.items())
        }
    return scores


def language_id_scores(examples: list[Example], registry: LanguageRegistry, nlu_dir: Path) -> dict[str, float]:
    short = [e for e in examples if len(e.text) <= SHORT_MESSAGE_CHARS and e.language in registry.by_code]
    hits: dict[str, list[bool]] = defaultdict(list)
    for example in short:
        hits[example.language].append(
            detect_language(example.text, registry.languages, nlu_dir).language == example.language
        )
    result = {language: round(sum(v) / len(v), 3) for language, v in sorted(hits.items())}
    result["all"] = round(sum(sum(v) for v in hits.values()) / max(1, sum(len(v) for v in hits.values())), 3)
    return result


def sms_segments(settings: Settings, registry: LanguageRegistry) -> dict[str, dict[str, float]]:
    """Segments of each reply as sent by SMS (answer and next steps, before any paging)."""
    content = cached_content(str(settings.content_dir))
    result: dict[str, dict[str, float]] = {}
    for language in registry.codes:
        ctx = RenderContext(language, "sms", settings.default_jurisdiction, content, settings.locales_dir, registry)
        answers = [segment_count(render(n, ctx).text) for n in known_responses() if n.startswith(ANSWER_PREFIX)]
        short = [segment_count(t.sms) for e in content.entries.values() if (t := e.text.get(language))]
        result[language] = {
            "median_answer_segments": statistics.median(short) if short else 0,
            "median_answer_with_next_steps_segments": statistics.median(answers),
        }
    return result


def markdown(report: dict) -> str:
    lines = [
        "| language | Lantern acc | Lantern macro F1 | default acc | default macro F1 | lang-id (≤40 chars) "
        "| median SMS segments (answer / with next steps) |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    ours, default = report["intent"].get("lantern", {}), report["intent"].get("rasa-default", {})
    missing = {"accuracy": "-", "macro_f1": "-"}
    for language in sorted(ours or default):
        sms = report["sms"].get(language, {})
        lines.append(
            f"| {language} | {ours.get(language, missing)['accuracy']} | {ours.get(language, missing)['macro_f1']} "
            f"| {default.get(language, missing)['accuracy']} | {default.get(language, missing)['macro_f1']} "
            f"| {report['language_id'].get(language, '-')} "
            f"| {sms.get('median_answer_segments', '-')} / {sms.get('median_answer_with_next_steps_segments', '-')} |"
        )
    lines.append(f"\nLanguage identification over all short messages: {report['language_id']['all']}")
    return "\n".join(lines) + "\n"


def run(settings: Settings, pipelines: list[str]) -> dict:
    registry = LanguageRegistry(settings.locales_dir)
    examples = held_out_examples()
    report = {
        "intent": intent_scores(settings, examples, pipelines),
        "language_id": language_id_scores(examples, registry, settings.nlu_data_dir),
        "sms": sms_segments(settings, registry),
    }
    out = settings.data_dir / "eval"
    out.mkdir(parents=True, exist_ok=True)
    (out / "nlu.json").write_text(json.dumps(report, indent=2, ensure_ascii=False))
    (out / "nlu.md").write_text(markdown(report))
    return report
