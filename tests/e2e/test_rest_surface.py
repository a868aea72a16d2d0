"""REST on the one port: liveness, readiness, OpenAPI, metrics, and the error shape."""

from __future__ import annotations

import msgspec
from litestar import post
from litestar.params import JSONBody

from e2e.conftest import Service, StartService
from e2e.probes import http_client
from integration_api.domain.errors import NotFound


class Greeting(msgspec.Struct):
    name: str
    times: int = 1


@post("/test/greet", sync_to_thread=False)
def greet(data: JSONBody[Greeting]) -> dict[str, str]:
    if data.name == "nobody":
        raise NotFound("nobody is not here")
    return {"greeting": " ".join(["hello", data.name] * data.times)}


async def test_healthz_answers_200_ok(service: Service) -> None:
    async with http_client(service.base_url) as client:
        response = await client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readiness_names_each_component(service: Service) -> None:
    async with http_client(service.base_url) as client:
        response = await client.get("/readiness/")
    assert response.status_code == 200
    assert response.json() == {"ready": True, "components": {"database": "ok", "cache": "ok"}}


async def test_schema_serves_openapi_json(service: Service) -> None:
    async with http_client(service.base_url) as client:
        response = await client.get("/schema/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert "/readiness" in document["paths"] or "/readiness/" in document["paths"]


async def test_metrics_serve_prometheus_text(service: Service) -> None:
    async with http_client(service.base_url) as client:
        response = await client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    assert "# TYPE" in response.text


async def test_a_body_route_works_end_to_end(start_service: StartService) -> None:
    service = await start_service(rest_routes=[greet])
    async with http_client(service.base_url) as client:
        response = await client.post("/test/greet", json={"name": "ada", "times": 2})
    assert response.status_code == 201
    assert response.json() == {"greeting": "hello ada hello ada"}


async def test_malformed_json_is_a_4xx_in_the_error_shape(start_service: StartService) -> None:
    service = await start_service(rest_routes=[greet])
    async with http_client(service.base_url) as client:
        bodies = [b"{not json", b'{"name": "\xff"}', b"", b"[]", b'{"name": 5}']
        responses = [
            await client.post(
                "/test/greet", content=body, headers={"content-type": "application/json"}
            )
            for body in bodies
        ]
    for body, response in zip(bodies, responses, strict=True):
        assert 400 <= response.status_code < 500, (body, response.status_code, response.text)
        assert set(response.json()["error"]) == {"code", "message", "field"}, body


async def test_a_missing_field_is_422_naming_it(start_service: StartService) -> None:
    service = await start_service(rest_routes=[greet])
    async with http_client(service.base_url) as client:
        response = await client.post("/test/greet", json={"times": 2})
    assert response.status_code == 422
    assert response.json()["error"]["code"] == "invalid_argument"
    assert response.json()["error"]["field"] == "name"


async def test_a_domain_error_maps_through_the_table(start_service: StartService) -> None:
    service = await start_service(rest_routes=[greet])
    async with http_client(service.base_url) as client:
        response = await client.post("/test/greet", json={"name": "nobody"})
    assert response.status_code == 404
    assert response.json() == {
        "error": {"code": "not_found", "message": "nobody is not here", "field": None}
    }


async def test_an_unknown_route_is_404_in_the_error_shape(service: Service) -> None:
    async with http_client(service.base_url) as client:
        response = await client.get("/no/such/route")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
