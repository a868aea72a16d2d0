"""Process-wide logging: one redacting handler on the root logger."""

from __future__ import annotations

import logging
import sys
from typing import Literal, TextIO

from integration_api.adapters.observability.json_formatter import JsonLineFormatter
from integration_api.adapters.observability.log_filter import RedactingFilter
from integration_api.adapters.observability.redaction import SecretRedactor

# These log full request URLs (and botocore, request details) at INFO/DEBUG.
QUIET_LOGGERS = ("httpx", "httpcore", "botocore", "urllib3")
TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


class _ServiceHandler(logging.StreamHandler[TextIO]):
    """Marks the handler this module installed, so a second call replaces it."""


def configure_logging(
    level: str,
    fmt: Literal["json", "text"],
    redactor: SecretRedactor,
    *,
    stream: TextIO | None = None,
) -> None:
    """Installs one handler on the root logger writing to `stream` (stderr by default), JSON
    lines or text, with a RedactingFilter on the handler so every record from any logger is
    masked before it is written. Calling it again replaces that handler (never doubles it).
    Sets the chatty HTTP/AWS client loggers to WARNING."""
    root = logging.getLogger()
    for old in [h for h in root.handlers if isinstance(h, _ServiceHandler)]:
        root.removeHandler(old)
        old.close()
    handler = _ServiceHandler(stream if stream is not None else sys.stderr)
    handler.setFormatter(JsonLineFormatter() if fmt == "json" else logging.Formatter(TEXT_FORMAT))
    handler.addFilter(RedactingFilter(redactor))
    root.addHandler(handler)
    root.setLevel(level.upper())
    for name in QUIET_LOGGERS:
        logging.getLogger(name).setLevel(logging.WARNING)
