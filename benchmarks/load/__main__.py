"""`python -m benchmarks.load '<LoadSpec JSON>'`: runs the load, prints MEASURE_START and
MEASURE_END around the measured window, then `RESULT <LoadResult JSON>` as the last line."""

from __future__ import annotations

import sys
from collections.abc import Awaitable, Callable

import msgspec

from benchmarks.load import grpc_streams, held_streams, http_streams, http_unary
from benchmarks.load.spec import Kind, LoadResult, LoadSpec
from benchmarks.loops import run

RUNNERS: dict[Kind, Callable[[LoadSpec], Awaitable[LoadResult]]] = {
    "http_stream": http_streams.run,
    "http_unary": http_unary.run,
    "grpc_stream": grpc_streams.run,
    "held_streams": held_streams.run,
}


def main() -> None:
    spec = msgspec.json.decode(sys.argv[1], type=LoadSpec)
    result = run(_run(spec))
    print("RESULT " + msgspec.json.encode(result).decode(), flush=True)


async def _run(spec: LoadSpec) -> LoadResult:
    return await RUNNERS[spec.kind](spec)


if __name__ == "__main__":
    main()
