"""The KeySource contract, run over every implementation: the local keyring from the env
string and from a file, the in-memory fake, and AWS KMS on moto's server. What differs is
declared in the case table."""

from __future__ import annotations

import base64
import os
import uuid
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from integration_api.adapters.keys.aws_kms import AwsKmsKeySource
from integration_api.adapters.keys.keyring_store import EnvKeyringStore
from integration_api.adapters.keys.local_keyring import LocalKeyring
from integration_api.application.ports.key_source import KeySource, WrappedKey
from integration_api.domain.errors import (
    Conflict,
    IntegrationError,
    KeyUnavailable,
    SecretUnreadable,
)
from integration_api.testing.fake_key_source import in_memory_key_source

CONTEXT = {"organization": "org-1", "project": "proj-1", "credential": "cred-1"}


@dataclass(frozen=True)
class Case:
    name: str
    build: Callable[[pytest.FixtureRequest, Path], KeySource]
    rotates: bool  # the env keyring is edited by hand, never by the service
    retire_active_error: type[IntegrationError]
    retired_unwrap_enforced: bool  # moto ignores key state on Decrypt; real KMS refuses
    unknown_kek_id: Callable[[str], str]


def _env_keyring(request: pytest.FixtureRequest, tmp_path: Path) -> KeySource:
    keys = ",".join(f"k{i}:{base64.b64encode(os.urandom(32)).decode()}" for i in (1, 2))
    return LocalKeyring(EnvKeyringStore(keys))


def _file_keyring(request: pytest.FixtureRequest, tmp_path: Path) -> KeySource:
    return LocalKeyring.from_settings("", tmp_path / "keys" / "keyring.json", production=False)


def _in_memory(request: pytest.FixtureRequest, tmp_path: Path) -> KeySource:
    return in_memory_key_source()


def _kms(request: pytest.FixtureRequest, tmp_path: Path) -> KeySource:
    endpoint: str = request.getfixturevalue("moto_endpoint")
    alias: str = request.getfixturevalue("kms_alias")
    return AwsKmsKeySource(alias, region="us-east-1", endpoint_url=endpoint)


def _other_kms_arn(active: str) -> str:
    return active.rsplit("/", 1)[0] + "/" + str(uuid.uuid4())


CASES = [
    Case("local-env", _env_keyring, False, KeyUnavailable, True, lambda _: "k-unknown"),
    Case("local-file", _file_keyring, True, Conflict, True, lambda _: "v99"),
    Case("in-memory-fake", _in_memory, True, Conflict, True, lambda _: "v99"),
    Case("aws-kms-moto", _kms, True, Conflict, False, _other_kms_arn),
]


@pytest.fixture(params=CASES, ids=[c.name for c in CASES])
def case(request: pytest.FixtureRequest) -> Case:
    param: Case = request.param
    return param


@pytest.fixture
async def source(
    case: Case, request: pytest.FixtureRequest, tmp_path: Path
) -> AsyncIterator[KeySource]:
    built = case.build(request, tmp_path)
    yield built
    if isinstance(built, AwsKmsKeySource):
        await built.aclose()


def _flip_last_byte(wrapped: WrappedKey) -> WrappedKey:
    blob = bytearray(wrapped.blob)
    blob[-1] ^= 0x01
    return WrappedKey(kek_id=wrapped.kek_id, blob=bytes(blob))


async def test_wrap_unwrap_roundtrip(source: KeySource) -> None:
    data_key = os.urandom(32)
    wrapped = await source.wrap(data_key, CONTEXT)
    assert wrapped.kek_id == await source.active_kek_id()
    assert data_key not in wrapped.blob
    assert await source.unwrap(wrapped, dict(reversed(CONTEXT.items()))) == data_key


@pytest.mark.parametrize(
    "other",
    [
        {**CONTEXT, "credential": "cred-2"},
        {**CONTEXT, "extra": "x"},
        {k: v for k, v in CONTEXT.items() if k != "project"},
    ],
    ids=["other-value", "extra-entry", "missing-entry"],
)
async def test_unwrap_under_another_context_fails(source: KeySource, other: dict[str, str]) -> None:
    wrapped = await source.wrap(os.urandom(32), CONTEXT)
    with pytest.raises(SecretUnreadable):
        await source.unwrap(wrapped, other)


async def test_tampered_blob_fails(source: KeySource) -> None:
    wrapped = await source.wrap(os.urandom(32), CONTEXT)
    with pytest.raises(SecretUnreadable):
        await source.unwrap(_flip_last_byte(wrapped), CONTEXT)


async def test_unknown_kek_is_unavailable(source: KeySource, case: Case) -> None:
    wrapped = await source.wrap(os.urandom(32), CONTEXT)
    unknown = case.unknown_kek_id(wrapped.kek_id)
    with pytest.raises(KeyUnavailable):
        await source.unwrap(WrappedKey(kek_id=unknown, blob=wrapped.blob), CONTEXT)


async def test_rotate_makes_a_new_active_kek_and_old_wraps_still_unwrap(
    source: KeySource, case: Case
) -> None:
    if not case.rotates:
        with pytest.raises(KeyUnavailable, match="INTEGRATION_API_KEYRING"):
            await source.rotate()
        return
    old_id = await source.active_kek_id()
    data_key = os.urandom(32)
    old_wrap = await source.wrap(data_key, CONTEXT)

    new_id = await source.rotate()

    assert new_id != old_id
    assert await source.active_kek_id() == new_id
    assert (await source.wrap(os.urandom(32), CONTEXT)).kek_id == new_id
    assert await source.unwrap(old_wrap, CONTEXT) == data_key
    assert {old_id, new_id} <= set(await source.kek_ids())


async def test_retire_refuses_the_active_kek(source: KeySource, case: Case) -> None:
    active = await source.active_kek_id()
    with pytest.raises(case.retire_active_error):
        await source.retire(active)
    assert await source.active_kek_id() == active
    assert await source.ping()


async def test_retired_kek_no_longer_unwraps(source: KeySource, case: Case) -> None:
    if not case.rotates:
        pytest.skip(f"{case.name} is read-only: KEKs are retired by editing the variable")
    if not case.retired_unwrap_enforced:
        pytest.skip(
            "moto does not check key state on Decrypt (real KMS answers "
            "KMSInvalidStateException); test_aws_kms.py asserts the key is PendingDeletion"
        )
    old_id = await source.active_kek_id()
    old_wrap = await source.wrap(os.urandom(32), CONTEXT)
    await source.rotate()

    await source.retire(old_id)

    assert old_id not in await source.kek_ids()
    with pytest.raises(KeyUnavailable):
        await source.unwrap(old_wrap, CONTEXT)


async def test_kek_ids_lists_the_active_kek(source: KeySource) -> None:
    assert await source.active_kek_id() in await source.kek_ids()


async def test_ping_answers_true_when_the_active_kek_is_usable(source: KeySource) -> None:
    assert await source.ping() is True
