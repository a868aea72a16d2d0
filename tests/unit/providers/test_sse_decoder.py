"""The SSE decoder gives the same events wherever the chunk boundaries fall."""

from __future__ import annotations

import pytest

from integration_api.adapters.providers._shared import SseDecoder, SseEvent

STREAM = (
    "\ufeff: keep-alive comment\r\n"
    "event: message_start\r\n"
    'data: {"a": 1}\r\n'
    "\r\n"
    "data: line one\n"
    "data:line two\n"
    "id: 7\n"
    "\n"
    "event: ping\r"
    "data: é ✓ 🎉\r"
    "\r"
    "data\n"
    "\n"
    "retry: 3000\n"
    "event: only-event\n"
    "\n"
    "data: [DONE]\n\n"
    "data: incomplete at the end"
).encode()

EXPECTED = [
    SseEvent(event="message_start", data='{"a": 1}'),
    SseEvent(data="line one\nline two", id="7"),
    SseEvent(event="ping", data="é ✓ 🎉", id="7"),
    SseEvent(data="", id="7"),
    SseEvent(data="[DONE]", id="7"),
]


def decode(chunks: list[bytes]) -> list[SseEvent]:
    decoder = SseDecoder()
    return [event for chunk in chunks for event in decoder.feed(chunk)]


def test_whole_stream() -> None:
    assert decode([STREAM]) == EXPECTED


@pytest.mark.parametrize("cut", range(1, len(STREAM)))
def test_any_single_cut(cut: int) -> None:
    assert decode([STREAM[:cut], STREAM[cut:]]) == EXPECTED


def test_byte_by_byte() -> None:
    assert decode([STREAM[i : i + 1] for i in range(len(STREAM))]) == EXPECTED


def test_retry_field_is_kept_and_events_come_out_as_soon_as_complete() -> None:
    decoder = SseDecoder()
    assert decoder.feed(b"retry: 1500\ndata: x") == []
    assert decoder.retry == 1500
    assert decoder.feed(b"\n\n") == [SseEvent(data="x")]


def test_cr_at_chunk_end_then_lf_is_one_line_end() -> None:
    assert decode([b"data: a\r", b"\n\r", b"\n"]) == [SseEvent(data="a")]
