"""Serve uploaded media with HTTP range requests, so video seeking works locally.

Django's ``django.views.static.serve`` ignores ``Range`` headers; browsers then
refuse to seek in a video (a chapter link would jump back to 0:00).
"""

import mimetypes
import re
from pathlib import Path

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse, StreamingHttpResponse
from django.utils._os import safe_join
from django.views.decorators.http import require_safe

RANGE_RE = re.compile(r"^bytes=(\d*)-(\d*)$")
mimetypes.add_type("text/vtt", ".vtt")


def byte_range(header: str, size: int) -> tuple[int, int] | None:
    """Parse a single-range ``Range`` header into inclusive (start, end) offsets.

    Returns ``None`` when the header is absent, malformed or asks for several
    ranges (the whole file is then sent) and raises ``ValueError`` when the range
    cannot be satisfied.
    """
    match = RANGE_RE.match(header.strip()) if header else None
    if not match:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # a suffix range: the last N bytes
        length = int(last)
        if length == 0:
            raise ValueError("empty suffix range")
        return max(size - length, 0), size - 1
    start = int(first)
    end = min(int(last), size - 1) if last else size - 1
    if start >= size or start > end:
        raise ValueError("range not satisfiable")
    return start, end


@require_safe
def serve_media(request, path):
    """Serve ``MEDIA_ROOT/path``, honouring a single byte range."""
    try:
        full_path = Path(safe_join(settings.MEDIA_ROOT, path))
    except Exception as exc:  # SuspiciousFileOperation for ../ tricks
        raise Http404("No such file") from exc
    if not full_path.is_file():
        raise Http404("No such file")

    size = full_path.stat().st_size
    content_type = mimetypes.guess_type(full_path.name)[0] or "application/octet-stream"
    try:
        requested = byte_range(request.headers.get("Range", ""), size)
    except ValueError:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        return response

    handle = full_path.open("rb")
    if requested is None:
        response = FileResponse(handle, content_type=content_type)
    else:
        start, end = requested
        handle.seek(start)
        response = StreamingHttpResponse(
            _limited(handle, end - start + 1), status=206, content_type=content_type
        )
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
        response["Content-Length"] = str(end - start + 1)
    response["Accept-Ranges"] = "bytes"
    return response


def _limited(handle, length, chunk_size=64 * 1024):
    """Yield at most ``length`` bytes from ``handle``, then close it."""
    try:
        remaining = length
        while remaining > 0:
            chunk = handle.read(min(chunk_size, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk
    finally:
        handle.close()
