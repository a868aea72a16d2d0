"""The targets of issue 5, each checked against this run's figures. A target that was not
measured (a quick run, a failed case) says so instead of passing."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from benchmarks.compare import Comparison, compare
from benchmarks.scenarios import WORKERS_CASE, Case
from benchmarks.suite import SuiteResult

RSS_NEAR_START_MB = 20.0  # "back near its start" after the held streams


@dataclass
class Verdict:
    target: str
    path: str
    measured: str
    met: bool | None  # None: not measured


def _per_surface(
    title: str, group: str, concurrency: int, check: Callable[[Comparison], tuple[str, bool]]
) -> Callable[[SuiteResult, list[Comparison]], list[Verdict]]:
    def verdicts(result: SuiteResult, comparisons: list[Comparison]) -> list[Verdict]:
        chosen = [
            c
            for c in comparisons
            if c.run.case.group == group
            and c.run.case.concurrency == concurrency
            and c.run.case.workers == 1
        ]
        if not chosen:
            return [Verdict(title, "-", "not measured", None)]
        return [Verdict(title, c.run.case.surface, *check(c)) for c in chosen]

    return verdicts


def _added_p50(c: Comparison) -> tuple[str, bool]:
    added = c.added_p50_ms
    return (f"{added:+.2f} ms" if added is not None else "n/a"), added is not None and added <= 1.0


def _rate_at_least(floor: float) -> Callable[[Comparison], tuple[str, bool]]:
    def check(c: Comparison) -> tuple[str, bool]:
        rate = c.run.result.rate
        return f"{rate:,.0f} req/s", rate >= floor and c.run.result.errors == 0

    return check


def _p99_at_most(ceiling: float) -> Callable[[Comparison], tuple[str, bool]]:
    def check(c: Comparison) -> tuple[str, bool]:
        p99 = c.run.result.latency_ms[1] if c.run.result.latency_ms else None
        return (f"{p99:.1f} ms" if p99 is not None else "n/a"), p99 is not None and p99 <= ceiling

    return check


def _added_ttft(c: Comparison) -> tuple[str, bool]:
    added = c.added_ttft_p50_ms
    return (f"{added:+.2f} ms" if added is not None else "n/a"), added is not None and added <= 1.5


def _stream_ratio(c: Comparison) -> tuple[str, bool]:
    ratio = c.rate_ratio
    measured = f"{ratio:.3f} x direct ({c.run.result.rate:.0f}/s)" if ratio else "n/a"
    return measured, ratio is not None and ratio >= 0.95 and c.run.result.errors == 0


def _idle(result: SuiteResult, _: list[Comparison]) -> list[Verdict]:
    rss = result.idle_rss_mb
    return [Verdict("idle RSS <= 100 MB", "service", f"{rss:.1f} MB", rss <= 100.0)]


def _held(result: SuiteResult, _: list[Comparison]) -> list[Verdict]:
    title = f"1,000 concurrent streams: 0 errors, RSS back within {RSS_NEAR_START_MB:.0f} MB"
    served = [h for h in result.held if h.run.case.surface != "direct"]
    if not served:
        return [Verdict(title, "-", "not measured", None)]
    verdicts = []
    for h in served:
        before, after, run = h.rss_before_mb or 0.0, h.rss_after_mb or 0.0, h.run
        measured = (
            f"{run.result.errors} errors of {run.case.concurrency}; peak {run.result.peak_open} "
            f"relaying at once; RSS {before:.0f} -> {run.peak_rss_mb or 0:.0f} -> {after:.0f} MB"
        )
        met = run.result.errors == 0 and after - before <= RSS_NEAR_START_MB
        verdicts.append(Verdict(title, run.case.surface, measured, met))
    return verdicts


def _workers(result: SuiteResult, _: list[Comparison]) -> list[Verdict]:
    title = "--workers 2 scales chat c=64 by >= 1.6x"
    w = WORKERS_CASE
    one = next((r for r in result.runs if r.case == Case(w.group, w.surface, w.concurrency)), None)
    if result.workers is None or one is None or not one.result.rate:
        return [Verdict(title, w.surface, "not measured", None)]
    ratio = result.workers.result.rate / one.result.rate
    measured = f"{ratio:.2f}x ({one.result.rate:,.0f} -> {result.workers.result.rate:,.0f} req/s)"
    return [Verdict(title, w.surface, measured, ratio >= 1.6 and result.workers.result.errors == 0)]


CHECKS = [
    _per_surface("chat c=1: added p50 <= 1.0 ms", "chat", 1, _added_p50),
    _per_surface("chat c=16: >= 2,000 req/s", "chat", 16, _rate_at_least(2000.0)),
    _per_surface("chat c=64: p99 <= 60 ms", "chat", 64, _p99_at_most(60.0)),
    _per_surface("stream c=1: added TTFT p50 <= 1.5 ms", "stream", 1, _added_ttft),
    _per_surface("stream c=64: >= 0.95 x direct streams/s", "stream", 64, _stream_ratio),
    _per_surface("embeddings c=16: >= 1,000 req/s", "embed", 16, _rate_at_least(1000.0)),
    _idle,
    _held,
    _workers,
]


def evaluate(result: SuiteResult) -> list[Verdict]:
    comparisons = compare(result.runs)
    return [v for check in CHECKS for v in check(result, comparisons)]
