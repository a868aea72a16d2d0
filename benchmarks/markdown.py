"""The markdown report: header, targets, the results table, held streams, memory, workers
and (with --profile) the top frames."""

from __future__ import annotations

from benchmarks import scenarios as sc
from benchmarks.profile import CaseProfile
from benchmarks.report import results_table, targets_table
from benchmarks.suite import SuiteResult
from benchmarks.targets import evaluate


def as_markdown(result: SuiteResult, machine: dict[str, str]) -> str:
    c = result.config
    lines = [
        "# integration-api overhead benchmark",
        "",
        f"{machine['date']} - {machine['cpu']}, {machine['cores']} cores, Linux "
        f"{machine['kernel']}, Python {machine['python']}, load average at start "
        f"{machine['load_average']}; wrk: {machine['wrk']}.",
        f"Pinning: {result.pinning.describe()}. One worker unless stated. Each case: "
        f"{c.warmup:.0f} s warm-up, {c.duration:.0f} s measured, {c.rounds} round(s) "
        "interleaved with the direct runs; the round with the lowest p50 is shown (all "
        f"rounds are in the JSON). Streams: {sc.STREAM_CHUNKS} "
        f"chunks x {sc.STREAM_DELAY * 1000:.0f} ms; embeddings {sc.EMBED_DIMENSIONS}-d.",
        "",
        "## Targets",
        "",
        *targets_table(evaluate(result)),
        "",
        "## Results (each service row against the direct row of the same case)",
        "",
        *results_table(result.runs),
        "",
        f"Idle RSS of the service after start-up: {result.idle_rss_mb:.1f} MB.",
    ]
    lines += _held(result) + _workers(result)
    if result.profile:
        for profile in result.profile.cases:
            lines += _profile(profile)
    return "\n".join(lines) + "\n"


def _held(result: SuiteResult) -> list[str]:
    if not result.held:
        return []
    lines = [
        "",
        f"## {result.config.hold_streams:,} concurrent streams held open "
        f"({sc.HOLD_PROFILE[0]} chunks x {sc.HOLD_PROFILE[1] * 1000:.0f} ms)",
        "",
        "| path | completed | errors | peak relaying at once | TTFT p50 / p99 ms "
        "| stream p50 / p99 ms | RSS before / peak / after MB |",
        "|---|---|---|---|---|---|---|",
    ]
    for h in result.held:
        r = h.run.result
        ttft = " / ".join(f"{x:.0f}" for x in r.ttft_ms or [])
        total = " / ".join(f"{x:.0f}" for x in r.latency_ms)
        rss = (
            f"{h.rss_before_mb:.0f} / {h.run.peak_rss_mb or 0:.0f} / {h.rss_after_mb or 0:.0f}"
            if h.rss_before_mb is not None
            else "-"
        )
        errors = f"{r.errors} {r.error_kinds}" if r.errors else "0"
        lines.append(
            f"| {h.run.case.surface} | {r.requests} | {errors} | {r.peak_open} | {ttft} "
            f"| {total} | {rss} |"
        )
    return lines


def _workers(result: SuiteResult) -> list[str]:
    if result.workers is None:
        return []
    return [
        "",
        "## --workers 2 (chat c=64, REST)",
        "",
        "Two workers get both cores (the load core too; there is no third core), so the "
        "ratio is bounded by the CPU the mock and wrk leave free.",
        "",
        *results_table([result.workers]),
    ]


def _profile(profile: CaseProfile) -> list[str]:
    lines = ["", f"## Profile: {profile.case} ({profile.samples} samples)", ""]
    for title, shares in (
        ("busy samples by thread", profile.threads),
        ("own time by package", profile.packages),
        ("own time by frame", profile.own),
        ("inclusive time by frame", profile.inclusive),
    ):
        lines += [f"**{title}**", "", "| share | frame |", "|---|---|"]
        lines += [f"| {s.share * 100:.1f}% | `{s.name}` |" for s in shares]
        lines.append("")
    return lines
