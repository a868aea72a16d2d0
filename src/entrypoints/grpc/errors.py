"""THE table from domain errors to gRPC status codes, and the helpers handlers use.

Errors are real status codes, never OK with an error inside. The message starts with the
error's stable code (`not_found: credential ... not found`) so clients can branch on it
without parsing prose; domain messages never hold secrets. Exceptions outside the domain
tree are left to grpclib, which answers INTERNAL with a generic message.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from contextlib import contextmanager

from grpclib.const import Status
from grpclib.exceptions import GRPCError

from integration_api.domain import errors as e

# Looked up along the exception's MRO, so a subclass without its own row (say
# ContextLengthExceeded) gets its parent's status.
GRPC_STATUS: dict[type[e.IntegrationError], Status] = {
    e.ValidationFailed: Status.INVALID_ARGUMENT,
    e.NotFound: Status.NOT_FOUND,
    e.AlreadyExists: Status.ALREADY_EXISTS,
    e.Conflict: Status.FAILED_PRECONDITION,
    e.Unauthenticated: Status.UNAUTHENTICATED,
    e.PermissionDenied: Status.PERMISSION_DENIED,
    e.UnsupportedCapability: Status.INVALID_ARGUMENT,
    e.QuotaExceeded: Status.RESOURCE_EXHAUSTED,
    e.StorageUnavailable: Status.UNAVAILABLE,
    e.KeyUnavailable: Status.UNAVAILABLE,
    e.StorageUnavailable: Status.UNAVAILABLE,
    # A tampered, moved or wrongly keyed ciphertext: the stored data is corrupt.
    e.SecretUnreadable: Status.DATA_LOSS,
    # The stored credential is rejected upstream: retrying cannot help until it is fixed.
    e.ProviderAuthFailed: Status.FAILED_PRECONDITION,
    e.ProviderPermissionDenied: Status.FAILED_PRECONDITION,
    e.ProviderRateLimited: Status.RESOURCE_EXHAUSTED,
    e.ProviderUnavailable: Status.UNAVAILABLE,
    e.ProviderTimeout: Status.DEADLINE_EXCEEDED,
    e.ProviderRejectedRequest: Status.INVALID_ARGUMENT,
    e.ProviderNotFound: Status.NOT_FOUND,
    e.ContentFiltered: Status.INVALID_ARGUMENT,
    e.ProviderInvalidResponse: Status.UNKNOWN,
    e.ProviderError: Status.UNKNOWN,
    e.IntegrationError: Status.INTERNAL,
}


def grpc_status_for(exc: e.IntegrationError) -> Status:
    for cls in type(exc).__mro__:
        status = GRPC_STATUS.get(cls)
        if status is not None:
            return status
    return Status.INTERNAL  # unreachable: IntegrationError itself has a row


def _message_for(exc: e.IntegrationError) -> str:
    message = exc.code if exc.message == exc.code else f"{exc.code}: {exc.message}"
    if exc.field:
        message += f" (field: {exc.field})"
    if isinstance(exc, e.ProviderRateLimited) and exc.retry_after is not None:
        message += f" (retry after {max(1, math.ceil(exc.retry_after))} s)"
    return message


def to_grpc_error(exc: e.IntegrationError) -> GRPCError:
    """The GRPCError a handler raises for `exc`."""
    return GRPCError(grpc_status_for(exc), _message_for(exc))


@contextmanager
def translate_errors() -> Iterator[None]:
    """Wrap a handler body: `with translate_errors(): ...` turns domain errors into status
    codes; anything else propagates (grpclib answers INTERNAL without its text)."""
    try:
        yield
    except e.IntegrationError as exc:
        raise to_grpc_error(exc) from None
