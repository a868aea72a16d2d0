"""Bad input is never a 500: every malformed or invalid request gets a 4xx whose error body
names the offending field (REST, OpenAI dialect), or INVALID_ARGUMENT / NOT_FOUND (gRPC);
and nothing reaches the upstream."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import grpc
import pytest
from grpclib.client import Channel
from grpclib.const import Status
from grpclib.exceptions import GRPCError

from e2e.inference.gateway import Gateway
from e2e.inference.grpc_clients import GRPCIO_OPTIONS, chat_request
from integration_api.entrypoints.grpc.generated.integration.v1 import inference_pb2 as pb
from integration_api.entrypoints.grpc.generated.integration.v1.inference_grpc import (
    InferenceServiceStub,
)
from integration_api.testing.fake_upstreams.openai import FakeOpenAI

Body = Callable[[str], Any]  # credential id -> request body (JSON value, or raw bytes)

USER = {"role": "user", "content": "hi"}


def chat(**changes: Any) -> Body:
    """A valid /v1/chat body with `changes`; a value of None removes the key."""

    def body(credential_id: str) -> dict[str, Any]:
        base = {"credential_id": credential_id, "model": "gpt-4o-mini", "messages": [USER]}
        base.update(changes)
        return {k: v for k, v in base.items() if v is not None}

    return body


def dialect(**changes: Any) -> Body:
    def body(credential_id: str) -> dict[str, Any]:
        base = {"model": f"{credential_id}/gpt-4o-mini", "messages": [USER]}
        base.update(changes)
        return {k: v for k, v in base.items() if v is not None}

    return body


def raw(content: bytes) -> Body:
    return lambda _credential_id: content


# (path, body, expected status, text the error must name)
REST_CASES: dict[str, tuple[str, Body, int, str | None]] = {
    "malformed json": ("/v1/chat", raw(b'{"credential_id": "c", "messages": ['), 400, None),
    "not utf-8": ("/v1/chat", raw(b'{"model": "\xff\xfe"}'), 400, None),
    "body is a list": ("/v1/chat", raw(b"[1, 2]"), 422, None),
    "missing messages": ("/v1/chat", chat(messages=None), 422, "messages"),
    "empty messages": ("/v1/chat", chat(messages=[]), 422, "messages"),
    "messages is a string": ("/v1/chat", chat(messages="hi"), 422, "messages"),
    "unknown role": ("/v1/chat", chat(messages=[{"role": "wizard", "content": "x"}]), 422, "role"),
    "temperature 5": ("/v1/chat", chat(temperature=5), 422, "temperature"),
    "temperature 5 streaming": ("/v1/chat", chat(temperature=5, stream=True), 422, "temperature"),
    "temperature is text": ("/v1/chat", chat(temperature="hot"), 422, "temperature"),
    "max_tokens 0": ("/v1/chat", chat(max_tokens=0), 422, "max_tokens"),
    "unknown field": ("/v1/chat", chat(temprature=0.5), 422, "temprature"),
    "tool message without id": (
        "/v1/chat",
        chat(messages=[USER, {"role": "tool", "content": "42"}]),
        422,
        "tool_call_id",
    ),
    "image not base64": (
        "/v1/chat",
        chat(messages=[{"role": "user", "content": [{"type": "image", "data": "%%%"}]}]),
        422,
        "messages[0].content[0].data",
    ),
    "tool_choice names no tool": (
        "/v1/chat",
        chat(tool_choice={"name": "nope"}),
        422,
        "tool_choice",
    ),
    "unknown credential": ("/v1/chat", chat(credential_id="cred_doesnotexist"), 404, None),
    "embed without inputs": (
        "/v1/embed",
        lambda c: {"credential_id": c, "model": "text-embedding-3-small"},
        422,
        "inputs",
    ),
    "dialect model without slash": (
        "/openai/v1/chat/completions",
        dialect(model="gpt-4o-mini"),
        422,
        "model",
    ),
    "dialect unknown provider": (
        "/openai/v1/chat/completions",
        dialect(model="nosuch/gpt-4o-mini"),
        422,
        "provider",
    ),
    "dialect unknown credential": (
        "/openai/v1/chat/completions",
        dialect(model="cred_doesnotexist/gpt-4o-mini"),
        404,
        None,
    ),
    "dialect malformed json": ("/openai/v1/chat/completions", raw(b"{nope"), 400, None),
    "dialect missing messages": (
        "/openai/v1/chat/completions",
        dialect(messages=None),
        422,
        "messages",
    ),
    "dialect unknown role": (
        "/openai/v1/chat/completions",
        dialect(messages=[{"role": "wizard", "content": "x"}]),
        422,
        "role",
    ),
    "dialect temperature 5": (
        "/openai/v1/chat/completions",
        dialect(temperature=5),
        422,
        "temperature",
    ),
    "dialect n=2": ("/openai/v1/chat/completions", dialect(n=2), 422, "n"),
    "dialect embeddings input is a number": (
        "/openai/v1/embeddings",
        lambda c: {"model": f"{c}/text-embedding-3-small", "input": 123},
        422,
        "input",
    ),
}


@pytest.mark.parametrize(
    ("path", "body", "status", "names"), REST_CASES.values(), ids=REST_CASES.keys()
)
async def test_bad_rest_input_is_a_4xx_naming_the_field(
    path: str,
    body: Body,
    status: int,
    names: str | None,
    gateway: Gateway,
    fake_openai: FakeOpenAI,
    openai_credential: str,
) -> None:
    payload = body(openai_credential)
    if isinstance(payload, bytes):
        headers = {"content-type": "application/json"}
        response = await gateway.http.post(path, content=payload, headers=headers)
    else:
        response = await gateway.http.post(path, json=payload)

    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    error = response.json()["error"]
    assert error["code"] and error["message"]
    if names is not None:
        assert names in json.dumps(error), error
    assert fake_openai.requests == []


async def test_models_without_a_credential_id_is_a_4xx(gateway: Gateway) -> None:
    response = await gateway.http.get("/v1/models")

    assert response.status_code == 422, response.text
    assert response.json()["error"]["field"] == "credential_id"


def grpc_message(**fields: Any) -> Callable[[str], pb.ChatRequest]:
    def build(credential_id: str) -> pb.ChatRequest:
        request: pb.ChatRequest = chat_request(pb, f"{credential_id}/gpt-4o-mini")
        for name, value in fields.items():
            if isinstance(value, list):  # repeated fields are replaced, not assigned
                del getattr(request, name)[:]
                getattr(request, name).extend(value)
            else:
                setattr(request, name, value)
        return request

    return build


GRPC_CASES: dict[str, tuple[Callable[[str], pb.ChatRequest], Status, str | None]] = {
    "no messages": (grpc_message(messages=[]), Status.INVALID_ARGUMENT, "messages"),
    "role unspecified": (
        grpc_message(messages=[pb.Message(content=[pb.ContentPart(text=pb.TextPart(text="x"))])]),
        Status.INVALID_ARGUMENT,
        "role",
    ),
    "empty content part": (
        grpc_message(messages=[pb.Message(role=pb.ROLE_USER, content=[pb.ContentPart()])]),
        Status.INVALID_ARGUMENT,
        "content",
    ),
    "temperature 5": (grpc_message(temperature=5.0), Status.INVALID_ARGUMENT, "temperature"),
    "model without slash": (
        grpc_message(model="gpt-4o-mini"),
        Status.INVALID_ARGUMENT,
        "model",
    ),
    "unknown credential": (
        grpc_message(model="cred_doesnotexist/gpt-4o-mini"),
        Status.NOT_FOUND,
        None,
    ),
    "fallback of an unknown provider": (
        grpc_message(fallback_models=["nosuch/gpt-4o"]),
        Status.INVALID_ARGUMENT,
        "provider",
    ),
}


@pytest.mark.parametrize("method", ["Chat", "StreamChat"])
@pytest.mark.parametrize(("build", "status", "names"), GRPC_CASES.values(), ids=GRPC_CASES.keys())
async def test_bad_grpc_input_is_invalid_argument_or_not_found(
    method: str,
    build: Callable[[str], pb.ChatRequest],
    status: Status,
    names: str | None,
    gateway: Gateway,
    fake_openai: FakeOpenAI,
    openai_credential: str,
    grpclib_channel: Channel,
) -> None:
    call = getattr(InferenceServiceStub(grpclib_channel), method)

    with pytest.raises(GRPCError) as raised:
        await call(build(openai_credential), metadata=gateway.metadata, timeout=5)

    assert raised.value.status is status, raised.value.message
    if names is not None:
        assert names in (raised.value.message or "")
    assert fake_openai.requests == []


async def test_grpc_embed_with_an_unqualified_model_is_invalid_argument(
    gateway: Gateway, grpclib_channel: Channel
) -> None:
    request = pb.EmbedRequest(model="text-embedding-3-small", inputs=["a"])

    with pytest.raises(GRPCError) as raised:
        await InferenceServiceStub(grpclib_channel).Embed(request, metadata=gateway.metadata)

    assert raised.value.status is Status.INVALID_ARGUMENT
    assert "model" in (raised.value.message or "")


@pytest.mark.parametrize("method", ["Chat", "StreamChat", "Embed", "ListProviders"])
async def test_undecodable_grpc_bytes_are_invalid_argument(method: str, gateway: Gateway) -> None:
    async with grpc.aio.insecure_channel(gateway.service.target, options=GRPCIO_OPTIONS) as ch:
        call = (ch.unary_stream if method == "StreamChat" else ch.unary_unary)(
            f"/integration.v1.InferenceService/{method}",
            request_serializer=lambda b: b,
            response_deserializer=lambda b: b,
        )
        with pytest.raises(grpc.aio.AioRpcError) as raised:
            reply = call(b"\xff\xff\xff\xff", metadata=tuple(gateway.metadata.items()), timeout=5)
            await (reply.read() if method == "StreamChat" else reply)

    assert raised.value.code() is grpc.StatusCode.INVALID_ARGUMENT, raised.value.details()
