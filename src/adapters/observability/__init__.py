"""Logs that never carry secrets, and Prometheus metrics."""

from integration_api.adapters.observability.log_filter import RedactingFilter
from integration_api.adapters.observability.logging_setup import configure_logging
from integration_api.adapters.observability.metrics import Metrics
from integration_api.adapters.observability.redaction import MASK, SecretRedactor

__all__ = ["MASK", "Metrics", "RedactingFilter", "SecretRedactor", "configure_logging"]
