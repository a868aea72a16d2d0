"""integration.v1.InferenceService: the same behaviour as /v1/chat, /v1/embed, /v1/rerank.
Models are qualified: `<credential-id>/<model>` or `<provider>/<model>`."""

from __future__ import annotations

from typing import Any

from grpclib.server import Stream

from integration_api.application.facade import Application
from integration_api.domain.embeddings import EmbeddingRequest, RerankRequest
from integration_api.domain.errors import IntegrationError
from integration_api.entrypoints.grpc.errors import to_grpc_error, translate_errors
from integration_api.entrypoints.grpc.generated.integration.v1 import inference_pb2 as pb
from integration_api.entrypoints.grpc.generated.integration.v1.inference_grpc import (
    InferenceServiceBase,
)
from integration_api.entrypoints.grpc.services.auth import principal_of
from integration_api.entrypoints.grpc.services.inference_mapping import (
    chat_request,
    chat_response_pb,
    event_pb,
    model_pb,
    provider_pb,
    usage_pb,
)
from integration_api.entrypoints.grpc.services.receive import receive
from integration_api.entrypoints.validation import checked

_INPUT_TYPES = {pb.INPUT_TYPE_QUERY: "query", pb.INPUT_TYPE_DOCUMENT: "document"}


class InferenceService(InferenceServiceBase):
    def __init__(self, application: Application) -> None:
        self._app = application

    async def _targets(self, stream: Stream[Any, Any], req: pb.ChatRequest) -> Any:
        principal = await principal_of(self._app, stream)
        resolve = self._app.inference.resolve_model
        target = await resolve(principal, req.model)
        fallbacks = tuple([await resolve(principal, m) for m in req.fallback_models])
        return principal, target, fallbacks

    async def Chat(self, stream: Stream[Any, Any]) -> None:
        req = await receive(stream, pb.ChatRequest)
        with translate_errors():
            principal, target, fallbacks = await self._targets(stream, req)
            request = chat_request(req, target.model)
            response = await self._app.inference.chat(principal, target, request, fallbacks)
        await stream.send_message(chat_response_pb(response))

    async def StreamChat(self, stream: Stream[Any, Any]) -> None:
        req = await receive(stream, pb.ChatRequest)
        with translate_errors():
            principal, target, fallbacks = await self._targets(stream, req)
            request = chat_request(req, target.model)
            events = await self._app.inference.stream_chat(principal, target, request, fallbacks)
        try:  # a cancelled call cancels this task; `finally` closes the upstream stream
            async for event in events:
                await stream.send_message(event_pb(event))
        except IntegrationError as exc:
            raise to_grpc_error(exc) from None
        finally:
            await events.aclose()

    async def Embed(self, stream: Stream[Any, Any]) -> None:
        req = await receive(stream, pb.EmbedRequest)
        with translate_errors():
            principal = await principal_of(self._app, stream)
            target = await self._app.inference.resolve_model(principal, req.model)
            request = checked(
                "request",
                lambda: EmbeddingRequest(
                    model=target.model,
                    inputs=tuple(req.inputs),
                    dimensions=req.dimensions if req.HasField("dimensions") else None,
                    input_type=_INPUT_TYPES.get(req.input_type),  # type: ignore[arg-type]
                ),
            )
            response = await self._app.inference.embed(principal, target.credential_id, request)
        await stream.send_message(
            pb.EmbedResponse(
                embeddings=[pb.Embedding(values=v) for v in response.vectors],
                usage=usage_pb(response.usage),
                provider=response.provider,
                model=response.model,
            )
        )

    async def Rerank(self, stream: Stream[Any, Any]) -> None:
        req = await receive(stream, pb.RerankRequest)
        with translate_errors():
            principal = await principal_of(self._app, stream)
            target = await self._app.inference.resolve_model(principal, req.model)
            request = checked(
                "request",
                lambda: RerankRequest(
                    model=target.model,
                    query=req.query,
                    documents=tuple(req.documents),
                    top_n=req.top_n if req.HasField("top_n") else None,
                ),
            )
            response = await self._app.inference.rerank(principal, target.credential_id, request)
        await stream.send_message(
            pb.RerankResponse(
                results=[pb.RerankResult(index=r.index, score=r.score) for r in response.results],
                provider=response.provider,
                model=response.model,
                usage=usage_pb(response.usage),
            )
        )

    async def ListProviders(self, stream: Stream[Any, Any]) -> None:
        await receive(stream, pb.ListProvidersRequest)
        with translate_errors():
            principal = await principal_of(self._app, stream)
            specs = await self._app.inference.list_providers(principal)
        await stream.send_message(
            pb.ListProvidersResponse(providers=[provider_pb(s) for s in specs])
        )

    async def ListModels(self, stream: Stream[Any, Any]) -> None:
        req = await receive(stream, pb.ListModelsRequest)
        with translate_errors():
            principal = await principal_of(self._app, stream)
            models = await self._app.inference.list_models(principal, req.credential_id)
        await stream.send_message(pb.ListModelsResponse(models=[model_pb(m) for m in models]))
