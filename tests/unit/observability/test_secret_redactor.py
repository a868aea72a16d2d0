from __future__ import annotations

import pickle
import threading

import pytest

from integration_api.adapters.observability.redaction import MASK, SecretRedactor
from integration_api.domain.secrets import SecretValue

CANARY = "canary-FAKE-value-0123456789"


class ManualTime:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_registered_values_are_masked_wherever_they_appear() -> None:
    redactor = SecretRedactor()
    redactor.register(SecretValue({"access_key": "AKIDFAKE0001x", "secret": CANARY}))
    text = redactor.redact(f"url=https://h/?k={CANARY}&id=AKIDFAKE0001x done")
    assert CANARY not in text and "AKIDFAKE0001x" not in text
    assert text == f"url=https://h/?k={MASK}&id={MASK} done"


def test_json_escaped_form_of_a_value_is_masked() -> None:
    pem_like = 'line-one-secret\nline-two "quoted"'
    redactor = SecretRedactor()
    redactor.register(SecretValue({"service_account": pem_like}))
    import json

    text = redactor.redact("body=" + json.dumps({"sa": pem_like}))
    assert "line-one-secret" not in text and MASK in text


def test_longer_value_containing_a_shorter_one_is_masked_whole() -> None:
    redactor = SecretRedactor()
    redactor.register(SecretValue({"a": "abcdef123", "b": "abcdef123-tail-part"}))
    assert redactor.redact("x abcdef123-tail-part y") == f"x {MASK} y"


def test_values_expire_after_the_ttl() -> None:
    clock = ManualTime()
    redactor = SecretRedactor(ttl=600, monotonic=clock)
    redactor.register(SecretValue({"k": CANARY}))
    clock.now += 599
    assert CANARY not in redactor.redact(CANARY)
    clock.now += 2
    assert redactor.redact(CANARY) == CANARY
    assert len(redactor) == 0


def test_only_the_most_recent_values_are_kept() -> None:
    redactor = SecretRedactor(max_values=3)
    for i in range(5):
        redactor.register(SecretValue({"k": f"value-number-{i}"}))
    assert len(redactor) == 3
    assert redactor.redact("value-number-0") == "value-number-0"
    assert redactor.redact("value-number-4") == MASK


def test_many_values_use_the_index_and_still_mask_every_one() -> None:
    redactor = SecretRedactor()
    values = [f"bulk-secret-{i:05d}-zz" for i in range(500)]
    for value in values:
        redactor.register(SecretValue({"k": value}))
    text = " | ".join(values[::50]) + " tail"
    redacted = redactor.redact(text)
    assert not any(v in redacted for v in values)
    assert redacted.endswith(" tail") and redacted.count(MASK) == 10


def test_too_short_values_are_not_masked_by_value() -> None:
    redactor = SecretRedactor(min_length=6)
    redactor.register(SecretValue({"k": "abc"}))
    assert redactor.redact("abc abc") == "abc abc"


def test_repr_and_pickle_reveal_nothing() -> None:
    redactor = SecretRedactor()
    redactor.register(SecretValue({"k": CANARY}))
    assert CANARY not in repr(redactor) and CANARY not in str(redactor)
    with pytest.raises(TypeError):
        pickle.dumps(redactor)


def test_register_and_redact_from_many_threads() -> None:
    redactor = SecretRedactor(max_values=20_000)
    errors: list[str] = []

    def worker(n: int) -> None:
        for i in range(200):
            value = f"thread-{n}-secret-{i:04d}"
            redactor.register(SecretValue({"k": value}))
            if value in redactor.redact(f"<{value}>"):
                errors.append(value)

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(redactor) == 800


# Obviously fake values in each known shape (AWS's documented example keys among them).
_FAKE_SHAPES = {
    "openai": "sk-" + "FAKEfake" * 4,
    "openai-project": "sk-proj-" + "Fake_Key-" * 5,
    "anthropic": "sk-ant-api03-" + "fakeFAKE" * 5,
    "aws-access-key-id": "AKIA" + "IOSFODNN7EXAMPLE",
    "google": "AIza" + "SyFAKE-fake_FAKEfakeFAKEfake0123456",
    "huggingface": "hf_" + "FAKEfakeFAKEfakeFAKEfakeFAKEfake",
    "replicate": "r8_" + "FAKEfakeFAKEfakeFAKEfakeFAKEfake12345",
    "our-api-token": "iapi_abc123def456_" + "FAKE-fake_FAKEfakeFAKEfakeFAKEfakeFAKEfake123",
}


@pytest.mark.parametrize("name", sorted(_FAKE_SHAPES))
def test_known_key_shapes_are_masked_without_registration(name: str) -> None:
    fake = _FAKE_SHAPES[name]
    text = SecretRedactor().redact(f"calling with key={fake}, then more")
    assert fake not in text and fake[-8:] not in text
    assert text == f"calling with key={MASK}, then more"


@pytest.mark.parametrize(
    "line",
    [
        "aws_secret_access_key = {s}",
        'AWS_SECRET_ACCESS_KEY="{s}"',
        '{{"SecretAccessKey": "{s}"}}',
    ],
)
def test_aws_secret_after_its_name_is_masked_and_the_name_kept(line: str) -> None:
    secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCY" + "EXAMPLEKEY"
    text = SecretRedactor().redact(line.format(s=secret))
    assert secret not in text and MASK in text and "ecret" in text.lower()


def test_bearer_credentials_are_masked_and_the_scheme_kept() -> None:
    text = SecretRedactor().redact("Authorization: Bearer eyJ.fake.token, next")
    assert text == f"Authorization: Bearer {MASK}, next"


@pytest.mark.parametrize(
    "pem",
    [
        "-----BEGIN PRIVATE KEY-----\nMIIFAKE\nFAKE==\n-----END PRIVATE KEY-----",
        "-----BEGIN RSA PRIVATE KEY-----\\nMIIFAKE\\n-----END RSA PRIVATE KEY-----",
        "-----BEGIN EC PRIVATE KEY-----\nMIIFAKE-cut-off-here",
    ],
    ids=["pkcs8", "rsa-json-escaped", "truncated"],
)
def test_private_key_blocks_are_masked(pem: str) -> None:
    text = SecretRedactor().redact(f"sa={pem} end")
    assert "MIIFAKE" not in text and MASK in text


def test_ordinary_text_is_left_alone() -> None:
    text = "GET /v1/models 200 in 12 ms; provider=openai model=gpt-4o-mini tokens=42"
    assert SecretRedactor().redact(text) == text


def test_index_follows_values_added_refreshed_and_expired() -> None:
    clock = ManualTime()
    redactor = SecretRedactor(ttl=10, monotonic=clock)
    for i in range(100):
        redactor.register(SecretValue({"k": f"indexed-secret-{i:03d}"}))
    assert redactor.redact("indexed-secret-007") == MASK
    clock.now += 5
    redactor.register(SecretValue({"k": "indexed-secret-007"}))  # refresh only
    redactor.register(SecretValue({"k": "late-secret-value"}))  # new value
    assert redactor.redact("late-secret-value") == MASK
    clock.now += 6
    assert redactor.redact("indexed-secret-008") == "indexed-secret-008"
    assert redactor.redact("indexed-secret-007 late-secret-value") == f"{MASK} {MASK}"
