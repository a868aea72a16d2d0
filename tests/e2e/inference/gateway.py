"""The running service as the e2e tests drive it: an authenticated httpx client, credential
set-up through the REST API, and gRPC metadata."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx
from support.real_service import RunningService

# Obviously fake canary keys: a test fails if one ever shows up in a response.
OPENAI_KEY = "sk-fake-canary-openai-e2e-00000000000000000001"
ANTHROPIC_KEY = "sk-ant-fake-canary-e2e-00000000000000000002"


@dataclass
class Gateway:
    service: RunningService
    http: httpx.AsyncClient  # base_url and Authorization already set

    @property
    def token(self) -> str:
        return self.service.tokens["default"]

    @property
    def metadata(self) -> dict[str, str]:
        """gRPC metadata carrying the caller's token."""
        return {"authorization": f"Bearer {self.token}"}

    async def add_credential(self, provider: str, base_url: str, api_key: str) -> str:
        """Stores an unverified credential whose base_url points at a fake; returns its id."""
        body = {
            "provider": provider,
            "name": f"{provider} at {base_url}",  # names are unique per project
            "secret": {"api_key": api_key},
            "config": {"base_url": base_url},
        }
        response = await self.http.post("/v1/credentials", params={"verify": "false"}, json=body)
        assert response.status_code == 201, response.text
        credential_id: str = response.json()["id"]
        return credential_id

    def chat_body(self, credential_id: str, **extra: Any) -> dict[str, Any]:
        """A /v1/chat body with one user message."""
        return {
            "credential_id": credential_id,
            "model": "gpt-4o-mini",
            "messages": [{"role": "user", "content": "What is the weather in Paris?"}],
            **extra,
        }
