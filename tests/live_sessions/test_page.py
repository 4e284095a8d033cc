"""The live session page in the editor: times checked, stored unambiguously,
previewed as the invitation email."""

import datetime as dt

from django.core.exceptions import ValidationError

import pytest

from boosters.drip.previews import email_preview_html, email_preview_message
from live_sessions.factories import LiveSessionPageFactory

from .helpers import ENDS_AT, STARTS_AT, calendar_parts

pytestmark = pytest.mark.django_db


def test_start_and_end_in_the_organisers_zone_are_stored_as_instants(topic):
    page = LiveSessionPageFactory(parent=topic)

    # 10:00-11:00 on 10 March 2026 in New York, two days after DST began.
    assert (page.starts_at, page.ends_at) == (STARTS_AT, ENDS_AT)

    page.time_zone = "Asia/Tokyo"
    page.save()
    assert page.starts_at == dt.datetime(2026, 3, 10, 1, 0, tzinfo=dt.UTC)


def test_a_session_must_end_after_it_starts(topic):
    page = LiveSessionPageFactory(parent=topic)
    page.end_time = dt.time(9, 30)

    with pytest.raises(ValidationError) as error:
        page.full_clean()

    assert "must end after it starts" in str(error.value.message_dict["end_time"])


def test_an_unknown_time_zone_is_refused_with_an_example(topic):
    page = LiveSessionPageFactory(parent=topic)
    page.time_zone = "Mars/Olympus_Mons"

    with pytest.raises(ValidationError) as error:
        page.full_clean()

    assert "Europe/London" in str(error.value.message_dict["time_zone"])


def test_the_editors_email_preview_shows_the_invitation_with_its_invite(topic):
    page = LiveSessionPageFactory(parent=topic, title="Feedback clinic")

    html = email_preview_html(page=page)
    message = email_preview_message(page=page)

    assert "Feedback clinic" in html
    assert "the learner&#x27;s own zone" in html or "the learner's own zone" in html
    assert set(calendar_parts(message)) == {"inline", "attachment"}
