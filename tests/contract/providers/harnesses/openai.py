"""Contract harness: OpenAI over the fake OpenAI upstream."""

from __future__ import annotations

from openai_dialect_harness import OpenAIDialectHarness

from integration_api.adapters.providers import openai as provider


class OpenAIHarness(OpenAIDialectHarness):
    name = "openai"
    model = "gpt-4o-mini"

    def __init__(self) -> None:
        super().__init__(provider.build)


HARNESS = OpenAIHarness
