"""The two tables from domain errors to transport codes: every domain error has a
deliberate HTTP status and gRPC code, and the REST handlers keep one body shape and never
leak an unexpected exception's text."""

from __future__ import annotations

import inspect

import pytest
from grpclib.const import Status
from litestar import Litestar, get
from litestar.params import FromPath
from litestar.testing import TestClient

from integration_api.domain import errors as e
from integration_api.entrypoints.grpc.errors import grpc_status_for, to_grpc_error, translate_errors
from integration_api.entrypoints.rest.errors import EXCEPTION_HANDLERS, http_status_for

# One row per domain error: (class, HTTP status, gRPC status).
EXPECTED = [
    (e.IntegrationError, 500, Status.INTERNAL),
    (e.ValidationFailed, 422, Status.INVALID_ARGUMENT),
    (e.VerificationFailed, 422, Status.INVALID_ARGUMENT),
    (e.NotFound, 404, Status.NOT_FOUND),
    (e.AlreadyExists, 409, Status.ALREADY_EXISTS),
    (e.Conflict, 409, Status.FAILED_PRECONDITION),
    (e.Unauthenticated, 401, Status.UNAUTHENTICATED),
    (e.PermissionDenied, 403, Status.PERMISSION_DENIED),
    (e.UnsupportedCapability, 400, Status.INVALID_ARGUMENT),
    (e.QuotaExceeded, 429, Status.RESOURCE_EXHAUSTED),
    (e.KeyUnavailable, 503, Status.UNAVAILABLE),
    (e.StorageUnavailable, 503, Status.UNAVAILABLE),
    (e.SecretUnreadable, 500, Status.DATA_LOSS),
    (e.ProviderError, 502, Status.UNKNOWN),
    (e.ProviderAuthFailed, 502, Status.FAILED_PRECONDITION),
    (e.ProviderPermissionDenied, 502, Status.FAILED_PRECONDITION),
    (e.ProviderRateLimited, 429, Status.RESOURCE_EXHAUSTED),
    (e.ProviderUnavailable, 503, Status.UNAVAILABLE),
    (e.ProviderOverloaded, 503, Status.UNAVAILABLE),
    (e.ProviderTimeout, 504, Status.DEADLINE_EXCEEDED),
    (e.ProviderRejectedRequest, 400, Status.INVALID_ARGUMENT),
    (e.ProviderNotFound, 404, Status.NOT_FOUND),
    (e.ContextLengthExceeded, 400, Status.INVALID_ARGUMENT),
    (e.ContentFiltered, 400, Status.INVALID_ARGUMENT),
    (e.ProviderInvalidResponse, 502, Status.UNKNOWN),
]

CANARY = "sk-canary-never-print-0000wxyz"


def domain_error_classes() -> set[type[e.IntegrationError]]:
    return {
        cls
        for _, cls in inspect.getmembers(e, inspect.isclass)
        if issubclass(cls, e.IntegrationError) and cls.__module__ == e.__name__
    }


def test_every_domain_error_has_a_deliberate_row() -> None:
    missing = domain_error_classes() - {cls for cls, _, _ in EXPECTED}
    assert not missing, (
        f"add these to both tables and to EXPECTED: {sorted(c.__name__ for c in missing)}"
    )


@pytest.mark.parametrize(
    ("cls", "http", "grpc"), EXPECTED, ids=lambda v: getattr(v, "__name__", str(v))
)
def test_both_tables_map_the_error(cls: type[e.IntegrationError], http: int, grpc: Status) -> None:
    error = cls("something went wrong")
    assert http_status_for(error) == http
    assert grpc_status_for(error) == grpc


def test_grpc_message_leads_with_the_stable_code() -> None:
    error = to_grpc_error(e.ValidationFailed("name must not be empty", field="name"))
    assert error.status is Status.INVALID_ARGUMENT
    assert error.message == "invalid_argument: name must not be empty (field: name)"


def test_grpc_rate_limit_says_when_to_retry() -> None:
    error = to_grpc_error(e.ProviderRateLimited("slow down", retry_after=2.2, provider="openai"))
    assert error.message == "provider_rate_limited: slow down (retry after 3 s)"


def test_translate_errors_turns_domain_errors_into_grpc_errors() -> None:
    from grpclib.exceptions import GRPCError

    with pytest.raises(GRPCError) as raised, translate_errors():
        raise e.NotFound("credential c1 not found")
    assert raised.value.status is Status.NOT_FOUND


def test_translate_errors_leaves_other_exceptions_alone() -> None:
    with pytest.raises(KeyError), translate_errors():
        raise KeyError("x")


@get("/raise/{kind:str}", sync_to_thread=False)
def raising(kind: FromPath[str]) -> None:
    errors: dict[str, Exception] = {
        "unauthenticated": e.Unauthenticated("missing bearer token"),
        "rate-limited": e.ProviderRateLimited("slow down", retry_after=2.2),
        "validation": e.ValidationFailed("bad name", field="name"),
        "unexpected": RuntimeError(f"upstream said {CANARY}"),
    }
    raise errors[kind]


@pytest.fixture
def client() -> TestClient[Litestar]:
    app = Litestar([raising], exception_handlers=EXCEPTION_HANDLERS, logging_config=None)
    return TestClient(app)


def test_rest_unauthenticated_asks_for_a_bearer_token(client: TestClient[Litestar]) -> None:
    with client:
        response = client.get("/raise/unauthenticated")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json()["error"]["code"] == "unauthenticated"


def test_rest_rate_limit_sets_retry_after(client: TestClient[Litestar]) -> None:
    with client:
        response = client.get("/raise/rate-limited")
    assert response.status_code == 429
    assert response.headers["retry-after"] == "3"


def test_rest_validation_names_the_field(client: TestClient[Litestar]) -> None:
    with client:
        response = client.get("/raise/validation")
    assert response.status_code == 422
    assert response.json() == {
        "error": {"code": "invalid_argument", "message": "bad name", "field": "name"}
    }


def test_rest_unexpected_error_is_a_generic_500(client: TestClient[Litestar]) -> None:
    with client:
        response = client.get("/raise/unexpected")
    assert response.status_code == 500
    assert response.json() == {
        "error": {"code": "internal", "message": "internal error", "field": None}
    }
    assert CANARY not in response.text
