from __future__ import annotations

from typing import Any, TypeVar

from grpclib.const import Status
from grpclib.exceptions import GRPCError
from grpclib.server import Stream

T = TypeVar("T")


async def receive(stream: Stream[Any, Any], kind: type[T]) -> T:
    """The unary request message; INVALID_ARGUMENT when the client sent none."""
    message = await stream.recv_message()
    if not isinstance(message, kind):
        raise GRPCError(Status.INVALID_ARGUMENT, "request message missing")
    return message
