import msgspec
import pytest

from integration_api.domain.chat import (
    ChatRequest,
    FinishReason,
    ImagePart,
    Message,
    ResponseFormat,
    Role,
    TextPart,
    Tool,
    ToolCall,
    ToolChoice,
    Usage,
)
from integration_api.domain.embeddings import (
    EmbeddingRequest,
    RerankRequest,
    RerankResponse,
    RerankResult,
)
from integration_api.domain.errors import ValidationFailed
from integration_api.domain.streaming import Finish, StreamEvent, TextDelta, ToolCallDelta
from integration_api.domain.tenancy import Principal, Scope, Tenant

USER = Message(role=Role.USER, content=(TextPart(text="hi"),))


def test_chat_request_rejects_what_no_provider_accepts() -> None:
    cases = [
        ("messages", lambda: ChatRequest(model="m", messages=())),
        ("temperature", lambda: ChatRequest(model="m", messages=(USER,), temperature=3.0)),
        ("tools", lambda: ChatRequest(model="m", messages=(USER,), tools=(Tool(name="a"),) * 2)),
        (
            "tool_choice",
            lambda: ChatRequest(
                model="m", messages=(USER,), tool_choice=ToolChoice(mode="tool", name="x")
            ),
        ),
    ]
    for field, build in cases:
        with pytest.raises(ValidationFailed) as info:
            build()
        assert info.value.field == field


def test_messages_enforce_roles() -> None:
    with pytest.raises(ValueError):
        Message(role=Role.TOOL, content=(TextPart(text="r"),))
    with pytest.raises(ValueError):
        Message(role=Role.USER, tool_calls=(ToolCall(id="1", name="f", arguments="{}"),))
    assert (
        Message(role=Role.ASSISTANT, content=(TextPart(text="a"), TextPart(text="b"))).text == "ab"
    )


def test_image_part_has_exactly_one_source() -> None:
    with pytest.raises(ValueError):
        ImagePart()
    with pytest.raises(ValueError):
        ImagePart(data=b"x")
    assert ImagePart(url="https://example.invalid/cat.png").url


def test_response_format_schema_only_with_json_schema() -> None:
    with pytest.raises(ValueError):
        ResponseFormat(type="json_schema")
    assert ResponseFormat(type="json_schema", json_schema={"type": "object"}).json_schema


def test_stream_events_are_a_tagged_union() -> None:
    events: list[StreamEvent] = [
        TextDelta(text="he"),
        ToolCallDelta(index=0, id="c1", name="f", arguments_fragment='{"a"'),
        Usage(input_tokens=3, output_tokens=4),
        Finish(reason=FinishReason.TOOL_CALLS),
    ]
    wire = msgspec.json.encode(events)
    assert msgspec.json.decode(wire, type=list[StreamEvent]) == events
    assert b'"type":"tool_call_delta"' in wire
    assert Usage(input_tokens=3, output_tokens=4).total_tokens == 7


def test_embedding_and_rerank_requests_validate() -> None:
    with pytest.raises(ValidationFailed):
        EmbeddingRequest(model="e", inputs=())
    with pytest.raises(ValidationFailed):
        RerankRequest(model="r", query="q", documents=("a",), top_n=0)
    with pytest.raises(ValueError):
        RerankResponse(
            results=(RerankResult(index=0, score=0.1), RerankResult(index=1, score=0.9)),
            provider="p",
            model="r",
        )


def test_tenant_ids_cannot_smuggle_the_binding_separator() -> None:
    with pytest.raises(ValueError):
        Tenant(organization_id="a|b", project_id="p")
    principal = Principal(
        subject="svc",
        tenant=Tenant(organization_id="o", project_id="p"),
        scopes=frozenset({Scope.INFERENCE}),
    )
    assert principal.has(Scope.INFERENCE) and not principal.has(Scope.CREDENTIALS_WRITE)
