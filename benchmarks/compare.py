"""Each service run against its direct twin from the same run."""

from __future__ import annotations

from dataclasses import dataclass

from benchmarks.runs import Run


@dataclass
class Comparison:
    run: Run
    direct: Run

    @property
    def rate_ratio(self) -> float | None:
        direct = self.direct.result.rate
        return self.run.result.rate / direct if direct else None

    @property
    def added_p50_ms(self) -> float | None:
        return _added(self.run.result.latency_ms, self.direct.result.latency_ms, 0)

    @property
    def added_p99_ms(self) -> float | None:
        return _added(self.run.result.latency_ms, self.direct.result.latency_ms, 1)

    @property
    def added_ttft_p50_ms(self) -> float | None:
        return _added(self.run.result.ttft_ms, self.direct.result.ttft_ms, 0)


def _added(service: list[float] | None, direct: list[float] | None, index: int) -> float | None:
    if not service or not direct:
        return None
    return service[index] - direct[index]


def compare(runs: list[Run]) -> list[Comparison]:
    """Service runs paired with the direct run of the same group and concurrency."""
    direct = {(r.case.group, r.case.concurrency): r for r in runs if r.case.surface == "direct"}
    return [
        Comparison(run=r, direct=direct[(r.case.group, r.case.concurrency)])
        for r in runs
        if r.case.surface != "direct" and (r.case.group, r.case.concurrency) in direct
    ]
