"""DataKeyCache: bounded by size and age, keyed so a moved blob misses, and silent in reprs."""

from __future__ import annotations

from integration_api.adapters.crypto.data_key_cache import DataKeyCache, cache_key

CONTEXT = {"organization": "o", "project": "p", "credential": "c"}


class FakeClock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_an_entry_expires_after_its_ttl() -> None:
    clock = FakeClock()
    cache = DataKeyCache(ttl=10, max_size=8, clock=clock)
    key = cache_key("k1", b"blob", CONTEXT)
    cache.put(key, b"d" * 32)
    clock.now = 9.9
    assert cache.get(key) == b"d" * 32
    clock.now = 10.0
    assert cache.get(key) is None
    assert len(cache) == 0


def test_the_least_recently_used_entry_goes_first() -> None:
    cache = DataKeyCache(ttl=60, max_size=2)
    a, b, c = (cache_key("k1", blob, CONTEXT) for blob in (b"a", b"b", b"c"))
    cache.put(a, b"A" * 32)
    cache.put(b, b"B" * 32)
    assert cache.get(a) is not None  # a is now more recent than b
    cache.put(c, b"C" * 32)
    assert (cache.get(a), cache.get(b), cache.get(c)) == (b"A" * 32, None, b"C" * 32)


def test_zero_ttl_or_size_disables_caching() -> None:
    for cache in (DataKeyCache(ttl=0, max_size=8), DataKeyCache(ttl=60, max_size=0)):
        key = cache_key("k1", b"blob", CONTEXT)
        cache.put(key, b"d" * 32)
        assert cache.get(key) is None


def test_the_key_depends_on_kek_blob_and_context_but_not_context_order() -> None:
    base = cache_key("k1", b"blob", CONTEXT)
    assert cache_key("k1", b"blob", dict(reversed(CONTEXT.items()))) == base
    assert cache_key("k2", b"blob", CONTEXT) != base
    assert cache_key("k1", b"blob2", CONTEXT) != base
    assert cache_key("k1", b"blob", {**CONTEXT, "credential": "other"}) != base


def test_repr_shows_no_entries() -> None:
    cache = DataKeyCache(ttl=60, max_size=8)
    data_key = bytes(range(32))
    cache.put(cache_key("k1", b"blob", CONTEXT), data_key)
    assert repr(data_key) not in repr(cache)
    assert "size=1" in repr(cache)
