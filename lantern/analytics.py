"""`lantern analytics`: counts per day from the structured logs, for operators and funders.

Only aggregates leave: turns per channel and language, safety routes, caseworker requests by reason,
consent answers by purpose, erasures, and the median turn time. No pseudonymous id, no text.
"""

from __future__ import annotations

import datetime as dt
import json
import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from pathlib import Path

# Log event -> how it is counted: the fields that make up its key.
COUNTED: dict[str, tuple[str, ...]] = {
    "turn": ("channel", "language"),
    "safety_route": ("status",),
    "handoff_requested": ("status",),
    "consent": ("purpose", "status"),
    "erased": ("channel",),
}


def log_records(log_dir: Path) -> Iterator[dict]:
    for path in sorted(log_dir.glob("*.log")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("{"):
                try:
                    yield json.loads(line)
                except ValueError:
                    continue


def aggregate(records: Iterable[dict]) -> dict[str, dict]:
    counts: dict[str, dict[str, Counter[str]]] = defaultdict(lambda: defaultdict(Counter))
    timings: dict[str, list[float]] = defaultdict(list)
    for record in records:
        event = record.get("event")
        if event not in COUNTED or not isinstance(record.get("ts"), int | float):
            continue
        day = dt.datetime.fromtimestamp(record["ts"], dt.UTC).date().isoformat()
        key = "/".join(str(record.get(field, "-")) for field in COUNTED[event])
        counts[day][event][key] += 1
        if event == "turn" and isinstance(record.get("elapsed_ms"), int | float):
            timings[day].append(record["elapsed_ms"])
    return {
        day: {
            **{event: dict(sorted(counter.items())) for event, counter in sorted(events.items())},
            "median_turn_ms": statistics.median(timings[day]) if timings[day] else None,
        }
        for day, events in sorted(counts.items())
    }


def export(log_dir: Path, target: Path) -> dict[str, dict]:
    report = aggregate(log_records(log_dir))
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    return report
