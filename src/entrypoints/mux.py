"""One listening socket, two protocols: the first bytes of a connection decide.

A gRPC client (HTTP/2 with prior knowledge) opens with the 24-byte client preface
`PRI * HTTP/2.0\\r\\n\\r\\nSM\\r\\n\\r\\n`; anything else is HTTP/1.1. `ProtocolSniffer`
buffers until it can tell, swaps itself out for the chosen protocol
(`transport.set_protocol`), then replays the connection to it: `connection_made`, then
`data_received` with every byte already read. The cmux idea, on asyncio.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from typing import cast

PREFACE = b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"
SNIFF_TIMEOUT = 10.0
"""Seconds a connection may stay silent before it is closed undecided."""

ProtocolFactory = Callable[[], asyncio.Protocol]

log = logging.getLogger(__name__)


class ProtocolSniffer(asyncio.Protocol):
    """The protocol every accepted connection starts with; lives until the first bytes
    decide between `http` and `grpc` (both factories build a fresh per-connection
    protocol)."""

    def __init__(
        self,
        http: ProtocolFactory,
        grpc: ProtocolFactory,
        *,
        timeout: float = SNIFF_TIMEOUT,
        on_done: Callable[[ProtocolSniffer], None] | None = None,
    ) -> None:
        self._http = http
        self._grpc = grpc
        self._timeout = timeout
        self._on_done = on_done
        self._buffer = bytearray()
        self._transport: asyncio.Transport | None = None
        self._timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        # uvloop's transports implement asyncio.Transport without subclassing it.
        self._transport = cast(asyncio.Transport, transport)
        self._timer = asyncio.get_running_loop().call_later(self._timeout, self.close)

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        seen = min(len(self._buffer), len(PREFACE))
        if self._buffer[:seen] != PREFACE[:seen]:
            self._hand_over(self._http)
        elif seen == len(PREFACE):
            self._hand_over(self._grpc)

    def eof_received(self) -> bool:
        # The peer stopped sending before saying which protocol: nothing to answer.
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        self._finish()

    def close(self) -> None:
        """Drops a connection that has not decided yet (idle past the timeout, or the
        server is stopping)."""
        if self._transport is not None and not self._transport.is_closing():
            self._transport.close()
        self._finish()

    def _hand_over(self, factory: ProtocolFactory) -> None:
        transport, self._transport = self._transport, None
        assert transport is not None
        self._finish()
        data, self._buffer = bytes(self._buffer), bytearray()
        protocol = factory()
        transport.set_protocol(protocol)
        protocol.connection_made(transport)
        if not transport.is_closing():
            protocol.data_received(data)

    def _finish(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
            self._timer = None
        if self._on_done is not None:
            on_done, self._on_done = self._on_done, None
            on_done(self)
