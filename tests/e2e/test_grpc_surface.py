"""gRPC on the same port: standard health and server reflection, through grpclib's client
and through grpcio's (the reference implementation), and domain errors as status codes."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from grpclib.client import Channel
from grpclib.const import Status
from grpclib.exceptions import GRPCError
from grpclib.health.v1.health_grpc import HealthStub
from grpclib.health.v1.health_pb2 import HealthCheckRequest, HealthCheckResponse
from grpclib.reflection.v1.reflection_grpc import ServerReflectionStub
from grpclib.reflection.v1.reflection_pb2 import ServerReflectionRequest
from grpclib.server import Stream

from e2e.conftest import Service, StartService
from e2e.probes import grpcio
from integration_api.domain.errors import NotFound
from integration_api.entrypoints.grpc.errors import translate_errors
from integration_api.entrypoints.grpc.generated.integration.v1 import credentials_grpc

STANDARD_SERVICES = [
    "grpc.health.v1.Health",
    "grpc.reflection.v1.ServerReflection",
    "grpc.reflection.v1alpha.ServerReflection",
]


@pytest.fixture
async def channel(service: Service) -> AsyncIterator[Channel]:
    channel = Channel(service.host, service.port)
    yield channel
    channel.close()


async def _unimplemented(self: Any, stream: Stream[Any, Any]) -> None:
    raise GRPCError(Status.UNIMPLEMENTED, "not in this test")


async def _get_credential(self: Any, stream: Stream[Any, Any]) -> None:
    request = await stream.recv_message()
    with translate_errors():
        raise NotFound(f"credential {request.id} not found")


def credential_service() -> Any:
    """A CredentialService whose GetCredential fails like the real one for a missing id."""
    base = credentials_grpc.CredentialServiceBase
    methods = {name: _unimplemented for name in base.__abstractmethods__}
    methods["GetCredential"] = _get_credential
    return type("CredentialServiceForTest", (base,), methods)()


async def reflected_services(channel: Channel) -> list[str]:
    async with ServerReflectionStub(channel).ServerReflectionInfo.open() as stream:
        await stream.send_message(ServerReflectionRequest(list_services=""), end=True)
        reply = await stream.recv_message()
    assert reply is not None
    return sorted(s.name for s in reply.list_services_response.service)


async def test_grpclib_health_check_is_serving(channel: Channel) -> None:
    reply = await HealthStub(channel).Check(HealthCheckRequest())
    assert reply.status == HealthCheckResponse.SERVING


async def test_health_of_an_unknown_service_is_not_found(channel: Channel) -> None:
    with pytest.raises(GRPCError) as raised:
        await HealthStub(channel).Check(HealthCheckRequest(service="no.such.Service"))
    assert raised.value.status is Status.NOT_FOUND


async def test_grpclib_reflection_lists_the_standard_services(channel: Channel) -> None:
    assert await reflected_services(channel) == STANDARD_SERVICES


async def test_grpcio_client_health_and_reflection_on_the_same_port(service: Service) -> None:
    result = await grpcio(service.target, "check", "list")
    assert result == {"check": "SERVING", "list": STANDARD_SERVICES}


async def test_registered_services_are_reflected_and_health_checked(
    start_service: StartService,
) -> None:
    service = await start_service(grpc_services=[credential_service()])
    result = await grpcio(service.target, "list", "check:integration.v1.CredentialService")
    assert result["list"] == sorted([*STANDARD_SERVICES, "integration.v1.CredentialService"])
    assert result["check:integration.v1.CredentialService"] == "SERVING"


async def test_a_domain_error_is_a_real_status_code(start_service: StartService) -> None:
    service = await start_service(grpc_services=[credential_service()])
    channel = Channel(service.host, service.port)
    try:
        stub = credentials_grpc.CredentialServiceStub(channel)
        with pytest.raises(GRPCError) as raised:
            await stub.GetCredential(credentials_grpc.credentials_pb2.GetCredentialRequest(id="c1"))
    finally:
        channel.close()
    assert raised.value.status is Status.NOT_FOUND
    assert raised.value.message == "not_found: credential c1 not found"
