"""Embeddings and rerank requests and results."""

from __future__ import annotations

from typing import Literal

import msgspec

from integration_api.domain.chat import Usage
from integration_api.domain.errors import ValidationFailed


class EmbeddingRequest(msgspec.Struct, frozen=True, kw_only=True):
    model: str
    inputs: tuple[str, ...]
    dimensions: int | None = None
    input_type: Literal["query", "document"] | None = None

    def __post_init__(self) -> None:
        if not self.model:
            raise ValidationFailed("model is required", field="model")
        if not self.inputs:
            raise ValidationFailed("inputs must not be empty", field="inputs")
        if self.dimensions is not None and self.dimensions < 1:
            raise ValidationFailed("dimensions must be positive", field="dimensions")


class EmbeddingResponse(msgspec.Struct, frozen=True, kw_only=True):
    vectors: tuple[tuple[float, ...], ...]  # in input order
    usage: Usage
    provider: str
    model: str


class RerankRequest(msgspec.Struct, frozen=True, kw_only=True):
    model: str
    query: str
    documents: tuple[str, ...]
    top_n: int | None = None

    def __post_init__(self) -> None:
        if not self.model:
            raise ValidationFailed("model is required", field="model")
        if not self.documents:
            raise ValidationFailed("documents must not be empty", field="documents")
        if self.top_n is not None and self.top_n < 1:
            raise ValidationFailed("top_n must be positive", field="top_n")


class RerankResult(msgspec.Struct, frozen=True, kw_only=True):
    index: int
    score: float


class RerankResponse(msgspec.Struct, frozen=True, kw_only=True):
    results: tuple[RerankResult, ...]  # sorted by score, highest first
    provider: str
    model: str
    usage: Usage = msgspec.field(default_factory=Usage)

    def __post_init__(self) -> None:
        scores = [r.score for r in self.results]
        if scores != sorted(scores, reverse=True):
            raise ValueError("rerank results are sorted by score, highest first")
