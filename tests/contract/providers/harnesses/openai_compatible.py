"""Contract harness: an OpenAI-compatible server (keyless, like a default Ollama) over the
fake OpenAI upstream; the dialect sends `max_tokens`."""

from __future__ import annotations

from openai_dialect_harness import OpenAIDialectHarness

from integration_api.adapters.providers import openai_compatible as provider


class OpenAICompatibleHarness(OpenAIDialectHarness):
    name = "openai_compatible"
    model = "llama3.2"
    embedding_model = "nomic-embed-text"
    api_key = None
    max_tokens_field = "max_tokens"

    def __init__(self) -> None:
        super().__init__(provider.build)


HARNESS = OpenAICompatibleHarness
