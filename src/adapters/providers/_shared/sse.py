"""Incremental Server-Sent Events decoder (WHATWG HTML "event stream interpretation").

Bytes are fed as they arrive; complete events come out at once, never buffered to the end.
Lines end in CRLF, LF or CR (a CR at a chunk edge followed by LF in the next chunk is one
line end); `:` lines are comments; one space after the colon is stripped; several `data:`
lines join with LF; `id` persists across events; an event left incomplete when the stream
ends is discarded, as the spec says.
"""

from __future__ import annotations

import codecs
from collections.abc import AsyncIterable, AsyncIterator

import msgspec


class SseEvent(msgspec.Struct, frozen=True):
    """One dispatched event. `event` is None when the stream gave no `event:` field."""

    data: str
    event: str | None = None
    id: str | None = None


class SseDecoder:
    """Feed bytes with `feed`; it returns the events completed by them."""

    __slots__ = ("_data", "_event", "_id", "_pending", "_skip_lf", "_started", "_utf8", "retry")

    def __init__(self) -> None:
        self._utf8 = codecs.getincrementaldecoder("utf-8")(errors="replace")
        self._pending = ""
        self._skip_lf = False
        self._started = False
        self._data: list[str] = []
        self._event: str | None = None
        self._id: str | None = None
        self.retry: int | None = None

    def feed(self, chunk: bytes) -> list[SseEvent]:
        text = self._utf8.decode(chunk)
        if not text:
            return []
        if not self._started:
            self._started = True
            text = text.removeprefix("\ufeff")
        if self._skip_lf:
            self._skip_lf = False
            text = text.removeprefix("\n")
        if "\r" in text:
            self._skip_lf = text.endswith("\r")
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        lines = (self._pending + text).split("\n")
        self._pending = lines.pop()
        events: list[SseEvent] = []
        for line in lines:
            event = self._line(line)
            if event is not None:
                events.append(event)
        return events

    def _line(self, line: str) -> SseEvent | None:
        if not line:
            return self._dispatch()
        if line[0] == ":":
            return None
        field, colon, value = line.partition(":")
        if colon and value[:1] == " ":
            value = value[1:]
        if field == "data":
            self._data.append(value)
        elif field == "event":
            self._event = value
        elif field == "id":
            if "\0" not in value:
                self._id = value
        elif field == "retry" and value.isdigit():
            self.retry = int(value)
        return None

    def _dispatch(self) -> SseEvent | None:
        event, self._event = self._event, None
        if not self._data:
            return None
        data = "\n".join(self._data)
        self._data = []
        return SseEvent(data=data, event=event or None, id=self._id)


async def decode_sse(chunks: AsyncIterable[bytes]) -> AsyncIterator[SseEvent]:
    """Events from a byte stream, each yielded as soon as its blank line arrives."""
    decoder = SseDecoder()
    async for chunk in chunks:
        for event in decoder.feed(chunk):
            yield event
