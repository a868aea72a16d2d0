"""Shapes of well-known keys and tokens, redacted even when nobody registered the value.

Each entry is (hints, pattern, replacement). A pattern runs only when one of its lowercase
hints occurs in the lowercased text: most log lines contain none, and a substring test is
far cheaper than a regex scan. A replacement of `\\g<1>[REDACTED]` keeps the label in front
(`Bearer `, `aws_secret_access_key=`) so a log still says what was there.
"""

from __future__ import annotations

import re

MASK = "[REDACTED]"
_KEEP_LABEL = r"\g<1>" + MASK
_NOT_AFTER_WORD = r"(?<![A-Za-z0-9_])"

SECRET_PATTERNS: tuple[tuple[tuple[str, ...], re.Pattern[str], str], ...] = (
    # PEM private keys, also a block cut off at the end of a message or JSON-escaped (\n).
    (
        ("private key",),
        re.compile(
            r"-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|\Z)"
        ),
        MASK,
    ),
    # `Authorization: Bearer <anything>`: keep the scheme, drop the credential.
    (("bearer",), re.compile(r"(?i)(\bbearer\s+)[^\s\"',;]+"), _KEEP_LABEL),
    # OpenAI `sk-...`, `sk-proj-...`, Anthropic `sk-ant-...`.
    (("sk-",), re.compile(_NOT_AFTER_WORD + r"sk-(?:ant-|proj-)?[A-Za-z0-9_\-]{16,}"), MASK),
    # AWS access key ids (long-term AKIA, temporary ASIA).
    (
        ("akia", "asia"),
        re.compile(r"(?<![A-Z0-9])(?:AKIA|ASIA)[0-9A-Z]{16}(?![A-Z0-9])"),
        MASK,
    ),
    # AWS secret access key after its name, in env, ini, JSON or repr form.
    (
        ("secret",),
        re.compile(
            r"(?i)((?:aws_)?secret_?access_?key[\"']?\s*[:=]\s*[\"']?)[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+])"
        ),
        _KEEP_LABEL,
    ),
    # Google API keys.
    (("aiza",), re.compile(r"AIza[0-9A-Za-z_\-]{35}"), MASK),
    # Hugging Face and Replicate tokens.
    (("hf_",), re.compile(_NOT_AFTER_WORD + r"hf_[A-Za-z0-9]{30,}"), MASK),
    (("r8_",), re.compile(_NOT_AFTER_WORD + r"r8_[A-Za-z0-9]{30,}"), MASK),
    # Our own API tokens `iapi_<id>_<secret>`.
    (("iapi_",), re.compile(_NOT_AFTER_WORD + r"iapi_[a-z0-9]+_[A-Za-z0-9_\-]{16,}"), MASK),
)


def redact_patterns(text: str) -> str:
    lowered = text.lower()
    for hints, pattern, replacement in SECRET_PATTERNS:
        if any(hint in lowered for hint in hints):
            text = pattern.sub(replacement, text)
    return text
