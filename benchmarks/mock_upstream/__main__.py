"""`python -m benchmarks.mock_upstream [--port 0] [--dimensions 1536] [--chunks 20]
[--delay 0.01] [--profile MODEL=CHUNKS:DELAY ...]`: prints `listening <port>` and serves
on 127.0.0.1 until SIGTERM/SIGINT."""

from __future__ import annotations

import argparse
import asyncio
import signal

from benchmarks.loops import run
from benchmarks.mock_upstream.server import MockConfig, MockServer
from benchmarks.mock_upstream.wire import StreamProfile


def parse_profile(text: str) -> tuple[str, StreamProfile]:
    model, _, spec = text.partition("=")
    chunks, _, delay = spec.partition(":")
    return model, StreamProfile(chunks=int(chunks), delay=float(delay))


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.mock_upstream")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--dimensions", type=int, default=1536)
    parser.add_argument("--chunks", type=int, default=20)
    parser.add_argument("--delay", type=float, default=0.010)
    parser.add_argument("--profile", type=parse_profile, action="append", default=[])
    args = parser.parse_args()
    config = MockConfig(
        dimensions=args.dimensions,
        default_stream=StreamProfile(chunks=args.chunks, delay=args.delay),
        profiles=dict(args.profile),
    )
    run(serve(config, args.port))


async def serve(config: MockConfig, port: int) -> None:
    server = MockServer(config)
    bound = await server.start(port=port)
    print(f"listening {bound}", flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    await stop.wait()
    await server.stop()


if __name__ == "__main__":
    main()
