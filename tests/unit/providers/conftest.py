"""`upstream_transport`: every test that builds an UpstreamClient runs on each transport."""

from __future__ import annotations

import pytest

from integration_api.adapters.providers._shared.transport import TRANSPORTS, TransportName


@pytest.fixture(params=TRANSPORTS)
def upstream_transport(request: pytest.FixtureRequest) -> TransportName:
    name: TransportName = request.param
    return name
