from __future__ import annotations

import pytest
from auth_test_clock import SteppingClock

from integration_api.domain.tenancy import Tenant


@pytest.fixture
def clock() -> SteppingClock:
    return SteppingClock()


@pytest.fixture
def tenant() -> Tenant:
    return Tenant(organization_id="org-1", project_id="proj-1")
