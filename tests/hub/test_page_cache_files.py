"""The page cache's file backend: Django's file cache, minus a folder listing
on every store (hub.page_cache.PageFileCache)."""

from unittest import mock

from hub.page_cache import PageFileCache


def file_cache(tmp_path, *, max_entries):
    return PageFileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": max_entries}})


def test_a_stored_page_comes_back(tmp_path):
    cache = file_cache(tmp_path, max_entries=10)

    cache.set("page:1:abc", (b"<html>", {"Content-Type": "text/html"}), 60)

    assert cache.get("page:1:abc") == (b"<html>", {"Content-Type": "text/html"})


def test_the_folder_is_listed_once_in_a_hundred_stores_not_on_each(tmp_path):
    cache = file_cache(tmp_path, max_entries=5000)

    with mock.patch.object(
        cache, "_list_cache_files", wraps=cache._list_cache_files
    ) as listing:
        for n in range(250):
            cache.set(f"page:1:{n}", b"x", 60)

    assert listing.call_count == 3  # stores 1, 101 and 201


def test_the_cache_is_still_kept_near_its_maximum(tmp_path, monkeypatch):
    monkeypatch.setattr(PageFileCache, "CULL_EVERY", 5)
    cache = file_cache(tmp_path, max_entries=20)

    for n in range(200):
        cache.set(f"page:1:{n}", b"x", 60)

    assert len(cache._list_cache_files()) <= 20 + 5
