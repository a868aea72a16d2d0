"""The keyring file: JSON, mode 0600, rewritten atomically under an advisory lock.

Another process (the CLI's `keys rotate`) may edit it while the service runs, so every edit
re-reads the file under the lock and `changed()` compares a cheap stat signature.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import secrets
import stat
from collections.abc import Iterator
from pathlib import Path

import msgspec

from integration_api.adapters.keys.keyring_records import KeyRecord, check_unique, new_record
from integration_api.adapters.keys.keyring_store import KeyringStore
from integration_api.domain.errors import Conflict, KeyUnavailable, NotFound

_FORMAT = "integration-api-keyring"
_Signature = tuple[int, int, int]


class KeyringDocument(msgspec.Struct, kw_only=True):
    format: str = _FORMAT
    version: int = 1
    keys: list[KeyRecord]


class FileKeyringStore(KeyringStore):
    def __init__(self, path: Path) -> None:
        self.path = path
        self.description = f"keyring file {path}"
        self._signature: _Signature | None = None

    def exists(self) -> bool:
        return self.path.exists()

    def load(self) -> list[KeyRecord]:
        signature = self._stat()
        records = self._read()
        self._signature = signature
        return records

    def changed(self) -> bool:
        return self._stat() != self._signature

    def create(self) -> bool:
        """Writes a keyring with one fresh KEK unless the file exists; True if it wrote one."""
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with self._locked():
            if self.path.exists():
                return False
            self._write([new_record([])])
            return True

    def append(self) -> list[KeyRecord]:
        with self._locked():
            records = self._read()
            records.append(new_record(records))
            self._write(records)
            return records

    def remove(self, kek_id: str) -> list[KeyRecord]:
        with self._locked():
            records = self._read()
            if kek_id not in {r.id for r in records}:
                raise NotFound(f"{self.description} has no KEK {kek_id!r}")
            if records[-1].id == kek_id:
                raise Conflict(f"KEK {kek_id!r} is the active KEK; rotate before retiring it")
            remaining = [r for r in records if r.id != kek_id]
            self._write(remaining)
            return remaining

    def _stat(self) -> _Signature | None:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            return None
        return st.st_ino, st.st_mtime_ns, st.st_size

    def _read(self) -> list[KeyRecord]:
        try:
            st = os.stat(self.path)
        except FileNotFoundError:
            raise KeyUnavailable(f"{self.description} does not exist") from None
        if not stat.S_ISREG(st.st_mode):
            raise KeyUnavailable(f"{self.description} is not a regular file")
        if st.st_mode & 0o077:
            raise KeyUnavailable(
                f"{self.description} is readable or writable by group or others "
                f"(mode {stat.S_IMODE(st.st_mode):04o}); run `chmod 600 {self.path}`"
            )
        try:
            document = msgspec.json.decode(self.path.read_bytes(), type=KeyringDocument)
        except msgspec.DecodeError as exc:
            raise KeyUnavailable(f"{self.description} is not a keyring document: {exc}") from None
        if document.format != _FORMAT or not document.keys:
            raise KeyUnavailable(f"{self.description} holds no keyring keys")
        check_unique(document.keys, self.description)
        return document.keys

    def _write(self, records: list[KeyRecord]) -> None:
        """Atomic replace: readers see the old file or the new one, never half of one."""
        data = msgspec.json.format(msgspec.json.encode(KeyringDocument(keys=records)))
        tmp = self.path.with_name(f".{self.path.name}.{secrets.token_hex(4)}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data + b"\n")
                handle.flush()
                os.fsync(handle.fileno())
            os.replace(tmp, self.path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        _fsync_dir(self.path.parent)
        self._signature = self._stat()

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        """Serializes read-modify-write across processes, so two rotations never lose a KEK."""
        lock_path = self.path.with_name(f"{self.path.name}.lock")
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing releases the lock

    def __repr__(self) -> str:
        return f"FileKeyringStore({str(self.path)!r})"


def _fsync_dir(directory: Path) -> None:
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
