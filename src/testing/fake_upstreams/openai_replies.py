"""What the fake OpenAI can be programmed to answer (see `openai.FakeOpenAI`)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

DEFAULT_MODELS = ("gpt-4o-mini", "gpt-4o", "text-embedding-3-small")


@dataclass(frozen=True)
class ToolCallOut:
    id: str
    name: str
    arguments: str
    fragments: tuple[str, ...] | None = None  # None: the arguments in three pieces

    def pieces(self) -> tuple[str, ...]:
        if self.fragments is not None:
            return self.fragments
        step = max(1, len(self.arguments) // 3)
        return tuple(self.arguments[i : i + step] for i in range(0, len(self.arguments), step))


@dataclass(frozen=True)
class Completion:
    """A chat completion. Streams send one chunk per text piece and per tool-call fragment
    (round-robin across calls when `interleave`). `error_after` / `stall_after` count
    chunks already sent before an in-stream error / holding the stream open silently."""

    text_chunks: tuple[str, ...] = ("Hello", " from the", " fake OpenAI.")
    tool_calls: tuple[ToolCallOut, ...] = ()
    finish_reason: str = "stop"
    prompt_tokens: int = 12
    completion_tokens: int = 7
    cached_tokens: int = 0
    reasoning_tokens: int = 0
    interleave: bool = True
    model: str | None = None  # None: echo the request's model
    event_delay: float = 0.0
    error_after: int | None = None
    error: tuple[str, str] = ("server_error", "The server had an error processing your request.")
    stall_after: int | None = None
    hold_seconds: float = 5.0


@dataclass(frozen=True)
class EmbeddingsOut:
    """Vectors `vector(index, dimensions)` for each input, served in reverse index order
    when `reverse` (clients must reorder by `index`)."""

    vector: Callable[[int, int], tuple[float, ...]] = lambda i, d: tuple(
        float(i) + (k + 1) / 8 for k in range(d)
    )
    default_dimensions: int = 8
    reverse: bool = True


@dataclass(frozen=True)
class ModelsOut:
    ids: tuple[str, ...] = DEFAULT_MODELS


@dataclass(frozen=True)
class ErrorOut:
    status: int
    type: str
    message: str
    code: str | None = None
    headers: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class RawOut:
    """Bytes as they are (a malformed body, an HTML error page...)."""

    body: bytes
    status: int = 200
    content_type: str = "application/json"


@dataclass(frozen=True)
class Delay:
    """Wait before answering `then`; stops early when the client goes away."""

    seconds: float
    then: Completion | ErrorOut | RawOut = field(default_factory=Completion)


Reply = Completion | EmbeddingsOut | ModelsOut | ErrorOut | RawOut | Delay
