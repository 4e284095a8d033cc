"""A live session step: its email carries the calendar invite; a published
change sends an update (same UID, next SEQUENCE) and a cancellation a CANCEL,
only to the learners whose invite was sent."""

import datetime as dt

from django.core import mail
from django.utils import timezone

import pytest
import vobject

from boosters.drip.dispatch import drip_tick
from boosters.drip.links import sender_domain
from boosters.models import Delivery, DeliveryStatus, Notice, NoticeKind
from live_sessions.factories import LiveSessionPageFactory
from live_sessions.models import SessionCalendar

from .helpers import (
    ENDS_AT,
    INVITE_DUE,
    STARTS_AT,
    calendar_parts,
    event_of,
    invite_of,
    session_cohort,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def session(topic):
    page = LiveSessionPageFactory(parent=topic, title="Feedback clinic")
    page.save_revision().publish()
    return page


def soon():
    # Updates are queued when the change is published: now, on the real clock.
    return timezone.now() + dt.timedelta(minutes=1)


def publish(page, **changes):
    page.refresh_from_db()
    for name, value in changes.items():
        setattr(page, name, value)
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def test_the_invite_email_carries_the_event_inline_and_as_invite_ics(session):
    cohort = session_cohort(session)
    learner = cohort.enrollments.get().learner

    assert drip_tick(now=INVITE_DUE).sent == 1

    [message] = mail.outbox
    assert message.subject == "Invitation: Feedback clinic"
    parts = calendar_parts(message)
    assert set(parts) == {"inline", "attachment"}
    assert parts["attachment"].get_filename() == "invite.ics"
    for kind in ("inline", "attachment"):
        method, ics = invite_of(message, kind)
        assert method == "REQUEST"
        calendar, event = event_of(ics)
        assert calendar["METHOD"] == "REQUEST"
        assert str(event["UID"]) == f"live-session-{session.pk}@{sender_domain()}"
        assert event["SEQUENCE"] == 0
        assert event.decoded("DTSTART") == STARTS_AT
        assert event.decoded("DTEND") == ENDS_AT
        assert str(event["ATTENDEE"]) == f"mailto:{learner.email}"
        assert vobject.readOne(ics.decode()).vevent.uid.value == str(event["UID"])
    # The inline part sits beside the text and HTML, as calendars expect.
    assert [alt.mimetype for alt in message.alternatives] == [
        "text/html",
        "text/calendar; method=REQUEST",
    ]


def test_the_email_gives_the_time_in_the_learners_own_zone(session):
    cohort = session_cohort(session, learners=2)
    tokyo, new_york = (e.learner for e in cohort.enrollments.order_by("pk"))
    tokyo.time_zone = "Asia/Tokyo"
    tokyo.save()

    drip_tick(now=INVITE_DUE)

    bodies = {m.to[0]: m for m in mail.outbox}
    # 14:00 UTC is 23:00 in Tokyo and 10:00 in New York (EDT).
    assert (
        "Tuesday 10 March 2026, 23:00–00:00 (Asia/Tokyo)"
        not in bodies[tokyo.email].body
    )
    assert (
        "Tuesday 10 March 2026, 23:00–Wednesday 11 March 2026, 00:00 (Asia/Tokyo)"
        in bodies[tokyo.email].body
    )
    assert (
        "Tuesday 10 March 2026, 10:00–11:00 (America/New_York)"
        in bodies[new_york.email].body
    )
    html = bodies[new_york.email].alternatives[0].content
    assert "Tuesday 10 March 2026, 10:00–11:00 (America/New_York)" in html
    assert "Send a question for the session" in html


def test_a_moved_session_sends_an_update_that_replaces_the_event(session):
    cohort = session_cohort(session)
    drip_tick(now=INVITE_DUE)
    [invite] = mail.outbox
    mail.outbox.clear()

    publish(session, start_time=dt.time(11, 0), end_time=dt.time(12, 0))

    assert SessionCalendar.objects.get(page=session).sequence == 1
    [notice] = Notice.objects.filter(kind=NoticeKind.SESSION_UPDATE)
    assert notice.learner == cohort.enrollments.get().learner
    assert drip_tick(now=soon()).sent == 1
    [update] = mail.outbox
    assert update.subject == "Updated: Feedback clinic"
    _, old_ics = invite_of(invite)
    method, new_ics = invite_of(update)
    assert method == "REQUEST"
    assert calendar_parts(update)["attachment"].get_filename() == "invite.ics"
    old, new = vobject.readOne(old_ics.decode()), vobject.readOne(new_ics.decode())
    assert new.vevent.uid.value == old.vevent.uid.value
    assert int(new.vevent.sequence.value) == 1
    assert new.vevent.dtstart.value == STARTS_AT + dt.timedelta(hours=1)
    assert "11:00–12:00 (America/New_York)" in update.body


def test_an_edit_calendars_dont_hold_changes_nothing(session):
    session_cohort(session)
    drip_tick(now=INVITE_DUE)

    publish(session, intro="<p>A new intro.</p>", facilitator_name="Sam Lee")

    assert SessionCalendar.objects.get(page=session).sequence == 0
    assert not Notice.objects.exists()


def test_updates_go_only_to_learners_whose_invite_was_sent(session):
    invited = session_cohort(session)
    later = session_cohort(session, day_offset=3)  # its invite is still pending
    drip_tick(now=INVITE_DUE)

    publish(session, title="Feedback clinic (new room)")

    [notice] = Notice.objects.filter(kind=NoticeKind.SESSION_UPDATE)
    assert notice.learner == invited.enrollments.get().learner
    # The pending invite simply goes out with the newest details.
    mail.outbox.clear()
    drip_tick(now=INVITE_DUE + dt.timedelta(days=3))
    [pending] = [
        m for m in mail.outbox if m.to[0] == later.enrollments.get().learner.email
    ]
    _, ics = invite_of(pending)
    assert (
        vobject.readOne(ics.decode()).vevent.summary.value
        == "Feedback clinic (new room)"
    )
    assert int(vobject.readOne(ics.decode()).vevent.sequence.value) == 1


def test_two_quick_changes_send_one_update_with_the_newest_details(session):
    session_cohort(session)
    drip_tick(now=INVITE_DUE)

    publish(session, join_url="https://meet.example.com/one")
    publish(session, join_url="https://meet.example.com/two")

    statuses = dict(
        Notice.objects.filter(kind=NoticeKind.SESSION_UPDATE).values_list(
            "dedupe_key", "status"
        )
    )
    assert sorted(statuses.values()) == [
        DeliveryStatus.CANCELLED,
        DeliveryStatus.PENDING,
    ]
    mail.outbox.clear()
    drip_tick(now=soon())
    [update] = mail.outbox
    _, ics = invite_of(update)
    parsed = vobject.readOne(ics.decode())
    assert parsed.vevent.location.value == "https://meet.example.com/two"
    assert int(parsed.vevent.sequence.value) == 2


def test_a_cancelled_session_sends_a_cancel_for_the_same_event(session):
    cohort = session_cohort(session, learners=2)
    drip_tick(now=INVITE_DUE)
    [first, *_] = mail.outbox
    mail.outbox.clear()

    publish(session, cancelled=True)

    assert drip_tick(now=soon()).sent == 2
    for message in mail.outbox:
        assert message.subject == "Cancelled: Feedback clinic"
        method, ics = invite_of(message)
        assert method == "CANCEL"
        assert invite_of(message, "attachment")[0] == "CANCEL"
        parsed = vobject.readOne(ics.decode())
        assert parsed.method.value == "CANCEL"
        assert parsed.vevent.status.value == "CANCELLED"
        assert (
            parsed.vevent.uid.value
            == vobject.readOne(invite_of(first)[1].decode()).vevent.uid.value
        )
        assert int(parsed.vevent.sequence.value) == 1
    assert cohort.enrollments.count() == 2


def test_a_pending_invite_of_a_cancelled_session_is_skipped(session):
    session_cohort(session)
    publish(session, cancelled=True)

    result = drip_tick(now=INVITE_DUE)

    assert result.sent == 0
    assert not mail.outbox
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.SKIPPED
    assert delivery.status_reason == "The session was cancelled."


def test_an_invite_due_after_the_session_is_skipped(session):
    session_cohort(session, day_offset=9)  # due Wednesday 11 March, a day late

    drip_tick(now=INVITE_DUE + dt.timedelta(days=9))

    assert not mail.outbox
    delivery = Delivery.objects.get()
    assert delivery.status == DeliveryStatus.SKIPPED
    assert delivery.status_reason == "The session is over."
