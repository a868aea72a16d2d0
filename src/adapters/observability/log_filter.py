"""A logging filter that masks secrets in whatever a record would print."""

from __future__ import annotations

import logging

from integration_api.adapters.observability.redaction import SecretRedactor

# Attributes every LogRecord has; anything else on a record came in through `extra=`.
STANDARD_ATTRIBUTES = frozenset(logging.LogRecord("", 0, "", 0, "", None, None).__dict__) | {
    "message",
    "asctime",
}
_PLAIN = (int, float, bool, type(None))
_TRACEBACKS = logging.Formatter()


class RedactingFilter(logging.Filter):
    """Renders the message (msg % args), masks it and stores it back with no args; renders
    the traceback and stack into `exc_text`/`stack_info`, masked, and drops `exc_info` so no
    later formatter renders the raw exception again; masks `extra=` fields (non-plain values
    become their masked `str`). Never drops a record. Running it twice changes nothing."""

    def __init__(self, redactor: SecretRedactor) -> None:
        super().__init__()
        self._redactor = redactor

    def filter(self, record: logging.LogRecord) -> bool:
        redact = self._redactor.redact
        record.msg = redact(_rendered(record))
        record.args = None
        if record.exc_info:
            record.exc_text = record.exc_text or _TRACEBACKS.formatException(record.exc_info)
            record.exc_info = None
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        for name, value in list(record.__dict__.items()):
            if name not in STANDARD_ATTRIBUTES and not isinstance(value, _PLAIN):
                record.__dict__[name] = redact(str(value))
        return True


def _rendered(record: logging.LogRecord) -> str:
    try:
        return record.getMessage()
    except Exception:  # a bad format string must not lose the record, nor skip redaction
        return f"{record.msg!s} {record.args!r}"
