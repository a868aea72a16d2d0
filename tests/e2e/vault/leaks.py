"""Where a planted secret could hide in captured bytes: as itself, as its random tail, and in
the encodings a database or cache dump uses for bytes (hex for PostgreSQL bytea, base64)."""

from __future__ import annotations

import base64
import secrets
from collections.abc import Iterable, Mapping

_CASE_INSENSITIVE = ("hex", "random tail")  # dumps print hex digits in either case


def new_canary(label: str = "canary") -> str:
    """An obviously fake OpenAI-shaped key: `sk-<label>-` and 32 random hex digits."""
    return f"sk-{label}-{secrets.token_hex(16)}"


def _base64_cores(raw: bytes) -> list[bytes]:
    """The base64 of `raw` at each of the three byte alignments, minus one group at each end
    (those characters depend on neighbouring bytes), so it is found inside a longer blob."""
    return [base64.b64encode(b"\0" * shift + raw)[4:-4] for shift in range(3)]


def needles(secret: str) -> dict[str, bytes]:
    """Byte patterns whose presence means `secret` leaked, by the form they take."""
    raw = secret.encode()
    tail = secret.rsplit("-", 1)[-1].encode()
    found = {"plain": raw, "random tail": tail, "hex": raw.hex().encode()}
    return found | {f"base64#{i}": core for i, core in enumerate(_base64_cores(raw))}


def find_leaks(places: Mapping[str, Iterable[bytes | str]], planted: Iterable[str]) -> list[str]:
    """`"<place>: <form> of secret #<n>"` for every needle found in any captured blob."""
    patterns = [
        (n, form, needle) for n, s in enumerate(planted) for form, needle in needles(s).items()
    ]
    leaks = set()
    for place, blobs in places.items():
        for blob in blobs:
            data = blob.encode() if isinstance(blob, str) else bytes(blob)
            lowered = data.lower()
            for n, form, needle in patterns:
                insensitive = form in _CASE_INSENSITIVE
                if (needle.lower() in lowered) if insensitive else (needle in data):
                    leaks.add(f"{place}: {form} of secret #{n}")
    return sorted(leaks)
