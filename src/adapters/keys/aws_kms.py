"""AwsKmsKeySource: data keys wrapped by KMS Encrypt/Decrypt under an encryption context.

botocore is blocking, so every call runs in a worker thread on one shared client, created on
first use. Credentials come from the standard AWS chain (env, config files, roles). The KEK id
is the KMS key ARN that Encrypt reports. Keys this source creates on `rotate()` carry the tag
`integration-api:keyring=<configured key id>`, which is how `kek_ids()` and `retire()` know a
key belongs to this keyring (retire never schedules deletion of a stranger's key).
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from typing import Any

from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from botocore.session import get_session

from integration_api.adapters.keys.aws_kms_errors import error_code, map_kms_error
from integration_api.application.ports.key_source import KeySource, WrappedKey
from integration_api.domain.errors import (
    Conflict,
    IntegrationError,
    NotFound,
    PermissionDenied,
    SecretUnreadable,
)

logger = logging.getLogger(__name__)

TAG_KEY = "integration-api:keyring"
_CLIENT_CONFIG = Config(
    connect_timeout=2, read_timeout=5, retries={"max_attempts": 3, "mode": "standard"}
)


def _quiet_botocore() -> None:
    """botocore logs request parameters, the plaintext data key included, at DEBUG: never."""
    botocore_logger = logging.getLogger("botocore")
    if botocore_logger.getEffectiveLevel() < logging.INFO:
        botocore_logger.setLevel(logging.INFO)


def alias_name(key_id: str) -> str | None:
    """`alias/x` for an alias name or alias ARN; None for a key id or key ARN."""
    if key_id.startswith("alias/"):
        return key_id
    if ":alias/" in key_id:
        return "alias/" + key_id.split(":alias/", 1)[1]
    return None


class AwsKmsKeySource(KeySource):
    def __init__(
        self,
        key_id: str,
        *,
        region: str,
        endpoint_url: str | None = None,
        deletion_window_days: int = 7,
        active_key_ttl: float = 1.0,
    ) -> None:
        self._configured = key_id
        self._key_id = key_id  # Encrypt target; a new ARN after rotating a non-alias key
        self._alias = alias_name(key_id)
        self._region = region
        self._endpoint_url = endpoint_url
        self._deletion_window_days = deletion_window_days
        self._active_key_ttl = active_key_ttl
        self._active: tuple[str, float] | None = None
        self._client: Any = None
        self._client_lock = threading.Lock()

    async def active_kek_id(self) -> str:
        cached = self._active
        if cached is not None and time.monotonic() < cached[1]:
            return cached[0]
        metadata = await self._call("describe_key", KeyId=self._key_id)
        return self._remember_active(str(metadata["KeyMetadata"]["Arn"]))

    async def wrap(self, data_key: bytes, context: dict[str, str]) -> WrappedKey:
        reply = await self._call(
            "encrypt", KeyId=self._key_id, Plaintext=data_key, EncryptionContext=context
        )
        return WrappedKey(kek_id=str(reply["KeyId"]), blob=bytes(reply["CiphertextBlob"]))

    async def unwrap(self, wrapped: WrappedKey, context: dict[str, str]) -> bytes:
        reply = await self._call(
            "decrypt",
            CiphertextBlob=wrapped.blob,
            EncryptionContext=context,
            KeyId=wrapped.kek_id,
        )
        if reply.get("KeyId") != wrapped.kek_id:
            raise SecretUnreadable(f"the wrapped data key does not belong to {wrapped.kek_id}")
        return bytes(reply["Plaintext"])

    async def kek_ids(self) -> tuple[str, ...]:
        active = await self.active_kek_id()
        older = await asyncio.to_thread(self._enabled_keys_of_keyring)
        return (*(arn for arn in older if arn != active), active)

    async def rotate(self) -> str:
        return await asyncio.to_thread(self._rotate)

    async def retire(self, kek_id: str) -> None:
        active = await self.active_kek_id()
        await asyncio.to_thread(self._retire, kek_id, active)

    async def ping(self) -> bool:
        try:
            metadata = await self._call("describe_key", KeyId=self._key_id)
        except IntegrationError:
            return False
        return bool(metadata["KeyMetadata"]["KeyState"] == "Enabled")

    async def aclose(self) -> None:
        if self._client is not None:
            await asyncio.to_thread(self._client.close)

    def _rotate(self) -> str:
        old = self._invoke("describe_key", KeyId=self._key_id)["KeyMetadata"]
        self._invoke("tag_resource", KeyId=old["Arn"], Tags=[self._tag()])
        new = self._invoke(
            "create_key",
            Description=f"integration-api KEK for {self._configured}",
            KeyUsage="ENCRYPT_DECRYPT",
            KeySpec="SYMMETRIC_DEFAULT",
            Tags=[self._tag()],
        )["KeyMetadata"]
        if self._alias is not None:
            self._invoke("update_alias", AliasName=self._alias, TargetKeyId=new["KeyId"])
        else:
            self._key_id = str(new["Arn"])
            logger.warning(
                "KMS key id %s is not an alias: the new KEK %s is active in this process only; "
                "set INTEGRATION_API_KMS_KEY_ID to it (or use an alias) before restarting",
                self._configured,
                new["Arn"],
            )
        logger.info("AWS KMS keyring rotated: KEK %s is active", new["Arn"])
        return self._remember_active(str(new["Arn"]))

    def _retire(self, kek_id: str, active: str) -> None:
        try:
            metadata = self._invoke("describe_key", KeyId=kek_id, _raw=True)["KeyMetadata"]
        except ClientError as exc:
            if error_code(exc) == "NotFoundException":
                raise NotFound(f"AWS KMS has no key {kek_id}") from None
            raise map_kms_error(exc, "DescribeKey") from None
        arn = str(metadata["Arn"])
        if arn == active:
            raise Conflict(f"KEK {arn} is the active KEK; rotate before retiring it")
        if not self._belongs_to_keyring(arn):
            raise PermissionDenied(
                f"KMS key {arn} is not tagged {TAG_KEY}={self._configured}; refusing to "
                "schedule deletion of a key this keyring did not create or adopt"
            )
        if metadata["KeyState"] == "PendingDeletion":
            return
        self._invoke(
            "schedule_key_deletion",
            KeyId=metadata["KeyId"],
            PendingWindowInDays=self._deletion_window_days,
        )
        logger.info("AWS KMS KEK %s scheduled for deletion", arn)

    def _enabled_keys_of_keyring(self) -> list[str]:
        found: list[tuple[Any, str]] = []
        marker: dict[str, Any] = {}
        while True:
            page = self._invoke("list_keys", Limit=100, **marker)
            for key in page.get("Keys", []):
                arn = str(key["KeyArn"])
                if self._belongs_to_keyring(arn):
                    metadata = self._invoke("describe_key", KeyId=arn)["KeyMetadata"]
                    if metadata["KeyState"] == "Enabled":
                        found.append((metadata["CreationDate"], arn))
            if not page.get("Truncated"):
                return [arn for _, arn in sorted(found)]
            marker = {"Marker": str(page["NextMarker"])}

    def _belongs_to_keyring(self, arn: str) -> bool:
        try:
            tags = self._invoke("list_resource_tags", KeyId=arn).get("Tags", [])
        except IntegrationError:
            return False  # a key we may not read is not one of ours
        return any(t["TagKey"] == TAG_KEY and t["TagValue"] == self._configured for t in tags)

    def _tag(self) -> dict[str, str]:
        return {"TagKey": TAG_KEY, "TagValue": self._configured}

    def _remember_active(self, arn: str) -> str:
        self._active = (arn, time.monotonic() + self._active_key_ttl)
        return arn

    async def _call(self, operation: str, **params: Any) -> dict[str, Any]:
        return await asyncio.to_thread(self._invoke, operation, **params)

    def _invoke(self, operation: str, *, _raw: bool = False, **params: Any) -> dict[str, Any]:
        """One KMS call in the current (worker) thread; errors become ours unless `_raw`."""
        try:
            reply: dict[str, Any] = getattr(self._kms(), operation)(**params)
        except (ClientError, BotoCoreError) as exc:
            if _raw and isinstance(exc, ClientError):
                raise
            # `from None`: botocore validation errors may quote parameters (a data key).
            raise map_kms_error(exc, operation) from None
        return reply

    def _kms(self) -> Any:
        with self._client_lock:
            if self._client is None:
                _quiet_botocore()
                self._client = get_session().create_client(
                    "kms",
                    region_name=self._region,
                    endpoint_url=self._endpoint_url,
                    config=_CLIENT_CONFIG,
                )
            return self._client

    def __repr__(self) -> str:
        return f"AwsKmsKeySource({self._key_id!r}, region={self._region!r})"
