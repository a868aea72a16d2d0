"""Another Python program embeds the service (issue 2's must-show, with issue 4's use
cases): `build_application(settings, overrides=...)` with the fakes from
`integration_api.testing` — no HTTP, no gRPC, no database file — then creates a credential,
chats, streams, embeds and lists models through the facade."""

from __future__ import annotations

import asyncio

import pytest

from integration_api.application.use_cases.credentials.create_credential import NewCredential
from integration_api.application.use_cases.inference.target import Target
from integration_api.domain.audit import AuditAction
from integration_api.domain.chat import ChatRequest, Message, Role, TextPart, ToolCall, Usage
from integration_api.domain.embeddings import EmbeddingRequest
from integration_api.domain.errors import NotFound, ProviderRateLimited
from integration_api.domain.streaming import Finish, TextDelta, ToolCallDelta
from integration_api.domain.tenancy import ALL_SCOPES, Principal, Tenant
from integration_api.testing.fake_chat_provider import (
    FakeReply,
    embedding_of,
)
from tests.support.embedded import Embedded, embedded

__all__ = ["embedded"]  # the shared fixture

SECRET = "fake-canary-embedded-host-0000000000000003"
HOST = Principal(
    subject="host-program",
    tenant=Tenant(organization_id="acme", project_id="web"),
    scopes=ALL_SCOPES,
)
QUESTION = (Message(role=Role.USER, content=(TextPart(text="Hi?"),)),)


async def stored_credential(embedded: Embedded) -> str:
    new = NewCredential(provider="fake", name="embedded", secret={"api_key": SECRET})
    return (await embedded.app.credentials.create(HOST, new)).id


async def test_create_a_verified_credential_and_chat(embedded: Embedded) -> None:
    embedded.fake.script(FakeReply.text("Hello ", "host.", usage=Usage(input_tokens=3)))
    credential_id = await stored_credential(embedded)

    response = await embedded.app.inference.chat(
        HOST,
        Target(credential_id=credential_id, model="fake-chat"),
        ChatRequest(model="fake-chat", messages=QUESTION),
    )

    assert response.message.text == "Hello host."
    assert response.usage.input_tokens == 3
    credential = await embedded.app.credentials.get(HOST, credential_id)
    assert credential.status.value == "valid"
    assert any(e.action is AuditAction.USE for e in embedded.audit.entries)


async def test_stream_tool_calls_through_the_facade(embedded: Embedded) -> None:
    calls = (
        ToolCall(id="c1", name="f", arguments='{"a": 1}'),
        ToolCall(id="c2", name="g", arguments="{}"),
    )
    embedded.fake.script(FakeReply.tool_calls(*calls))
    credential_id = await stored_credential(embedded)

    events = await embedded.app.inference.stream_chat(
        HOST,
        Target(credential_id=credential_id, model="fake-chat"),
        ChatRequest(model="fake-chat", messages=QUESTION),
    )
    received = [event async for event in events]

    deltas = [e for e in received if isinstance(e, ToolCallDelta)]
    assert [(d.index, d.id, d.name, d.arguments_fragment) for d in deltas] == [
        (0, "c1", "f", '{"a": 1}'),
        (1, "c2", "g", "{}"),
    ]
    assert isinstance(received[-1], Finish)
    assert received[-1].reason.value == "tool_calls"


async def test_closing_a_stream_closes_the_provider_stream(embedded: Embedded) -> None:
    embedded.fake.script(FakeReply(events=(TextDelta(text="first"),), hold=True))
    credential_id = await stored_credential(embedded)

    events = await embedded.app.inference.stream_chat(
        HOST,
        Target(credential_id=credential_id, model="fake-chat"),
        ChatRequest(model="fake-chat", messages=QUESTION),
    )
    first = await anext(events)
    await events.aclose()

    assert first == TextDelta(text="first")
    assert embedded.fake.closed_early.is_set()


async def test_embed_and_list_models(embedded: Embedded) -> None:
    credential_id = await stored_credential(embedded)

    response = await embedded.app.inference.embed(
        HOST,
        credential_id,
        EmbeddingRequest(model="fake-embed", inputs=("one", "two"), dimensions=4),
    )
    models = await embedded.app.inference.list_models(HOST, credential_id)

    assert response.vectors == (embedding_of("one", 4), embedding_of("two", 4))
    assert [m.id for m in models] == ["fake-chat", "fake-embed"]


async def test_domain_errors_cross_the_facade_as_they_are(embedded: Embedded) -> None:
    credential_id = await stored_credential(embedded)  # verifying consumes scripted errors too
    embedded.fake.script(ProviderRateLimited("slow down", retry_after=2.0, provider="fake"))
    target = Target(credential_id=credential_id, model="fake-chat")
    request = ChatRequest(model="fake-chat", messages=QUESTION)

    with pytest.raises(ProviderRateLimited) as raised:
        await embedded.app.inference.chat(HOST, target, request)
    with pytest.raises(NotFound):
        await embedded.app.inference.chat(
            HOST, Target(credential_id="cred_missing", model="fake-chat"), request
        )

    assert raised.value.retry_after == 2.0


async def test_the_stored_row_holds_no_plaintext_secret(embedded: Embedded) -> None:
    credential_id = await stored_credential(embedded)

    row = await embedded.repository.get(HOST.tenant, credential_id)

    assert row is not None
    assert SECRET.encode() not in row.sealed.ciphertext
    assert SECRET not in repr(row)
    assert row.credential.fingerprint != SECRET


async def test_nothing_is_written_to_disk(embedded: Embedded) -> None:
    credential_id = await stored_credential(embedded)
    await embedded.app.inference.chat(
        HOST,
        Target(credential_id=credential_id, model="fake-chat"),
        ChatRequest(model="fake-chat", messages=QUESTION),
    )

    files = await asyncio.to_thread(lambda: list(embedded.data_dir.iterdir()))

    assert files == []  # no database, no keyring file: everything is in memory
