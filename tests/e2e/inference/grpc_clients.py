"""The two gRPC clients: grpclib (the service's own generated stubs) and grpcio (stubs
generated from proto/ with grpc_tools.protoc, as any other team would), plus the requests
both send."""

from __future__ import annotations

import importlib
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import grpc
import grpc_tools
from google.protobuf.struct_pb2 import Struct
from grpc_tools import protoc
from grpclib.client import Channel

from e2e.inference.events import Event, from_pb
from e2e.inference.scenario import TOOL_PARAMETERS
from integration_api.entrypoints.grpc.generated.integration.v1 import inference_pb2 as pb
from integration_api.entrypoints.grpc.generated.integration.v1.inference_grpc import (
    InferenceServiceStub,
)

PROTO_ROOT = Path(__file__).resolve().parents[3] / "proto"
GRPCIO_OPTIONS = [("grpc.enable_http_proxy", 0)]  # loopback only, whatever the env says


class GrpcioStubs:
    """`integration.v1.inference_pb2` and `..._pb2_grpc` as protoc writes them for grpcio."""

    def __init__(self, messages: ModuleType, services: ModuleType) -> None:
        self.pb = messages
        self.services = services

    def stub(self, channel: grpc.aio.Channel) -> Any:
        return self.services.InferenceServiceStub(channel)


def generate_grpcio_stubs(out: Path) -> GrpcioStubs:
    """Runs protoc on proto/integration/v1/inference.proto into `out` and imports it.

    The descriptors are byte-identical to the service's own generated code, so protobuf
    accepts both in one process."""
    include = Path(grpc_tools.__file__).parent / "_proto"
    args = [
        "protoc",
        f"-I{PROTO_ROOT}",
        f"-I{include}",
        f"--python_out={out}",
        f"--grpc_python_out={out}",
        str(PROTO_ROOT / "integration" / "v1" / "inference.proto"),
    ]
    assert protoc.main(args) == 0, "protoc failed"
    for package in (out / "integration", out / "integration" / "v1"):
        (package / "__init__.py").touch()
    sys.path.insert(0, str(out))
    try:
        messages = importlib.import_module("integration.v1.inference_pb2")
        services = importlib.import_module("integration.v1.inference_pb2_grpc")
    finally:
        sys.path.remove(str(out))
    return GrpcioStubs(messages, services)


def chat_request(
    messages_module: Any,
    model: str,
    *,
    tools: tuple[str, ...] = (),
    fallback_models: tuple[str, ...] = (),
    **fields: Any,
) -> Any:
    """A ChatRequest with one user message, built from `messages_module`'s classes."""
    m = messages_module
    parameters = Struct()
    parameters.update(TOOL_PARAMETERS)
    return m.ChatRequest(
        model=model,
        messages=[
            m.Message(
                role=m.ROLE_USER,
                content=[m.ContentPart(text=m.TextPart(text="What is the weather in Paris?"))],
            )
        ],
        tools=[m.Tool(name=name, parameters=parameters) for name in tools],
        fallback_models=list(fallback_models),
        **fields,
    )


async def grpclib_stream(
    channel: Channel, request: pb.ChatRequest, metadata: dict[str, str]
) -> list[Event]:
    """StreamChat through grpclib; every event in arrival order."""
    stub = InferenceServiceStub(channel)
    events: list[Event] = []
    async with stub.StreamChat.open(metadata=metadata, timeout=10) as stream:
        await stream.send_message(request, end=True)
        async for message in stream:
            events.append(from_pb(message))
    return events


async def grpcio_stream(
    stubs: GrpcioStubs, target: str, request: Any, metadata: dict[str, str]
) -> list[Event]:
    """StreamChat through grpcio's asyncio client; every event in arrival order."""
    async with grpc.aio.insecure_channel(target, options=GRPCIO_OPTIONS) as channel:
        call = stubs.stub(channel).StreamChat(request, metadata=tuple(metadata.items()), timeout=10)
        return [from_pb(message) async for message in call]
