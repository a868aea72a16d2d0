"""Connect-time egress: a name that resolves to loopback is refused unless allowed."""

import pytest
from aiohttp import web

from integration_api.adapters.providers._shared.client import UpstreamClient
from integration_api.adapters.providers._shared.types import UpstreamRequest
from integration_api.domain.errors import ProviderError, ProviderRejectedRequest


def _never_called(status: int, headers: dict[str, str], body: bytes) -> ProviderError:
    raise AssertionError("a refused connection never produces an HTTP status")


@pytest.fixture
async def local_server():  # type: ignore[no-untyped-def]
    hits: list[str] = []

    async def answer(request: web.Request) -> web.Response:
        hits.append(request.path)
        return web.json_response({"ok": True})

    app = web.Application()
    app.router.add_get("/v1/models", answer)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    yield port, hits
    await runner.cleanup()


def _request(port: int) -> UpstreamRequest:
    return UpstreamRequest(
        method="GET",
        url=f"http://localhost:{port}/v1/models",
        headers={},
        body=None,
        provider="openai",
        operation="verify",
    )


async def test_a_name_resolving_to_loopback_is_refused_by_default(local_server) -> None:  # type: ignore[no-untyped-def]
    port, hits = local_server
    client = UpstreamClient(transport="aiohttp")
    try:
        with pytest.raises(ProviderRejectedRequest) as info:
            await client.send(_request(port), _never_called)
    finally:
        await client.aclose()
    assert info.value.field == "base_url"
    assert hits == []


async def test_the_operator_may_allow_private_endpoints(local_server) -> None:  # type: ignore[no-untyped-def]
    port, hits = local_server
    client = UpstreamClient(transport="aiohttp", allow_private_endpoints=True)
    try:
        response = await client.send(_request(port), _never_called)
    finally:
        await client.aclose()
    assert response.status == 200 and hits == ["/v1/models"]
