"""FakeChatProvider: a scripted in-memory provider (chat, stream, embeddings, rerank,
verify, models) for hosts and tests; it passes the same provider contract suite.

Script it with `script(...)`: each queued item is a FakeReply (consumed by the next chat or
stream call) or a ProviderError (raised by whichever call comes next). With nothing queued,
chat answers `default`. Embeddings and rerank are deterministic functions of their input.

    fake = FakeChatProvider()
    fake.script(FakeReply.text("Hi!"), ProviderRateLimited("slow down", retry_after=1))
    registry = DictProviderRegistry({"fake": build_fake_entry(fake)})
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import AsyncIterator, Callable, Sequence
from dataclasses import dataclass, field

from integration_api.adapters.providers.registry import ProviderEntry
from integration_api.application.ports.chat_provider import ChatProvider
from integration_api.application.ports.credential_verifier import CredentialVerifier
from integration_api.application.ports.embedding_provider import EmbeddingProvider
from integration_api.application.ports.model_lister import ModelLister
from integration_api.application.ports.provider_binding import ProviderBinding
from integration_api.application.ports.rerank_provider import RerankProvider
from integration_api.domain.chat import (
    ChatRequest,
    ChatResponse,
    FinishReason,
    Message,
    Role,
    TextPart,
    ToolCall,
    Usage,
)
from integration_api.domain.credentials import VerificationResult
from integration_api.domain.embeddings import (
    EmbeddingRequest,
    EmbeddingResponse,
    RerankRequest,
    RerankResponse,
    RerankResult,
)
from integration_api.domain.errors import (
    ProviderAuthFailed,
    ProviderError,
    ProviderPermissionDenied,
)
from integration_api.domain.providers import (
    FieldSpec,
    ModelInfo,
    ProviderCapabilities,
    ProviderSpec,
)
from integration_api.domain.streaming import Finish, StreamEvent, TextDelta, ToolCallDelta

FAKE_SPEC = ProviderSpec(
    name="fake",
    display_name="Fake (in memory)",
    capabilities=ProviderCapabilities(
        chat=True,
        streaming=True,
        tools=True,
        parallel_tool_calls=True,
        json_output=True,
        json_schema=True,
        vision=True,
        embeddings=True,
        embedding_dimensions=True,
        rerank=True,
        verify=True,
        list_models=True,
    ),
    secret_fields=(FieldSpec(name="api_key", required=False),),
)


@dataclass(frozen=True)
class FakeReply:
    """Events a stream yields (a chat call folds them into one response), then `error`
    raised instead of Finish if set; `hold` keeps the stream open after the events until
    the consumer closes it (to test cancellation)."""

    events: tuple[StreamEvent, ...]
    error: ProviderError | None = None
    hold: bool = False

    @classmethod
    def text(
        cls,
        *chunks: str,
        usage: Usage | None = None,
        finish: FinishReason = FinishReason.STOP,
    ) -> FakeReply:
        deltas: list[StreamEvent] = [TextDelta(text=c) for c in chunks]
        return cls(events=(*deltas, usage or Usage(), Finish(reason=finish)))

    @classmethod
    def tool_calls(cls, *calls: ToolCall, usage: Usage | None = None) -> FakeReply:
        deltas: list[StreamEvent] = [
            ToolCallDelta(index=i, id=c.id, name=c.name, arguments_fragment=c.arguments)
            for i, c in enumerate(calls)
        ]
        return cls(events=(*deltas, usage or Usage(), Finish(reason=FinishReason.TOOL_CALLS)))


@dataclass
class FakeChatProvider(
    ChatProvider, EmbeddingProvider, RerankProvider, CredentialVerifier, ModelLister
):
    default: FakeReply = field(default_factory=lambda: FakeReply.text("Hello from the fake."))
    models: tuple[str, ...] = ("fake-chat", "fake-embed")
    provider: str = "fake"
    # (input index, input text, dimensions) -> vector; default: a hash of the text
    vector: Callable[[int, str, int], tuple[float, ...]] = field(
        default=lambda _index, text, dims: embedding_of(text, dims)
    )
    calls: list[tuple[str, object]] = field(default_factory=list)
    closed_early: asyncio.Event = field(default_factory=asyncio.Event)
    _queue: list[FakeReply | ProviderError] = field(default_factory=list)
    _sticky: bool = False

    def script(self, *items: FakeReply | ProviderError, sticky: bool = False) -> None:
        """Replaces the queue; with `sticky` the last item repeats."""
        self._queue = list(items)
        self._sticky = sticky

    def _next(self, operation: str, request: object) -> FakeReply | None:
        self.calls.append((operation, request))
        if not self._queue:
            return None
        head = self._queue[0]
        if isinstance(head, FakeReply) and operation not in ("chat", "stream"):
            return None
        if not (self._sticky and len(self._queue) == 1):
            self._queue.pop(0)
        if isinstance(head, ProviderError):
            raise head
        return head

    async def chat(self, binding: ProviderBinding, request: ChatRequest) -> ChatResponse:
        reply = self._next("chat", request) or self.default
        if reply.error is not None:
            raise reply.error
        return _fold(reply.events, provider=self.provider, model=request.model)

    async def stream(
        self, binding: ProviderBinding, request: ChatRequest
    ) -> AsyncIterator[StreamEvent]:
        reply = self._next("stream", request) or self.default
        try:
            for event in reply.events:
                yield event
            if reply.hold:
                await asyncio.Event().wait()
        except (GeneratorExit, asyncio.CancelledError):
            self.closed_early.set()
            raise
        if reply.error is not None:
            raise reply.error

    async def embed(self, binding: ProviderBinding, request: EmbeddingRequest) -> EmbeddingResponse:
        self._next("embed", request)
        dims = request.dimensions or 8
        return EmbeddingResponse(
            vectors=tuple(self.vector(i, text, dims) for i, text in enumerate(request.inputs)),
            usage=Usage(input_tokens=sum(len(t.split()) for t in request.inputs)),
            provider=self.provider,
            model=request.model,
        )

    async def rerank(self, binding: ProviderBinding, request: RerankRequest) -> RerankResponse:
        self._next("rerank", request)
        query = set(request.query.lower().split())
        scored = [
            RerankResult(index=i, score=len(query & set(doc.lower().split())) / (len(query) or 1))
            for i, doc in enumerate(request.documents)
        ]
        scored.sort(key=lambda r: (-r.score, r.index))
        return RerankResponse(
            results=tuple(scored[: request.top_n]), provider=self.provider, model=request.model
        )

    async def verify(self, binding: ProviderBinding) -> VerificationResult:
        try:
            self._next("verify", binding.provider)
        except (ProviderAuthFailed, ProviderPermissionDenied) as exc:
            return VerificationResult(ok=False, error_code=exc.code, message=exc.message)
        return VerificationResult(ok=True)

    async def list_models(self, binding: ProviderBinding) -> tuple[ModelInfo, ...]:
        self._next("models", binding.provider)
        return tuple(ModelInfo(id=m, provider=self.provider) for m in self.models)


def embedding_of(text: str, dimensions: int) -> tuple[float, ...]:
    """A stable pseudo-embedding in [0, 1) per dimension, derived from the text."""
    digest = hashlib.sha256(text.encode()).digest()
    return tuple(digest[k % len(digest)] / 256 for k in range(dimensions))


def _fold(events: Sequence[StreamEvent], *, provider: str, model: str) -> ChatResponse:
    text: list[str] = []
    calls: dict[int, list[str]] = {}
    heads: dict[int, tuple[str, str]] = {}
    usage, finish = Usage(), FinishReason.STOP
    for event in events:
        if isinstance(event, TextDelta):
            text.append(event.text)
        elif isinstance(event, ToolCallDelta):
            if event.id is not None and event.name is not None:
                heads[event.index] = (event.id, event.name)
            calls.setdefault(event.index, []).append(event.arguments_fragment)
        elif isinstance(event, Usage):
            usage = event
        else:
            finish = event.reason
    tool_calls = tuple(
        ToolCall(id=heads[i][0], name=heads[i][1], arguments="".join(calls[i]))
        for i in sorted(calls)
    )
    joined = "".join(text)
    message = Message(
        role=Role.ASSISTANT,
        content=(TextPart(text=joined),) if joined else (),
        tool_calls=tool_calls,
    )
    return ChatResponse(
        message=message, finish_reason=finish, usage=usage, provider=provider, model=model
    )


def build_fake_entry(fake: FakeChatProvider | None = None) -> ProviderEntry:
    """A registry entry named "fake" whose every adapter is `fake` (a new one if None)."""
    fake = fake or FakeChatProvider()
    return ProviderEntry(
        spec=FAKE_SPEC, chat=fake, embeddings=fake, rerank=fake, verifier=fake, models=fake
    )
