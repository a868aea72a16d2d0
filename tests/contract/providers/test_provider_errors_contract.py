"""Upstream failures: one error class each, bounded retries honouring Retry-After, no key
in any message."""

from __future__ import annotations

import provider_canon as canon
import pytest
from provider_suite import MAX_RETRIES, Running, run_chat

from integration_api.domain.errors import (
    ProviderAuthFailed,
    ProviderError,
    ProviderInvalidResponse,
    ProviderOverloaded,
    ProviderPermissionDenied,
    ProviderRateLimited,
    ProviderTimeout,
    ProviderUnavailable,
)

STATUS_ERRORS = {
    "error_401": (ProviderAuthFailed, 1),
    "error_403": (ProviderPermissionDenied, 1),
    "error_500": (ProviderUnavailable, 1 + MAX_RETRIES),
    "error_529": (ProviderOverloaded, 1 + MAX_RETRIES),
}


async def _raises(provider: Running, scenario: str, mode: str) -> ProviderError:
    with pytest.raises(ProviderError) as caught:
        await run_chat(provider, scenario, mode)
    return caught.value


@pytest.mark.parametrize("scenario", sorted(STATUS_ERRORS))
async def test_status_maps_to_one_error_class(provider: Running, mode: str, scenario: str) -> None:
    error_class, _ = STATUS_ERRORS[scenario]
    error = await _raises(provider, scenario, mode)
    assert type(error) is error_class
    assert error.provider == provider.harness.name


@pytest.mark.parametrize("scenario", sorted(STATUS_ERRORS))
async def test_only_retryable_statuses_are_retried(
    provider: Running, mode: str, scenario: str
) -> None:
    provider.skip_if_unsupported("http")
    _, attempts = STATUS_ERRORS[scenario]
    await _raises(provider, scenario, mode)
    assert len(provider.harness.requests()) == attempts
    assert len(provider.sleeps.waits) == attempts - 1


async def test_rate_limit_carries_retry_after(provider: Running, mode: str) -> None:
    error = await _raises(provider, "error_429_retry_after", mode)
    assert isinstance(error, ProviderRateLimited)
    assert error.retry_after == canon.RETRY_AFTER


async def test_rate_limit_retries_wait_what_the_upstream_asked(
    provider: Running, mode: str
) -> None:
    provider.skip_if_unsupported("http")
    await _raises(provider, "error_429_retry_after", mode)
    assert provider.sleeps.waits == [canon.RETRY_AFTER] * MAX_RETRIES
    assert len(provider.harness.requests()) == 1 + MAX_RETRIES


async def test_rate_limit_then_success_is_retried_transparently(
    provider: Running, mode: str
) -> None:
    provider.skip_if_unsupported("http")
    outcome = await run_chat(provider, "error_429_retry_after", mode, then_succeed=True)
    assert outcome.text == canon.TEXT
    assert provider.sleeps.waits == [canon.RETRY_AFTER]


async def test_timeout(provider: Running, mode: str) -> None:
    error = await _raises(provider, "timeout", mode)
    assert isinstance(error, ProviderTimeout)


async def test_malformed_body(provider: Running, mode: str) -> None:
    error = await _raises(provider, "malformed_body", mode)
    assert isinstance(error, ProviderInvalidResponse)


@pytest.mark.parametrize("scenario", [*sorted(STATUS_ERRORS), "error_429_retry_after"])
async def test_errors_never_echo_the_key(provider: Running, mode: str, scenario: str) -> None:
    error = await _raises(provider, scenario, mode)
    shown = f"{error} {error!r} {error.message} {error.args}"
    for value in provider.harness.binding().secret.values():
        assert value not in shown
