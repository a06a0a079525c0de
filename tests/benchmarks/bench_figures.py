"""What the benchmark's figures say against DESIGN.md section 10: summaries and README rows."""

from __future__ import annotations

import statistics
from typing import Any

FRAME_MS = 16.0
RATIO_TARGET = 1.5


def _cases(figures: dict[str, Any], prefix: str) -> dict[str, dict[str, Any]]:
    """The queue cases stored under ``prefix`` (``queues.window.``), by case name."""
    return {
        key[len(prefix) :]: value
        for key, value in figures.items()
        if key.startswith(prefix) and isinstance(value, dict) and "click_ms" in value
    }


def queue_summary(cases: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Worst and typical click-to-paint and service/raw figures of a run of queue cases."""
    if not cases:
        return {}
    found: dict[str, Any] = {"cases": len(cases)}
    if isinstance(next(iter(cases.values()))["click_ms"], float):  # a cold run: one click each
        clicks = sorted(c["click_ms"] for c in cases.values())
        found["click_ms_p50_p95_max"] = [_median(clicks), _p95(clicks), clicks[-1]]
        found["click_worst"] = max(cases, key=lambda n: cases[n]["click_ms"])
        found["cases_over_frame"] = sum(c > FRAME_MS for c in clicks)
        return found
    for what in ("click", "click_cpu"):
        worst = max(cases, key=lambda n: cases[n][f"{what}_ms"][1])
        p95s = [c[f"{what}_ms"][1] for c in cases.values()]
        found[f"{what}_p95_worst"] = [worst, cases[worst][f"{what}_ms"][1]]
        found[f"{what}_p95_median"] = _median(p95s)
        found[f"{what}_cases_over_frame"] = sum(p > FRAME_MS for p in p95s)
    for what in ("ratio", "ratio_cpu"):
        ratios = {n: c[f"{what}_p50"] for n, c in cases.items() if c.get(f"{what}_p50")}
        if ratios:
            worst = max(ratios, key=lambda n: ratios[n])
            found[f"{what}_p50_worst"] = [worst, ratios[worst]]
            found[f"{what}_p50_median"] = _median(list(ratios.values()))
            found[f"{what}_cases_over_target"] = sum(r > RATIO_TARGET for r in ratios.values())
    return found


def _median(values: list[float]) -> float:
    return round(statistics.median(values), 2)


def _p95(ordered: list[float]) -> float:
    return round(ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))], 2)


def summary(figures: dict[str, Any]) -> dict[str, Any]:
    """Summaries of every queue run (warm, tall, cold, and the curve's sizes)."""
    found: dict[str, Any] = {}
    labels = {"window", "tall", "cold", "supervisor"}
    for label in sorted(labels):
        for key, value in queue_summary(_cases(figures, f"queues.{label}.")).items():
            found[f"summary.queues.{label}.{key}"] = value
    sizes = {k.split(".")[1] for k in figures if k.startswith("curve.") and k.count(".") > 2}
    slowest = found.get("summary.queues.window.click_p95_worst", [None])[0]
    for size in sorted(sizes, key=int):
        cases = _cases(figures, f"curve.{size}.")
        for key, value in queue_summary(cases).items():
            found[f"summary.curve.{size}.{key}"] = value
        if slowest in cases:
            found[f"summary.curve.{size}.slowest_at_full_size_ms"] = cases[slowest]["click_ms"]
    return found


def markdown(figures: dict[str, Any]) -> str:
    """README rows (Markdown table body) for the figures that have a row."""
    rows = [
        "| what | measured | load (1 min, before → after) |",
        "|---|---|---|",
    ]
    for key, value in sorted(figures.items()):
        headline = key.startswith(("summary.", "startup.warm_", "startup.cold_s", "memory."))
        timing = key.endswith(("ms_p50_p95", ".seconds", "_s"))
        if headline or (timing and not key.startswith(("queues.", "curve."))):
            rows.append(f"| `{key}` | {value} | {_load_of(figures, key)} |")
    return "\n".join(rows) + "\n"


def _load_of(figures: dict[str, Any], key: str) -> str:
    parts = key.split(".")
    for cut in range(len(parts), 0, -1):
        loads = figures.get(".".join(parts[:cut]) + ".load_1m_before_after")
        if loads:
            return f"{loads[0]} → {loads[1]}"
    section = {"summary": "queues", "memory": "startup"}.get(parts[0], parts[0])
    if parts[0] == "summary" and len(parts) > 2:
        loads = figures.get(f"{parts[1]}.{parts[2]}.load_1m_before_after")
        if loads:
            return f"{loads[0]} → {loads[1]}"
    loads = figures.get(f"{section}.load_1m_before_after")
    return f"{loads[0]} → {loads[1]}" if loads else ""
