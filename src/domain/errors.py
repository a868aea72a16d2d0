"""The one error tree. Each class has a stable `code` and says whether a retry may help.

Transport codes (HTTP, gRPC) are mapped only in entrypoints/rest/errors.py and
entrypoints/grpc/errors.py. Messages never contain secret material.
"""

from __future__ import annotations


class IntegrationError(Exception):
    code = "internal"
    retryable = False

    def __init__(self, message: str = "", *, field: str | None = None) -> None:
        super().__init__(message or self.code)
        self.message = message or self.code
        self.field = field


class ValidationFailed(IntegrationError):
    code = "invalid_argument"


class NotFound(IntegrationError):
    code = "not_found"


class AlreadyExists(IntegrationError):
    code = "already_exists"


class Conflict(IntegrationError):
    code = "conflict"


class Unauthenticated(IntegrationError):
    code = "unauthenticated"


class PermissionDenied(IntegrationError):
    code = "permission_denied"


class UnsupportedCapability(IntegrationError):
    code = "unsupported_capability"


class QuotaExceeded(IntegrationError):
    code = "quota_exceeded"
    retryable = True


class KeyUnavailable(IntegrationError):
    """The key source cannot wrap or unwrap (missing KEK, KMS down, retired key)."""

    code = "key_unavailable"


class StorageUnavailable(IntegrationError):
    """The database (or another store the request needs) did not answer."""

    code = "storage_unavailable"
    retryable = True


class SecretUnreadable(IntegrationError):
    """A sealed secret failed authentication: tampered, moved to another row, or wrong KEK."""

    code = "secret_unreadable"


class ProviderError(IntegrationError):
    code = "provider_error"

    def __init__(
        self,
        message: str = "",
        *,
        provider: str = "",
        status: int | None = None,
        request_id: str | None = None,
        field: str | None = None,
    ) -> None:
        super().__init__(message, field=field)
        self.provider = provider
        self.status = status
        self.request_id = request_id


class ProviderAuthFailed(ProviderError):
    code = "provider_auth_failed"


class ProviderPermissionDenied(ProviderError):
    code = "provider_permission_denied"


class ProviderRateLimited(ProviderError):
    code = "provider_rate_limited"
    retryable = True

    def __init__(
        self,
        message: str = "",
        *,
        retry_after: float | None = None,
        provider: str = "",
        status: int | None = None,
        request_id: str | None = None,
    ) -> None:
        super().__init__(message, provider=provider, status=status, request_id=request_id)
        self.retry_after = retry_after


class ProviderUnavailable(ProviderError):
    code = "provider_unavailable"
    retryable = True


class ProviderOverloaded(ProviderUnavailable):
    code = "provider_overloaded"


class ProviderTimeout(ProviderError):
    code = "provider_timeout"
    retryable = True


class ProviderRejectedRequest(ProviderError):
    code = "provider_rejected_request"


class ProviderNotFound(ProviderError):
    """The upstream does not know the model or resource."""

    code = "provider_not_found"


class ContextLengthExceeded(ProviderRejectedRequest):
    code = "context_length_exceeded"


class ContentFiltered(ProviderError):
    code = "content_filtered"


class ProviderInvalidResponse(ProviderError):
    """The upstream answered with something that is not its documented wire format."""

    code = "provider_invalid_response"


class VerificationFailed(ValidationFailed):
    """The provider rejected the key; nothing was stored."""

    code = "verification_failed"
