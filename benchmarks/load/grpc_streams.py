"""gRPC InferenceService/StreamChat (grpclib, one HTTP/2 connection, `concurrency` streams
in flight). A stream counts when it relays every text delta and ends with Finish."""

from __future__ import annotations

import asyncio
import time

from grpclib.client import Channel
from grpclib.exceptions import GRPCError, StreamTerminatedError

from benchmarks.load.spec import LoadResult, LoadSpec
from benchmarks.load.window import Window
from integration_api.entrypoints.grpc.generated.integration.v1 import (
    inference_grpc,
    inference_pb2,
)


def chat_request(model: str) -> inference_pb2.ChatRequest:
    text = inference_pb2.ContentPart(text=inference_pb2.TextPart(text="Say hello."))
    message = inference_pb2.Message(role=inference_pb2.ROLE_USER, content=[text])
    return inference_pb2.ChatRequest(model=model, messages=[message])


async def one_stream(
    stub: inference_grpc.InferenceServiceStub,
    request: inference_pb2.ChatRequest,
    spec: LoadSpec,
    window: Window,
) -> None:
    started = time.perf_counter()
    ttft: float | None = None
    deltas = 0
    finished = False
    try:
        async with stub.StreamChat.open(metadata=spec.headers, timeout=spec.timeout) as stream:
            await stream.send_message(request, end=True)
            async for event in stream:
                kind = event.WhichOneof("event")
                if kind == "text_delta":
                    deltas += 1
                    if ttft is None:
                        ttft = time.perf_counter() - started
                elif kind == "finish":
                    finished = True
    except GRPCError as exc:
        window.error(f"grpc_{exc.status.name}")
        return
    except (StreamTerminatedError, ConnectionError, TimeoutError) as exc:
        window.error(type(exc).__name__)
        await asyncio.sleep(0.05)
        return
    if deltas != spec.expected_tokens or not finished:
        window.error("incomplete")
    else:
        window.ok(started, ttft)


async def run(spec: LoadSpec) -> LoadResult:
    window = Window(spec.warmup, spec.duration)
    host, _, port = spec.target.rpartition(":")
    channel = Channel(host, int(port))
    stub = inference_grpc.InferenceServiceStub(channel)
    request = chat_request(spec.model)

    async def loop() -> None:
        while window.open:
            await one_stream(stub, request, spec, window)

    try:
        announcer = asyncio.create_task(window.announce())
        await asyncio.gather(*(loop() for _ in range(spec.concurrency)))
        await announcer
    finally:
        channel.close()
    return window.result(streams=True)
