"""Backoff with full jitter, bounded; Retry-After parsing."""

from __future__ import annotations

from integration_api.adapters.providers._shared import RetryPolicy, parse_retry_after


def test_full_jitter_grows_exponentially_and_is_capped() -> None:
    policy = RetryPolicy(max_retries=10, base_delay=0.5, max_delay=4.0)
    assert [policy.delay(n, None, lambda: 1.0) for n in range(5)] == [0.5, 1.0, 2.0, 4.0, 4.0]
    assert policy.delay(3, None, lambda: 0.25) == 1.0


def test_gives_up_after_max_retries() -> None:
    policy = RetryPolicy(max_retries=2)
    assert policy.delay(1, None, lambda: 1.0) is not None
    assert policy.delay(2, None, lambda: 1.0) is None


def test_retry_after_is_used_as_given_within_its_cap() -> None:
    policy = RetryPolicy(max_retries=3, max_retry_after=10.0)
    assert policy.delay(0, 7.0) == 7.0
    assert policy.delay(0, 11.0) is None  # too long to wait: hand the error back


def test_parse_retry_after_forms() -> None:
    assert parse_retry_after({"retry-after": "3"}) == 3.0
    assert parse_retry_after({"retry-after-ms": "250", "retry-after": "9"}) == 0.25
    assert parse_retry_after({}) is None
    assert parse_retry_after({"retry-after": "soon"}) is None
    date = {"retry-after": "Wed, 21 Oct 2015 07:28:10 GMT"}
    assert parse_retry_after(date, now=lambda: 1445412480.0) == 10.0
