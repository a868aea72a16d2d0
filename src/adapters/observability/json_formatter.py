"""One JSON object per log line: ts, level, logger, msg, any `extra=` fields, exc."""

from __future__ import annotations

import logging
from datetime import UTC, datetime
from typing import Any

import msgspec

from integration_api.adapters.observability.log_filter import STANDARD_ATTRIBUTES

_encoder = msgspec.json.Encoder(enc_hook=str)


class JsonLineFormatter(logging.Formatter):
    """Formats an already-redacted record (see RedactingFilter) as a JSON line."""

    def format(self, record: logging.LogRecord) -> str:
        line: dict[str, Any] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "msg": record.getMessage(),
        }
        for name, value in record.__dict__.items():
            if name not in STANDARD_ATTRIBUTES and name not in line:
                line[name] = value
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            line["exc"] = record.exc_text
        if record.stack_info:
            line["stack"] = record.stack_info
        return _encoder.encode(line).decode()
