"""The results as JSON and as markdown tables (every service figure next to its direct
twin's, so each ratio can be recomputed), and the quick run's headline lines."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from benchmarks.compare import Comparison, compare
from benchmarks.runs import Run
from benchmarks.suite import Held, SuiteResult
from benchmarks.targets import Verdict, evaluate

RESULT_COLUMNS = (
    "| case | path | load | req/s | p50 ms | p99 ms | TTFT p50 | TTFT p99 | errors "
    "| CPU ms/req | peak RSS MB | req/s vs direct | +p50 ms | +p99 ms | +TTFT p50 ms |"
)


def as_json(result: SuiteResult, machine: dict[str, str]) -> dict[str, Any]:
    comparisons = compare(result.runs)
    return {
        "machine": machine,
        "pinning": result.pinning.describe(),
        "config": {**asdict(result.config), "out": str(result.config.out)},
        "idle_rss_mb": result.idle_rss_mb,
        "runs": [_run_json(r) for r in result.runs],
        "all_rounds": [_run_json(r) for r in result.all_rounds],
        "comparisons": [_comparison_json(c) for c in comparisons],
        "held_streams": [_held_json(h) for h in result.held],
        "workers_2": _run_json(result.workers) if result.workers else None,
        "targets": [asdict(v) for v in evaluate(result)],
        "profile": asdict(result.profile) if result.profile else None,
    }


def _run_json(run: Run) -> dict[str, Any]:
    r = run.result
    return {
        "case": run.case.name,
        **asdict(run.case),
        "tool": run.tool,
        "requests": r.requests,
        "errors": r.errors,
        "error_kinds": r.error_kinds,
        "seconds": r.seconds,
        "requests_per_second": r.rate,
        "latency_p50_ms": r.latency_ms[0] if r.latency_ms else None,
        "latency_p99_ms": r.latency_ms[1] if r.latency_ms else None,
        "ttft_p50_ms": r.ttft_ms[0] if r.ttft_ms else None,
        "ttft_p99_ms": r.ttft_ms[1] if r.ttft_ms else None,
        "peak_open_streams": r.peak_open,
        "service_cpu_ms_per_request": run.cpu_ms_per_request,
        "service_peak_rss_mb": run.peak_rss_mb,
        "mock_cpu_ms_per_request": run.mock_cpu_ms_per_request,
    }


def _held_json(held: Held) -> dict[str, Any]:
    return {
        "run": _run_json(held.run),
        "rss_before_mb": held.rss_before_mb,
        "rss_after_mb": held.rss_after_mb,
    }


def _comparison_json(c: Comparison) -> dict[str, Any]:
    return {
        "case": c.run.case.name,
        "direct_case": c.direct.case.name,
        "rate_ratio": c.rate_ratio,
        "added_p50_ms": c.added_p50_ms,
        "added_p99_ms": c.added_p99_ms,
        "added_ttft_p50_ms": c.added_ttft_p50_ms,
    }


def _f(value: float | None, spec: str = ".2f") -> str:
    return "-" if value is None else format(value, spec)


def _result_row(run: Run, c: Comparison | None) -> str:
    r, case = run.result, run.case
    none: list[float | None] = [None, None]
    lat: list[float | None] = [*r.latency_ms] or none
    ttft: list[float | None] = [*(r.ttft_ms or [])] or none
    cells = [
        f"{case.group} c={case.concurrency}" + (f" w={case.workers}" if case.workers > 1 else ""),
        case.surface,
        run.tool,
        _f(r.rate, ",.0f"),
        _f(lat[0]),
        _f(lat[1]),
        _f(ttft[0]),
        _f(ttft[1]),
        str(r.errors),
        _f(run.cpu_ms_per_request),
        _f(run.peak_rss_mb, ".0f"),
        _f(c.rate_ratio, ".3f") if c else "",
        _f(c.added_p50_ms, "+.2f") if c else "",
        _f(c.added_p99_ms, "+.2f") if c else "",
        _f(c.added_ttft_p50_ms, "+.2f") if c else "",
    ]
    return "| " + " | ".join(cells) + " |"


def results_table(runs: list[Run]) -> list[str]:
    by_run = {id(c.run): c for c in compare(runs)}
    lines = [RESULT_COLUMNS, "|" + "---|" * (RESULT_COLUMNS.count("|") - 1)]
    lines += [_result_row(run, by_run.get(id(run))) for run in runs]
    return lines


def targets_table(verdicts: list[Verdict]) -> list[str]:
    marks = {True: "met", False: "NOT met", None: "not measured"}
    lines = ["| target | path | measured | verdict |", "|---|---|---|---|"]
    lines += [f"| {v.target} | {v.path} | {v.measured} | {marks[v.met]} |" for v in verdicts]
    return lines
