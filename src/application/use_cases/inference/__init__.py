"""Inference use cases, bundled for the Application facade."""

from __future__ import annotations

from dataclasses import dataclass

from integration_api.application.use_cases.inference.chat import Chat
from integration_api.application.use_cases.inference.embed import Embed
from integration_api.application.use_cases.inference.list_models import ListModels
from integration_api.application.use_cases.inference.list_providers import ListProviders
from integration_api.application.use_cases.inference.rerank import Rerank
from integration_api.application.use_cases.inference.resolve_model import ResolveModel
from integration_api.application.use_cases.inference.stream_chat import StreamChat


@dataclass(frozen=True, slots=True, kw_only=True)
class InferenceUseCases:
    chat: Chat
    stream_chat: StreamChat
    embed: Embed
    rerank: Rerank
    list_providers: ListProviders
    list_models: ListModels
    resolve_model: ResolveModel


__all__ = ["InferenceUseCases"]
