"""Settings: one msgspec Struct read from `INTEGRATION_API_*` environment variables and an
optional `.env` file (the environment wins). A bad value raises SettingsError naming the
variable, which the CLI prints as one line before exiting."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Literal

import msgspec

PREFIX = "INTEGRATION_API_"


class SettingsError(Exception):
    pass


class Settings(msgspec.Struct, frozen=True, kw_only=True, forbid_unknown_fields=True):
    host: str = "127.0.0.1"
    port: int = 9004
    workers: int = 1
    env: Literal["development", "production"] = "development"
    data_dir: str = "./data"
    database_url: str = ""  # empty: SQLite file under data_dir
    redis_url: str = ""  # empty: in-process cache
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_format: Literal["json", "text"] = "json"
    keyring: str = ""  # "id1:base64key,id2:base64key"; last is active
    keyring_file: str = ""  # empty: <data_dir>/keyring.json
    key_source: Literal["local", "aws-kms"] = "local"
    kms_key_id: str = ""
    kms_endpoint_url: str = ""
    kms_region: str = "us-east-1"
    jwt_issuer: str = ""
    jwt_audience: str = ""
    jwt_hs256_secret: str = ""
    jwt_jwks_url: str = ""
    jwt_public_key_file: str = ""
    upstream_connect_timeout: float = 5.0
    upstream_read_timeout: float = 60.0
    upstream_total_timeout: float = 300.0
    upstream_max_retries: int = 2
    upstream_transport: Literal["aiohttp", "httpx"] = "aiohttp"
    upstream_max_connections: int = 2000  # per process: caps concurrent upstream calls
    allow_private_endpoints: bool = False
    credential_cache_ttl: float = 60.0
    data_key_cache_ttl: float = 300.0
    readiness_timeout: float = 1.0

    def __post_init__(self) -> None:
        if not 0 < self.port < 65536:
            raise ValueError("must be between 1 and 65535 at `$.port`")
        if self.workers < 1:
            raise ValueError("must be at least 1 at `$.workers`")

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite+aiosqlite:///{Path(self.data_dir).resolve() / 'integration-api.db'}"

    @property
    def is_production(self) -> bool:
        return self.env == "production"


_FIELD_RE = re.compile(r"`\$\.(\w+)`")


def _read_dotenv(path: Path) -> dict[str, str]:
    values: dict[str, str] = {}
    if not path.is_file():
        return values
    for raw in path.read_text().splitlines():
        line = raw.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.removeprefix("export ").partition("=")
        values[key.strip()] = value.strip().strip("'\"")
    return values


def load_settings(
    environ: Mapping[str, str] | None = None, dotenv: Path | None = Path(".env")
) -> Settings:
    """Reads settings; raises SettingsError with one line naming the variable at fault."""
    merged = _read_dotenv(dotenv) if dotenv else {}
    merged.update(os.environ if environ is None else environ)
    fields = set(Settings.__struct_fields__)
    raw: dict[str, str] = {}
    for key, value in merged.items():
        if not key.startswith(PREFIX):
            continue
        name = key[len(PREFIX) :].lower()
        if name in fields:
            raw[name] = value
    try:
        return msgspec.convert(raw, Settings, strict=False)
    except (msgspec.ValidationError, ValueError) as exc:
        match = _FIELD_RE.search(str(exc))
        variable = PREFIX + match.group(1).upper() if match else PREFIX + "*"
        reason = _FIELD_RE.sub("", str(exc)).rstrip(" -at")
        raise SettingsError(f"invalid setting {variable}: {reason}") from None
