"""/metrics counts every REST request by method, route template and status."""

from pathlib import Path

import httpx
import pytest

from tests.support.real_service import running_service


def _count(metrics: str, operation: str, outcome: str) -> float:
    wanted = f'operation="{operation}",outcome="{outcome}",surface="rest"'
    for line in metrics.splitlines():
        if line.startswith("integration_api_requests_total{") and wanted in line:
            return float(line.rsplit(" ", 1)[1])
    return 0.0


async def test_requests_are_counted_by_route_template_and_status(tmp_path: Path) -> None:
    async with (
        running_service(tmp_path) as service,
        httpx.AsyncClient(base_url=service.base_url) as client,
    ):
        await client.get("/v1/credentials", headers=service.auth())
        await client.get("/v1/credentials/cred_missing", headers=service.auth())
        await client.get("/v1/credentials/cred_missing", headers=service.auth())
        await client.post("/v1/chat", headers=service.auth(), content=b"{broken")
        metrics = (await client.get("/metrics")).text
    assert _count(metrics, "GET:/v1/credentials", "http_200") == 1
    assert _count(metrics, "GET:/v1/credentials/{credential_id}", "http_404") == 2
    assert _count(metrics, "POST:/v1/chat", "http_400") == 1
    assert "cred_missing" not in metrics


async def test_grpc_calls_are_counted_by_method_and_status(tmp_path: Path) -> None:
    from grpclib.client import Channel
    from grpclib.exceptions import GRPCError

    from integration_api.entrypoints.grpc.generated.integration.v1 import credentials_pb2 as pb
    from integration_api.entrypoints.grpc.generated.integration.v1.credentials_grpc import (
        CredentialServiceStub,
    )

    async with running_service(tmp_path) as service:
        channel = Channel(service.host, service.port)
        try:
            stub = CredentialServiceStub(channel)
            metadata = {"authorization": f"Bearer {service.tokens['default']}"}
            await stub.ListCredentials(pb.ListCredentialsRequest(), metadata=metadata)
            with pytest.raises(GRPCError):
                await stub.GetCredential(pb.GetCredentialRequest(id="cred_x"), metadata=metadata)
        finally:
            channel.close()
        async with httpx.AsyncClient(base_url=service.base_url) as client:
            metrics = (await client.get("/metrics")).text
    ok = 'operation="credential.list_credentials",outcome="grpc_OK",surface="grpc"'
    missing = 'operation="credential.get_credential",outcome="grpc_NOT_FOUND",surface="grpc"'
    assert any(ok in line for line in metrics.splitlines())
    assert any(missing in line for line in metrics.splitlines())
