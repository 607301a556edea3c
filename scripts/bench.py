"""Per-turn latency and throughput of /api/chat and of Rasa's own REST channel, same model, one run.

Starts the real stack on free loopback ports, sends a bounded number of turns at concurrency 1 and 10
to each target, and writes var/bench/latest.json and var/bench/latest.md. Run with `make bench`.
"""

from __future__ import annotations

import asyncio
import json
import os
import platform
import secrets
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from lantern.catalogs import compile_catalogs  # noqa: E402
from lantern.cli import migrate_database  # noqa: E402
from lantern.settings import Settings  # noqa: E402
from lantern.stack import Stack  # noqa: E402
from lantern.training import train  # noqa: E402

MESSAGES = [
    ("en", "i need a safe place to sleep"),
    ("en", "can i get a lawyer"),
    ("en", "my boss has my passport"),
    ("en", "hello"),
    ("th", "อยากได้ที่พักที่ปลอดภัย"),
    ("th", "ต้องการทนายความ"),
    ("th", "สวัสดีค่ะ"),
    ("th", "นายจ้างไม่จ่ายเงินเดือน"),
]
TURNS = {1: 80, 10: 200}
WARMUP = 10


def _free_port() -> int:
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def _one_turn(client: httpx.AsyncClient, target: str, settings: Settings, index: int) -> float:
    language, text = MESSAGES[index % len(MESSAGES)]
    started = time.perf_counter()
    if target == "gateway /api/chat":
        response = await client.post(
            f"{settings.gateway_url}/api/chat", json={"session": None, "text": text, "language": None}
        )
    else:
        response = await client.post(
            f"{settings.rasa_url}/webhooks/rest/webhook",
            json={
                "sender": f"bench-{secrets.token_hex(8)}",
                "message": text,
                "metadata": {"language": language, "channel": "web", "jurisdiction": "intl"},
            },
        )
    response.raise_for_status()
    return time.perf_counter() - started


async def _measure(target: str, settings: Settings, concurrency: int, turns: int) -> dict:
    latencies: list[float] = []
    queue = iter(range(turns))
    async with httpx.AsyncClient(timeout=30) as client:
        for index in range(WARMUP):
            await _one_turn(client, target, settings, index)

        async def worker() -> None:
            for index in queue:
                latencies.append(await _one_turn(client, target, settings, index))

        started = time.perf_counter()
        await asyncio.gather(*(worker() for _ in range(concurrency)))
        elapsed = time.perf_counter() - started
    ordered = sorted(latencies)
    return {
        "target": target,
        "concurrency": concurrency,
        "turns": turns,
        "p50_ms": round(statistics.median(ordered) * 1000, 1),
        "p95_ms": round(ordered[int(0.95 * (len(ordered) - 1))] * 1000, 1),
        "throughput_per_s": round(turns / elapsed, 1),
    }


def _markdown(results: list[dict]) -> str:
    lines = [
        "| target | concurrency | turns | p50 ms | p95 ms | turns/s |",
        "| --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in results:
        cells = [r["target"], r["concurrency"], r["turns"], r["p50_ms"], r["p95_ms"], r["throughput_per_s"]]
        lines.append("| " + " | ".join(str(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def main() -> int:
    os.environ.setdefault("LANTERN_PSEUDONYM_KEY", secrets.token_urlsafe(16))
    os.environ.setdefault("LANTERN_RASA_TOKEN", secrets.token_urlsafe(16))
    with tempfile.TemporaryDirectory(prefix="lantern-bench-") as data_dir:
        settings = Settings(
            data_dir=Path(data_dir),
            gateway_port=_free_port(),
            rasa_port=_free_port(),
            action_port=_free_port(),
            rate_limit_per_minute=100_000,
        )
        compile_catalogs(settings.locales_dir)
        migrate_database(settings)
        stack = Stack(settings, train(Settings()), Path(data_dir) / "logs")
        stack.start()
        try:
            results = [
                asyncio.run(_measure(target, settings, concurrency, turns))
                for target in ("gateway /api/chat", "rasa REST channel")
                for concurrency, turns in TURNS.items()
            ]
        finally:
            stack.stop()
    out = ROOT / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    report = {"machine": {"cpus": os.cpu_count(), "python": platform.python_version()}, "results": results}
    (out / "latest.json").write_text(json.dumps(report, indent=2))
    (out / "latest.md").write_text(_markdown(results))
    print(_markdown(results))
    print(f"written: {out / 'latest.json'} and {out / 'latest.md'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
