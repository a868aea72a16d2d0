"""Server-sent events for /v1/chat streams: `event:` is text_delta, tool_call_delta, usage,
finish or error; `data:` is the event as JSON."""

from __future__ import annotations

import logging
from collections.abc import AsyncGenerator, AsyncIterator

import msgspec

from integration_api.domain.errors import IntegrationError
from integration_api.domain.streaming import StreamEvent

log = logging.getLogger(__name__)
_encode = msgspec.json.encode
# Content-Type is set here, not only as Stream's media_type: Litestar lets the handler's
# default (JSON, as these handlers also answer JSON) override the Stream's own media_type.
SSE_HEADERS = {
    "Content-Type": "text/event-stream; charset=utf-8",
    "Cache-Control": "no-cache",
    "X-Accel-Buffering": "no",
}


def frame(event: str, payload: bytes) -> bytes:
    return b"event: " + event.encode() + b"\ndata: " + payload + b"\n\n"


def error_frame(exc: IntegrationError) -> bytes:
    body = {"code": exc.code, "message": exc.message, "retryable": exc.retryable}
    return frame("error", _encode(body))


async def sse_frames(events: AsyncGenerator[StreamEvent, None]) -> AsyncIterator[bytes]:
    """Frames each event as it arrives; an error after the first byte becomes one `error`
    event (the HTTP status is already sent). Closing this closes the upstream stream."""
    try:
        async for event in events:
            yield frame(type(event).__struct_config__.tag, _encode(event))  # type: ignore[arg-type]
    except IntegrationError as exc:
        yield error_frame(exc)
    except Exception:
        log.exception("stream failed")
        yield frame("error", b'{"code":"internal","message":"internal error","retryable":false}')
    finally:
        await events.aclose()
