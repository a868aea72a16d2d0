"""The per-request fast path of SecretRedactor.register never lets a value go unredacted."""

from integration_api.adapters.observability.redaction import MASK, SecretRedactor
from integration_api.domain.secrets import SecretValue

KEY = "sk-fastpath-0123456789abcdef"


def test_a_value_stays_redacted_across_repeated_registrations() -> None:
    clock = [0.0]
    redactor = SecretRedactor(ttl=10.0, monotonic=lambda: clock[0])
    for step in range(40):  # 0 .. 39.0 s, registering every second as requests would
        clock[0] = float(step)
        redactor.register(SecretValue({"api_key": KEY}))
        assert redactor.redact(f"key={KEY}") == f"key={MASK}"


def test_a_value_evicted_by_the_size_bound_is_registered_again_in_full() -> None:
    redactor = SecretRedactor(max_values=2)
    redactor.register(SecretValue({"api_key": KEY}))
    for i in range(3):
        redactor.register(SecretValue({"api_key": f"sk-other-{i:020d}"}))
    redactor.register(SecretValue({"api_key": KEY}))
    assert redactor.redact(KEY) == MASK


def test_an_unregistered_value_expires_after_its_ttl() -> None:
    clock = [0.0]
    redactor = SecretRedactor(ttl=10.0, monotonic=lambda: clock[0])
    redactor.register(SecretValue({"api_key": "plain-value-without-shape"}))
    clock[0] = 11.0
    assert redactor.redact("plain-value-without-shape") == "plain-value-without-shape"
