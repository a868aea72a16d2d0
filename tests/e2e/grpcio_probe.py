"""A grpcio client, run as a script: `python grpcio_probe.py HOST:PORT COMMAND...`.

grpcio's health and reflection stubs register the same proto symbols as grpclib's copies,
and protobuf refuses duplicates in one process, so the grpcio client lives in its own
interpreter. Prints one JSON object:
  check[:SERVICE] -> {"check[:SERVICE]": "SERVING" | "NOT_SERVING" | "<grpc status code>"}
  list            -> {"list": [service names]}
"""

from __future__ import annotations

import json
import sys

import grpc
from grpc_health.v1 import health_pb2, health_pb2_grpc
from grpc_reflection.v1alpha import reflection_pb2, reflection_pb2_grpc

OPTIONS = [("grpc.enable_http_proxy", 0)]  # loopback only, whatever the environment says


def check(channel: grpc.Channel, service: str) -> str:
    stub = health_pb2_grpc.HealthStub(channel)
    try:
        reply = stub.Check(health_pb2.HealthCheckRequest(service=service), timeout=5)
    except grpc.RpcError as exc:
        return str(exc.code().name)
    return str(health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status))


def list_services(channel: grpc.Channel) -> list[str]:
    stub = reflection_pb2_grpc.ServerReflectionStub(channel)
    request = reflection_pb2.ServerReflectionRequest(list_services="")
    replies = stub.ServerReflectionInfo(iter([request]), timeout=5)
    return sorted(s.name for r in replies for s in r.list_services_response.service)


def main(target: str, *commands: str) -> None:
    result: dict[str, object] = {}
    with grpc.insecure_channel(target, options=OPTIONS) as channel:
        grpc.channel_ready_future(channel).result(timeout=5)
        for command in commands:
            if command == "list":
                result[command] = list_services(channel)
            elif command.startswith("check"):
                result[command] = check(channel, command.partition(":")[2])
    print(json.dumps(result))


if __name__ == "__main__":
    main(*sys.argv[1:])
