"""A grpcio client of integration.v1.CredentialService, run as a script:

    python grpcio_vault.py HOST:PORT STUBS_DIR < calls.json

STUBS_DIR holds grpc_tools-generated `integration/v1/credentials_pb2{,_grpc}.py`. stdin is a
JSON list of {"method": "GetCredential", "request": {...}, "token": "..." | null}; stdout is a
JSON list of {"code": "OK" | status name, "details": str, "reply": dict | null}.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import grpc
from google.protobuf import json_format

OPTIONS = [("grpc.enable_http_proxy", 0)]  # loopback only, whatever the environment says


def call(stub: Any, pb: Any, spec: dict[str, Any]) -> dict[str, Any]:
    method = getattr(stub, spec["method"])
    request_type = getattr(pb, spec["method"] + "Request")  # the proto's naming rule
    request = json_format.ParseDict(spec.get("request", {}), request_type())
    token = spec.get("token")
    metadata = [("authorization", f"Bearer {token}")] if token else []
    try:
        reply = method(request, metadata=metadata, timeout=10)
    except grpc.RpcError as exc:
        return {"code": exc.code().name, "details": exc.details() or "", "reply": None}
    return {"code": "OK", "details": "", "reply": json_format.MessageToDict(reply)}


def main(target: str, stubs: str) -> None:
    sys.path.insert(0, stubs)
    from integration.v1 import credentials_pb2, credentials_pb2_grpc

    calls = json.load(sys.stdin)
    with grpc.insecure_channel(target, options=OPTIONS) as channel:
        grpc.channel_ready_future(channel).result(timeout=5)
        stub = credentials_pb2_grpc.CredentialServiceStub(channel)
        print(json.dumps([call(stub, credentials_pb2, spec) for spec in calls]))


if __name__ == "__main__":
    main(*sys.argv[1:])
