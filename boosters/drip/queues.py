"""The dispatcher's queues: drip deliveries and notices.

Each queue says how the dispatcher (``boosters.drip.dispatch``) handles one
kind of queued email: which due rows may go now, what a batch loads first,
how one message is built, what a sent one records, and whose address it is.
The claim, send and record steps are the same for both.
"""

from datetime import datetime, timedelta
from typing import ClassVar

from django.core.mail.backends.smtp import EmailBackend as SmtpEmailBackend

from boosters.drip.emails import delivery_message, delivery_pages_load, wire_messages
from boosters.drip.notices import notice_message
from boosters.models import (
    BoosterQuestionPage,
    Cohort,
    Delivery,
    Enrollment,
    Learner,
    Notice,
)
from boosters.planning.scheduling import SEND_GRACE


class EmailQueue:
    """How the dispatcher handles one kind of queued email."""

    model: ClassVar[type]
    # Loaded with each claimed row, for building its message.
    related: ClassVar[tuple[str, ...]]
    # Written on top of the common outcome fields when a batch is recorded.
    fields: ClassVar[tuple[str, ...]] = ()
    # How late after its due time a row may still go (None: any time).
    grace: ClassVar[timedelta | None] = None

    def ready(self, due):
        """Narrow the due rows to those that may go now."""
        return due

    def prepare(self, items: list) -> None:
        """Load what a batch's messages need, in a few queries for the batch."""

    def build(self, item, connection):
        """One item's message; raises ``NotSendable`` when it can't be sent."""
        raise NotImplementedError

    def on_sent(self, item, now: datetime) -> None:
        """Note on ``item`` (in memory) what sending it means."""

    def learner_of(self, item) -> Learner | None:
        """Whose address the item goes to (suppressed if the server refuses it)."""
        raise NotImplementedError


def enrollments_cohorts_load(*, enrollments: list) -> None:
    """Give ``enrollments`` their cohorts, with programs, in one query: one
    instance per cohort, where joining them to every row built one per row."""
    loaded = Enrollment.cohort.field.is_cached
    wanted = {e.cohort_id for e in enrollments if not loaded(e)}
    if not wanted:
        return
    cohorts = Cohort.objects.select_related("program").in_bulk(wanted)
    for enrollment in enrollments:
        if enrollment.cohort_id in cohorts:
            enrollment.cohort = cohorts[enrollment.cohort_id]


class DeliveryQueue(EmailQueue):
    """Program content: sent at the learner's local send time, paused cohorts
    wait, and a sent question opens its answer window."""

    model = Delivery
    # Not "page": delivery_pages_load gives the batch its specific pages. Not
    # the cohort either: a batch has a few, loaded once each by prepare.
    related = ("enrollment__learner",)
    fields = ("revision", "answer_due_by")
    grace = SEND_GRACE

    def ready(self, due):
        return due.filter(enrollment__cohort__paused=False)

    def prepare(self, items: list) -> None:
        enrollments_cohorts_load(enrollments=[item.enrollment for item in items])
        delivery_pages_load(deliveries=items)

    def build(self, item, connection):
        if isinstance(connection, SmtpEmailBackend):
            # Over SMTP: bytes merged into the page's email serialized once.
            with wire_messages():
                return delivery_message(delivery=item, connection=connection)
        return delivery_message(delivery=item, connection=connection)

    def on_sent(self, item, now: datetime) -> None:
        """Note the revision sent and, for a question, when its answer window
        closes."""
        page = item.page
        item.revision_id = page.live_revision_id
        if isinstance(page, BoosterQuestionPage):
            window = item.enrollment.cohort.program.answer_window_days
            item.answer_due_by = now + timedelta(days=window)

    def learner_of(self, item) -> Learner | None:
        return item.enrollment.learner


class NoticeQueue(EmailQueue):
    """Notifications and digests (``boosters.drip.notices``): sent when due."""

    model = Notice
    related = ("learner", "manager", "cohort__program")

    def build(self, item, connection):
        return notice_message(notice=item, connection=connection)

    def learner_of(self, item) -> Learner | None:
        return item.learner


DELIVERIES = DeliveryQueue()
NOTICES = NoticeQueue()
