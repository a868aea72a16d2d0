"""Verify: ok for a valid key, ok=False for 401/403, a raised error for an outage; models."""

from __future__ import annotations

import provider_canon as canon
import pytest
from provider_suite import Running

from integration_api.domain.errors import ProviderUnavailable


async def test_valid_key_verifies(provider: Running) -> None:
    provider.require("verify")
    provider.harness.program("verify_valid")
    assert provider.entry.verifier is not None
    result = await provider.entry.verifier.verify(provider.harness.binding())
    assert result.ok
    assert result.error_code is None


@pytest.mark.parametrize("status", [401, 403])
async def test_rejected_key_is_not_ok(provider: Running, status: int) -> None:
    provider.require("verify")
    provider.harness.program("verify_invalid", status=status)
    assert provider.entry.verifier is not None
    result = await provider.entry.verifier.verify(provider.harness.binding())
    assert not result.ok
    expected = "provider_auth_failed" if status == 401 else "provider_permission_denied"
    assert result.error_code == expected


async def test_outage_raises_instead_of_marking_the_key_invalid(provider: Running) -> None:
    provider.require("verify")
    provider.harness.program("error_500")
    assert provider.entry.verifier is not None
    with pytest.raises(ProviderUnavailable):
        await provider.entry.verifier.verify(provider.harness.binding())


async def test_list_models(provider: Running) -> None:
    provider.require("list_models")
    provider.harness.program("verify_valid")
    assert provider.entry.models is not None
    models = await provider.entry.models.list_models(provider.harness.binding())
    assert tuple(m.id for m in models) == canon.MODELS
    assert {m.provider for m in models} == {provider.harness.name}
