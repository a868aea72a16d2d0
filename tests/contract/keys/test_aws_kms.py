"""What only AwsKmsKeySource does, on moto's server: alias repointing, deletion scheduling,
refusing keys it does not own, and an unreachable endpoint."""

from __future__ import annotations

import base64
import logging
import os
import socket
from collections.abc import AsyncIterator
from typing import Any

import pytest

from integration_api.adapters.keys.aws_kms import TAG_KEY, AwsKmsKeySource
from integration_api.domain.errors import KeyUnavailable, NotFound, PermissionDenied

CONTEXT = {"organization": "org-1", "project": "proj-1", "credential": "cred-1"}


@pytest.fixture
async def kms(moto_endpoint: str, kms_alias: str) -> AsyncIterator[AwsKmsKeySource]:
    source = AwsKmsKeySource(kms_alias, region="us-east-1", endpoint_url=moto_endpoint)
    yield source
    await source.aclose()


async def test_rotate_repoints_the_alias_and_tags_both_keys(
    kms: AwsKmsKeySource, kms_admin: Any, kms_alias: str
) -> None:
    old = await kms.active_kek_id()
    new = await kms.rotate()

    assert kms_admin.describe_key(KeyId=kms_alias)["KeyMetadata"]["Arn"] == new
    for arn in (old, new):
        tags = kms_admin.list_resource_tags(KeyId=arn)["Tags"]
        assert {"TagKey": TAG_KEY, "TagValue": kms_alias} in tags
    assert await kms.kek_ids() == (old, new)


async def test_a_second_instance_sees_the_rotation_through_the_alias(
    kms: AwsKmsKeySource, moto_endpoint: str, kms_alias: str
) -> None:
    other = AwsKmsKeySource(kms_alias, region="us-east-1", endpoint_url=moto_endpoint)
    new = await kms.rotate()
    assert (await other.wrap(os.urandom(32), CONTEXT)).kek_id == new
    await other.aclose()


async def test_retire_schedules_deletion(kms: AwsKmsKeySource, kms_admin: Any) -> None:
    old = await kms.active_kek_id()
    await kms.rotate()

    await kms.retire(old)
    await kms.retire(old)  # idempotent: already pending deletion

    assert kms_admin.describe_key(KeyId=old)["KeyMetadata"]["KeyState"] == "PendingDeletion"
    assert old not in await kms.kek_ids()


async def test_retire_refuses_a_key_of_another_keyring(
    kms: AwsKmsKeySource, kms_admin: Any
) -> None:
    stranger = kms_admin.create_key(Description="someone else's key")["KeyMetadata"]["Arn"]
    with pytest.raises(PermissionDenied):
        await kms.retire(stranger)
    assert kms_admin.describe_key(KeyId=stranger)["KeyMetadata"]["KeyState"] == "Enabled"
    assert stranger not in await kms.kek_ids()


async def test_retire_of_an_unknown_key_is_not_found(kms: AwsKmsKeySource) -> None:
    active = await kms.active_kek_id()
    with pytest.raises(NotFound):
        await kms.retire(active.rsplit("/", 1)[0] + "/00000000-0000-4000-8000-000000000000")


async def test_rotating_a_plain_key_id_moves_this_process_to_the_new_key(
    moto_endpoint: str, kms_admin: Any
) -> None:
    arn = kms_admin.create_key(Description="plain key id")["KeyMetadata"]["Arn"]
    source = AwsKmsKeySource(arn, region="us-east-1", endpoint_url=moto_endpoint)
    new = await source.rotate()
    assert new != arn
    assert (await source.wrap(os.urandom(32), CONTEXT)).kek_id == new
    await source.aclose()


def _closed_loopback_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


async def test_an_unreachable_kms_is_key_unavailable(fake_aws_env: None) -> None:
    endpoint = f"http://127.0.0.1:{_closed_loopback_port()}"
    source = AwsKmsKeySource("alias/nowhere", region="us-east-1", endpoint_url=endpoint)
    with pytest.raises(KeyUnavailable) as raised:
        await source.wrap(os.urandom(32), CONTEXT)
    assert "EndpointConnectionError" in raised.value.message
    assert await source.ping() is False
    await source.aclose()


async def test_data_keys_never_reach_the_logs_even_at_debug(
    moto_endpoint: str, kms_alias: str, caplog: pytest.LogCaptureFixture
) -> None:
    data_key = os.urandom(32)
    with caplog.at_level(logging.DEBUG):
        source = AwsKmsKeySource(kms_alias, region="us-east-1", endpoint_url=moto_endpoint)
        wrapped = await source.wrap(data_key, CONTEXT)
        assert await source.unwrap(wrapped, CONTEXT) == data_key
        await source.aclose()
    assert caplog.records, "the test must see log records to mean anything"
    assert base64.b64encode(data_key).decode() not in caplog.text
    assert repr(data_key) not in caplog.text
