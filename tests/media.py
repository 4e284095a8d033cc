"""Small real files for tests: a video, a WebVTT captions file and an image."""

from django.core.files.base import ContentFile

from wagtail.documents.models import Document
from wagtail.images.tests.utils import get_test_image_file
from wagtailmedia.models import Media

CAPTIONS = """WEBVTT

00:00:00.000 --> 00:00:03.000
Open the performance system and choose your direct report.

00:00:03.500 --> 00:00:06.000
Select <b>Add feedback note</b>.

00:00:10.000 --> 00:00:13.000
Describe the situation, the behaviour and its impact.
"""


def video_media(*, title="Logging a note", duration=42.0) -> Media:
    """A wagtailmedia video. The bytes are not a real MP4; tests don't play it."""
    return Media.objects.create(
        title=title,
        type="video",
        duration=duration,
        file=ContentFile(b"\x00\x00\x00\x18ftypmp42", name="note.mp4"),
    )


def captions_document(*, text=CAPTIONS, name="note.vtt") -> Document:
    return Document.objects.create(
        title="Captions", file=ContentFile(text.encode(), name=name)
    )


def sample_image():
    from wagtail.images.models import Image

    return Image.objects.create(title="Two colleagues", file=get_test_image_file())
