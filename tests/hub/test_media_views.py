"""Uploaded media is served with byte ranges, so browsers can seek in videos."""

from django.core.files.storage import default_storage

import pytest

from hub.media_views import byte_range


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("", None),
        ("bytes=0-99", (0, 99)),
        ("bytes=100-", (100, 999)),
        ("bytes=-100", (900, 999)),
        ("bytes=990-5000", (990, 999)),
        ("bytes=0-1,5-6", None),
        ("lines=1-2", None),
    ],
)
def test_range_header_parsing(header, expected):
    assert byte_range(header, 1000) == expected


@pytest.mark.parametrize("header", ["bytes=1000-", "bytes=5-1", "bytes=-0"])
def test_unsatisfiable_ranges_raise(header):
    with pytest.raises(ValueError):
        byte_range(header, 1000)


@pytest.fixture
def video_file():
    name = default_storage.save(
        "media/clip.mp4", __import__("io").BytesIO(bytes(range(256)) * 4)
    )
    yield f"/media/{name}"
    default_storage.delete(name)


def test_a_range_request_gets_206_with_just_those_bytes(client, video_file):
    response = client.get(video_file, HTTP_RANGE="bytes=10-19")
    assert response.status_code == 206
    assert response["Content-Range"] == "bytes 10-19/1024"
    assert b"".join(response.streaming_content) == bytes(range(10, 20))
    assert response["Content-Type"] == "video/mp4"


def test_whole_file_says_it_accepts_ranges(client, video_file):
    response = client.get(video_file)
    assert response.status_code == 200
    assert response["Accept-Ranges"] == "bytes"


def test_unsatisfiable_range_gets_416(client, video_file):
    assert client.get(video_file, HTTP_RANGE="bytes=5000-").status_code == 416


@pytest.mark.parametrize("path", ["/media/missing.mp4", "/media/../settings.py"])
def test_missing_or_escaping_paths_get_404(client, path, db):
    assert client.get(path).status_code == 404
