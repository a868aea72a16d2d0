from __future__ import annotations

from typing import Any, TypeVar

from google.protobuf.message import DecodeError
from grpclib.const import Status
from grpclib.exceptions import GRPCError
from grpclib.server import Stream

T = TypeVar("T")


async def receive(stream: Stream[Any, Any], kind: type[T]) -> T:
    """The unary request message; INVALID_ARGUMENT when the client sent none, or bytes that
    do not decode as one (left alone, grpclib would answer UNKNOWN, a server fault)."""
    try:
        message = await stream.recv_message()
    except DecodeError:
        raise GRPCError(Status.INVALID_ARGUMENT, "request message does not decode") from None
    if not isinstance(message, kind):
        raise GRPCError(Status.INVALID_ARGUMENT, "request message missing")
    return message
