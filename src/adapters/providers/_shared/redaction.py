"""Masks key-like tokens in vendor-supplied text before it becomes part of our errors.

Vendors sometimes echo (part of) the key: OpenAI's 401 says "Incorrect API key provided:
sk-abc***xyz". Messages we build from vendor text pass through `safe_message`.
"""

from __future__ import annotations

import re

_PATTERNS = (
    re.compile(r"(?i)bearer\s+\S+"),
    re.compile(r"(?i)\b(?:sk|pk|rk|ak|key|sess|api)[-_][A-Za-z0-9*_.\-]{4,}"),
    re.compile(r"[A-Za-z0-9+/_\-]{32,}={0,2}"),
)
MAX_LENGTH = 300


def safe_message(text: str | None, *, fallback: str) -> str:
    """`text` with key-like tokens replaced by `[redacted]`, cut to MAX_LENGTH; `fallback`
    when there is nothing left to show."""
    if not text:
        return fallback
    for pattern in _PATTERNS:
        text = pattern.sub("[redacted]", text)
    text = " ".join(text.split())
    if len(text) > MAX_LENGTH:
        text = text[: MAX_LENGTH - 3] + "..."
    return text or fallback
