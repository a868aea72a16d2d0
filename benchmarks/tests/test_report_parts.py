"""The pieces that turn raw figures into the report: wrk's output, percentiles, and the
package a profiled frame belongs to."""

from __future__ import annotations

from benchmarks import wrk
from benchmarks.profile import package_of
from benchmarks.stats import percentiles

WRK_OUTPUT = """Running 5s test @ http://127.0.0.1:1/v1/chat
  1 threads and 16 connections
WRKJSON {"requests":10100,"duration_us":5000000,"p50_us":1500,"p99_us":9000,"status":100,"socket":0}
"""


def test_wrk_output_becomes_a_result_without_the_non_2xx_answers() -> None:
    result = wrk.parse(WRK_OUTPUT)
    assert result.requests == 10_000 and result.errors == 100
    assert result.rate == 2_000.0
    assert result.latency_ms == [1.5, 9.0]


def test_percentiles_are_nearest_rank_in_milliseconds() -> None:
    assert percentiles([i / 1000 for i in range(1, 101)]) == [50.0, 99.0]
    assert percentiles([]) == []


def test_frames_are_attributed_to_their_package() -> None:
    assert package_of("handle (litestar/routes/http.py)") == "litestar"
    assert package_of("chat (/work/main/src/adapters/providers/openai/chat.py)") == (
        "integration_api"
    )
    assert package_of("run (asyncio/events.py)") == "asyncio"
