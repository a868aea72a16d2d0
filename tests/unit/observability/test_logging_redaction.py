from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import pytest

from integration_api.adapters.observability.log_filter import RedactingFilter
from integration_api.adapters.observability.logging_setup import QUIET_LOGGERS, configure_logging
from integration_api.adapters.observability.redaction import MASK, SecretRedactor
from integration_api.domain.secrets import SecretValue

CANARY = "CANARY-fake-provider-key-7f3a9c"


@pytest.fixture
def redactor() -> SecretRedactor:
    redactor = SecretRedactor()
    redactor.register(SecretValue({"api_key": CANARY}))
    return redactor


@pytest.fixture
def restore_logging() -> Iterator[None]:
    """configure_logging changes process-wide state; put it back for the other tests."""
    root = logging.getLogger()
    saved = (root.handlers[:], root.level, {n: logging.getLogger(n).level for n in QUIET_LOGGERS})
    yield
    root.handlers[:] = saved[0]
    root.setLevel(saved[1])
    for name, level in saved[2].items():
        logging.getLogger(name).setLevel(level)


def _captured(redactor: SecretRedactor) -> tuple[logging.Logger, io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RedactingFilter(redactor))
    logger = logging.getLogger(f"test.redaction.{id(stream)}")
    logger.propagate = False
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    return logger, stream


def test_filter_masks_message_and_args(redactor: SecretRedactor) -> None:
    logger, stream = _captured(redactor)
    logger.info(f"in the message {CANARY}")
    logger.info("in the args %s / %r", CANARY, {"key": CANARY})
    out = stream.getvalue()
    assert CANARY not in out and out.count(MASK) == 3


def test_filter_masks_tracebacks_and_stack(redactor: SecretRedactor) -> None:
    logger, stream = _captured(redactor)
    try:
        raise ValueError(f"upstream said: bad key {CANARY}")
    except ValueError:
        logger.exception("call failed")
    logger.info("with stack", stack_info=True)
    out = stream.getvalue()
    assert "ValueError: upstream said: bad key " + MASK in out
    assert CANARY not in out


def test_filter_survives_a_broken_format_string(redactor: SecretRedactor) -> None:
    logger, stream = _captured(redactor)
    logger.info("two %s %s but one arg", CANARY)
    assert CANARY not in stream.getvalue() and MASK in stream.getvalue()


def test_json_line_through_configure_logging_has_no_canary(
    redactor: SecretRedactor, restore_logging: None
) -> None:
    stream = io.StringIO()
    configure_logging("INFO", "json", redactor, stream=stream)
    log = logging.getLogger("integration_api.test")
    log.info("opened key %s", CANARY, extra={"provider": "openai", "body": {"k": CANARY}})
    log.info("pattern only: sk-proj-%s", "FAKEfakeFAKEfakeFAKEfake")
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert CANARY not in stream.getvalue() and "FAKEfakeFAKE" not in stream.getvalue()
    assert lines[0]["msg"] == f"opened key {MASK}"
    assert lines[0]["level"] == "INFO" and lines[0]["logger"] == "integration_api.test"
    assert lines[0]["provider"] == "openai" and MASK in lines[0]["body"]
    assert "ts" in lines[0] and lines[1]["msg"] == f"pattern only: {MASK}"


def test_configure_logging_twice_keeps_one_handler_and_quiets_http_loggers(
    redactor: SecretRedactor, restore_logging: None
) -> None:
    first, second = io.StringIO(), io.StringIO()
    configure_logging("INFO", "json", redactor, stream=first)
    configure_logging("DEBUG", "text", redactor, stream=second)
    logging.getLogger("integration_api.test").warning("key=%s", CANARY)
    assert first.getvalue() == ""
    assert second.getvalue().rstrip().endswith(f"WARNING integration_api.test: key={MASK}")
    assert logging.getLogger().level == logging.DEBUG
    assert all(logging.getLogger(n).level == logging.WARNING for n in QUIET_LOGGERS)
    logging.getLogger("httpx").info("GET https://api.example/v1?key=%s", CANARY)
    assert "httpx" not in second.getvalue()


def test_configure_logging_writes_to_stderr_by_default(
    redactor: SecretRedactor, restore_logging: None, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging("INFO", "json", redactor)
    logging.getLogger("integration_api.test").error("token %s", CANARY)
    err = capsys.readouterr().err
    assert MASK in err and CANARY not in err
