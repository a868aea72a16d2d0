import copy
import pickle

import msgspec
import pytest

from integration_api.domain.secrets import SecretBinding, SecretValue, fingerprint_of

CANARY = "sk-canary-0123456789abcdefWXYZ"


def test_repr_str_and_format_show_only_the_fingerprint() -> None:
    secret = SecretValue({"api_key": CANARY})
    for shown in (repr(secret), str(secret), f"{secret}", f"{secret!r}", str([secret])):
        assert CANARY not in shown
        assert "WXYZ" in shown


def test_refuses_msgspec_encoding() -> None:
    with pytest.raises(TypeError):
        msgspec.json.encode({"s": SecretValue({"api_key": CANARY})})
    with pytest.raises(TypeError):
        msgspec.msgpack.encode(SecretValue({"api_key": CANARY}))


def test_refuses_pickling() -> None:
    with pytest.raises(TypeError):
        pickle.dumps(SecretValue({"api_key": CANARY}))


def test_is_immutable_and_reveal_is_the_way_in() -> None:
    secret = SecretValue({"api_key": CANARY, "org": "o"})
    with pytest.raises(AttributeError):
        secret._items = {}  # type: ignore[misc]
    assert secret.reveal()["api_key"] == CANARY
    assert secret.get("missing") is None
    assert copy.deepcopy(secret) is secret


def test_primary_field_chooses_the_fingerprint() -> None:
    secret = SecretValue({"region": "us-east-1", "api_key": CANARY}, primary="api_key")
    assert secret.fingerprint == "sk-...WXYZ"


def test_short_values_reveal_nothing() -> None:
    assert fingerprint_of("abc") == "...****"


def test_rejects_non_string_fields_and_allows_a_keyless_secret() -> None:
    assert SecretValue({}).fingerprint == "(none)"
    with pytest.raises(TypeError):
        SecretValue({"api_key": 3})  # type: ignore[dict-item]


def test_binding_associated_data_names_every_part() -> None:
    binding = SecretBinding(
        organization_id="org",
        project_id="proj",
        credential_id="cred_1",
        provider="openai",
        secret_version=2,
    )
    assert binding.associated_data() == b"org|proj|cred_1|openai|2"
