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


def test_pages_and_json_answer_a_conditional_request_with_304(seeds_index):
    """No page sent a validator: a client revalidating (If-None-Match) got the whole page each time."""
    for cache_mb in (32, 0):
        c = create_app({"INDEX": str(seeds_index), "PAGE_CACHE_MB": cache_mb}).test_client()
        doc_id = c.get("/api/search?q=coup").get_json()["hits"][0]["id"]
        for url in ("/search?q=coup", "/api/search?q=coup", "/entities", "/api/entities", f"/doc/{doc_id}",
                    f"/api/doc/{doc_id}", "/facet/person", "/api/facet/person"):
            first = c.get(url)
            etag = first.headers.get("ETag")
            assert first.status_code == 200 and etag and first.headers["Cache-Control"] == "no-cache", url
            again = c.get(url, headers={"If-None-Match": etag})
            assert again.status_code == 304 and again.data == b"" and again.headers["ETag"] == etag, url
            other = c.get(url, headers={"If-None-Match": '"something-else"'})
            assert other.status_code == 200 and other.data == first.data, url
        assert c.get("/search?q=mali").headers["ETag"] != c.get("/search?q=coup").headers["ETag"]
        assert "ETag" not in c.get("/healthz").headers  # live, never revalidated
        assert c.get("/search?q=%22open", headers={"If-None-Match": "*"}).status_code == 400
