"""The load generator's asyncio clients, run in their own process by `python -m
benchmarks.load '<LoadSpec as JSON>'` (wrk, when installed, drives the unary scenarios)."""
