"""The page cache: repeats are served from memory, never across index generations."""
from __future__ import annotations

from web import create_app
from web.cache import PageCache


def test_repeat_is_a_hit_with_the_same_body(seeds_index):
    c = create_app({"INDEX": str(seeds_index)}).test_client()
    first = c.get("/search?q=coup&person=Assimi+Goita")
    second = c.get("/search?q=coup&person=Assimi+Goita")
    assert first.headers["X-Cache"] == "miss" and second.headers["X-Cache"] == "hit"
    assert first.data == second.data and second.mimetype == "text/html"
    assert "default-src 'none'" in second.headers["Content-Security-Policy"]
    api = [c.get("/api/search?q=coup") for _ in range(2)]
    assert api[1].headers["X-Cache"] == "hit" and api[1].get_json() == api[0].get_json()


def test_errors_are_not_cached(seeds_index):
    c = create_app({"INDEX": str(seeds_index)}).test_client()
    for _ in range(2):
        r = c.get("/search?q=%22open")
        assert r.status_code == 400 and "X-Cache" not in r.headers


def test_cache_off(seeds_index):
    c = create_app({"INDEX": str(seeds_index), "PAGE_CACHE_MB": 0}).test_client()
    assert "X-Cache" not in c.get("/search?q=coup").headers and "X-Cache" not in c.get("/search?q=coup").headers


def test_bounded_in_bytes_least_recently_used_first():
    cache = PageCache(800)
    for i in range(10):
        cache.put(("g", str(i), b""), b"x" * 100, "text/html")
    assert cache.get(("g", "0", b"")) is None and cache.get(("g", "9", b"")) is not None
    assert sum(len(b) for b, _, _ in cache._items.values()) <= 800
    cache.put(("g", "big", b""), b"x" * 500, "text/html")  # over an eighth: not kept
    assert cache.get(("g", "big", b"")) is None
