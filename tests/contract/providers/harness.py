"""The ProviderHarness protocol every provider's contract-suite harness implements.

A harness owns one provider's fake upstream (aiohttp on 127.0.0.1, port 0) and translates
the shared scenario names into that vendor's real wire format, with the content fixed in
`provider_canon.py` (so the suite asserts the same facts for every provider). Harness
modules live in `harnesses/<provider>.py` and expose `HARNESS`: a zero-argument callable
(usually the class) returning a fresh, unstarted harness. The suite builds one per test.

Lifecycle, as the suite drives it:
    harness = HARNESS()
    entry = await harness.start(client)   # start the fake, build the ProviderEntry on `client`
    harness.program("tool_call")          # next request(s) get this scenario
    ... call entry.chat / entry.chat.stream / entry.embeddings ... with harness.binding()
    harness.requests()                    # what the adapter sent (for check/validate)
    await harness.stop()

Scenario names (all harnesses share them; `program` raises KeyError for unknown ones):
    simple_text, system_multiturn, tool_call, tool_result_roundtrip,
    parallel_tool_calls_stream, json_output, image_input, usage, finish_stop,
    finish_length, finish_tool_calls, finish_content_filter, error_401, error_403,
    error_429_retry_after, error_500, error_529, timeout, malformed_body, midstream_error,
    cancellation, embeddings_order_dimensions, verify_valid, verify_invalid
Each scenario answers chat and streaming requests alike (the fake looks at the request's
stream flag), persistently until the next `program` call, except where params say otherwise:
    error_429_retry_after(then_succeed=False): 429 with Retry-After = canon.RETRY_AFTER;
        with then_succeed=True only the first request fails, later ones get simple_text.
    verify_invalid(status=401): the models/verify endpoint answers `status` (401 or 403).
    json_output(schema=False): same reply; the request side differs (json vs json_schema).
    timeout: the fake waits canon.TIMEOUT_DELAY seconds before answering anything.
    cancellation: streams canon.TEXT_CHUNKS[0], then holds the connection open (sending
        nothing) for up to canon.HOLD_SECONDS, noting when the client closes it.
    midstream_error: streams canon.TEXT_CHUNKS[0], then the vendor's in-stream error event
        (a server/overloaded error, so it maps to ProviderUnavailable or a subclass).
    malformed_body: 200 with a body that is not the vendor's format (not JSON at all for
        unary calls; a non-JSON data line for streams).
    embeddings_order_dimensions: vectors are `canon.vector(i, dimensions)` for input i,
        served out of index order.
    verify_valid: the verify/models endpoint lists canon.MODELS.

`unsupported` maps a scenario name, or one of the keys "sdk" (no vendor SDK to ground the
fake) and "http" (no HTTP fake: requests() is empty), to the reason the suite skips it.
Capabilities the provider's spec does not declare are skipped by the suite on their own.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol

import msgspec

from integration_api.adapters.providers._shared import UpstreamClient
from integration_api.adapters.providers.registry import ProviderEntry
from integration_api.application.ports.provider_binding import ProviderBinding


class RecordedRequest(Protocol):
    """One request a fake received. Header names are lower-case; body is decoded JSON."""

    @property
    def method(self) -> str: ...

    @property
    def path(self) -> str: ...

    @property
    def headers(self) -> Mapping[str, str]: ...

    @property
    def body(self) -> Any: ...


class SdkObservation(msgspec.Struct, kw_only=True):
    """What the vendor's official SDK read from the fake for one scenario.

    `tool_calls` are (name, parsed arguments) in index order; `error_status` is the HTTP
    status of the SDK's APIStatusError (None when it succeeded); `error` names the SDK
    exception class for any error the SDK raised, e.g. an error event inside a stream."""

    text: str = ""
    tool_calls: tuple[tuple[str, Any], ...] = ()
    input_tokens: int | None = None
    output_tokens: int | None = None
    error_status: int | None = None
    vectors: tuple[tuple[float, ...], ...] = ()
    model_ids: tuple[str, ...] = ()
    error: str | None = None


class ProviderHarness(Protocol):
    name: str  # the provider's registry name, e.g. "openai"
    model: str  # chat model id sent in requests
    embedding_model: str  # embeddings model id ("" when the provider has none)
    unsupported: Mapping[str, str]

    async def start(self, client: UpstreamClient) -> ProviderEntry:
        """Starts the fake and returns the provider's entry built on `client`."""
        ...

    async def stop(self) -> None: ...

    def binding(self) -> ProviderBinding:
        """A binding with a fake canary key whose base_url points at the fake."""
        ...

    def program(self, scenario: str, **params: Any) -> None: ...

    def requests(self) -> Sequence[RecordedRequest]: ...

    async def wait_disconnected(self, within: float) -> bool:
        """True once the fake saw the client close a connection mid-reply (cancellation)."""
        ...

    def check_request(self, scenario: str, request: RecordedRequest) -> None:
        """Asserts the vendor-specific shape of what the adapter sent for `scenario`
        (system placement, tool and tool-result encoding, response format, images...)."""
        ...

    def validate_request(self, request: RecordedRequest) -> None:
        """Validates a recorded body against the vendor SDK's request param types; raises
        (e.g. pydantic.ValidationError) when it does not conform."""
        ...

    async def sdk_observe(self, scenario: str, *, stream: bool) -> SdkObservation:
        """Points the vendor's official SDK at the fake (programmed with `scenario`) and
        reports what it read. The SDK's own parsing errors propagate."""
        ...


HarnessFactory = Callable[[], ProviderHarness]

HARNESS_DIR = Path(__file__).with_name("harnesses")


def load_harnesses() -> dict[str, HarnessFactory]:
    """Every `harnesses/<name>.py` module's HARNESS, keyed by the module's stem.

    Modules are loaded by path under private names, so `harnesses/openai.py` never shadows
    the `openai` SDK."""
    found: dict[str, HarnessFactory] = {}
    for path in sorted(HARNESS_DIR.glob("*.py")):
        if path.name.startswith("_"):
            continue
        spec = importlib.util.spec_from_file_location(f"_provider_harness_{path.stem}", path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        found[path.stem] = module.HARNESS
    return found
