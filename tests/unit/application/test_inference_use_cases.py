import pytest

from integration_api.application.use_cases.credentials.create_credential import NewCredential
from integration_api.application.use_cases.inference.target import Target
from integration_api.domain.chat import ChatRequest, Message, Role, TextPart, Usage
from integration_api.domain.errors import (
    NotFound,
    PermissionDenied,
    ProviderRateLimited,
    ProviderRejectedRequest,
    ProviderUnavailable,
)
from integration_api.domain.streaming import Finish, TextDelta
from integration_api.domain.tenancy import Scope
from integration_api.testing.fake_chat_provider import FakeReply
from tests.support.embedded import OTHER, Embedded, principal

REQUEST = ChatRequest(
    model="m", messages=(Message(role=Role.USER, content=(TextPart(text="hi"),)),)
)


async def credential(embedded: Embedded, name: str = "main") -> str:
    new = NewCredential(provider="fake", name=name, secret={"api_key": f"sk-{name}-0123456789ab"})
    return (await embedded.app.credentials.create(principal(), new, verify=False)).id


async def test_chat_goes_through_the_credentials_provider(embedded: Embedded) -> None:
    cid = await credential(embedded)
    embedded.fake.script(FakeReply.text("Hel", "lo", usage=Usage(input_tokens=3, output_tokens=2)))
    response = await embedded.app.inference.chat(
        principal(), Target(credential_id=cid, model="m"), REQUEST
    )
    assert response.message.text == "Hello" and response.usage.output_tokens == 2
    uses = [e for e in embedded.audit.entries if e.action.value == "use"]
    assert uses and uses[-1].outcome == "ok" and "output_tokens=2" in (uses[-1].detail or "")


async def test_inference_needs_its_scope_and_the_callers_tenant(embedded: Embedded) -> None:
    cid = await credential(embedded)
    target = Target(credential_id=cid, model="m")
    with pytest.raises(PermissionDenied):
        await embedded.app.inference.chat(
            principal(scopes=frozenset({Scope.CREDENTIALS_READ})), target, REQUEST
        )
    with pytest.raises(NotFound):
        await embedded.app.inference.chat(principal(OTHER), target, REQUEST)


async def test_retryable_failure_falls_back_in_order(embedded: Embedded) -> None:
    first, second = await credential(embedded, "a"), await credential(embedded, "b")
    embedded.fake.script(ProviderUnavailable("down"), FakeReply.text("from b"))
    response = await embedded.app.inference.chat(
        principal(),
        Target(credential_id=first, model="m"),
        REQUEST,
        (Target(credential_id=second, model="m2"),),
    )
    assert response.message.text == "from b"
    assert [op for op, _ in embedded.fake.calls] == ["chat", "chat"]


async def test_non_retryable_failure_does_not_fall_back(embedded: Embedded) -> None:
    first, second = await credential(embedded, "a"), await credential(embedded, "b")
    embedded.fake.script(ProviderRejectedRequest("bad"), FakeReply.text("never"))
    with pytest.raises(ProviderRejectedRequest):
        await embedded.app.inference.chat(
            principal(),
            Target(credential_id=first, model="m"),
            REQUEST,
            (Target(credential_id=second, model="m"),),
        )


async def test_stream_fails_before_first_byte_as_a_plain_error(embedded: Embedded) -> None:
    cid = await credential(embedded)
    embedded.fake.script(ProviderRateLimited("slow", retry_after=2))
    with pytest.raises(ProviderRateLimited):
        await embedded.app.inference.stream_chat(
            principal(), Target(credential_id=cid, model="m"), REQUEST
        )


async def test_stream_falls_back_before_the_first_event(embedded: Embedded) -> None:
    first, second = await credential(embedded, "a"), await credential(embedded, "b")
    embedded.fake.script(ProviderUnavailable("down"), FakeReply.text("x", "y"))
    events = await embedded.app.inference.stream_chat(
        principal(),
        Target(credential_id=first, model="m"),
        REQUEST,
        (Target(credential_id=second, model="m"),),
    )
    got = [e async for e in events]
    assert [e.text for e in got if isinstance(e, TextDelta)] == ["x", "y"]
    assert isinstance(got[-1], Finish)


async def test_closing_a_stream_early_closes_the_provider_stream(embedded: Embedded) -> None:
    cid = await credential(embedded)
    embedded.fake.script(FakeReply(events=(TextDelta(text="a"),), hold=True))
    events = await embedded.app.inference.stream_chat(
        principal(), Target(credential_id=cid, model="m"), REQUEST
    )
    assert isinstance(await anext(events), TextDelta)
    await events.aclose()
    assert embedded.fake.closed_early.is_set()


async def test_resolve_model_by_credential_or_provider(embedded: Embedded) -> None:
    cid = await credential(embedded)
    resolve = embedded.app.inference.resolve_model
    assert await resolve(principal(), f"{cid}/gpt-x") == Target(credential_id=cid, model="gpt-x")
    assert await resolve(principal(), "fake/org/model") == Target(
        credential_id=cid, model="org/model"
    )
    with pytest.raises(NotFound):
        await resolve(principal(OTHER), "fake/m")


async def test_an_unknown_fallback_is_reported_even_when_unneeded(embedded: Embedded) -> None:
    cid = await credential(embedded)
    with pytest.raises(NotFound) as info:
        await embedded.app.inference.chat(
            principal(),
            Target(credential_id=cid, model="m"),
            REQUEST,
            (Target(credential_id="cred_nope", model="m"),),
        )
    assert "cred_nope" in info.value.message
    assert embedded.fake.calls == []
