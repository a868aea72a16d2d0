"""The OpenAI dialect under /openai/v1, so the official `openai` SDK works unchanged."""

from __future__ import annotations

from litestar import Router
from litestar.di import Provide

from integration_api.entrypoints.rest.openai_dialect.routes import OPENAI_ROUTES
from integration_api.entrypoints.rest.v1.auth import provide_principal


def openai_router() -> Router:
    return Router(
        path="/openai/v1",
        route_handlers=OPENAI_ROUTES,
        dependencies={"principal": Provide(provide_principal)},
        include_in_schema=True,
    )
