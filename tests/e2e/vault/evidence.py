"""Everything a caller or an operator gets to see during a test, collected by place, so one
assertion can say where a secret showed up."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import httpx
from grpclib.exceptions import GRPCError


class Evidence:
    def __init__(self) -> None:
        self.places: defaultdict[str, list[bytes | str]] = defaultdict(list)

    def add(self, place: str, *blobs: bytes | str) -> None:
        self.places[place].extend(blobs)

    def rest(self, response: httpx.Response) -> httpx.Response:
        """Records the body and headers of a REST response; returns it for assertions."""
        request = response.request
        place = f"REST {request.method} {request.url.path} -> {response.status_code}"
        self.add(place, response.content, str(response.headers))
        return response

    def grpc(self, method: str, result: Any) -> Any:
        """Records a gRPC reply (wire bytes and text form) or error (message and details)."""
        if isinstance(result, GRPCError):
            self.add(f"gRPC {method} -> {result.status.name}", str(result), repr(result.details))
        else:
            self.add(f"gRPC {method} -> OK", result.SerializeToString(), str(result))
        return result
