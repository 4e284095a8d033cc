"""Queueing notices and building their emails, one builder per kind.

Apps register a builder for each notice kind they send (``notice_builder``);
the dispatcher asks ``notice_message`` for the email when the notice is due,
so its content is as fresh as the moment it goes out.
"""

from collections.abc import Callable
from datetime import datetime

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import IntegrityError, transaction
from django.utils import translation

from boosters.drip.emails import NotSendable
from boosters.learners.languages import learner_language, manager_language
from boosters.models import Cohort, Learner, Manager, Notice

NoticeBuilder = Callable[[Notice], EmailMultiAlternatives]
_BUILDERS: dict[str, NoticeBuilder] = {}


def notice_builder(kind: str) -> Callable[[NoticeBuilder], NoticeBuilder]:
    """Register the function that builds the email for notices of ``kind``.

    The builder returns a complete message (subject, both parts, headers) or
    raises ``NotSendable`` with the reason it should be skipped.
    """

    def register(builder: NoticeBuilder) -> NoticeBuilder:
        _BUILDERS[kind] = builder
        return builder

    return register


def notice_message(*, notice: Notice, connection=None) -> EmailMultiAlternatives:
    """The email for ``notice``; raises ``NotSendable`` if there is none to send.

    Built in the recipient's language (``notice_language``): its words, dates
    and times, and the links in it (/pt-br/... pages).
    """
    builder = _BUILDERS.get(notice.kind)
    if builder is None:
        raise NotSendable(f"No email is defined for {notice.kind} notices.")
    with translation.override(notice_language(notice=notice)):
        message = builder(notice)
    message.connection = connection
    return message


def notice_language(*, notice: Notice) -> str:
    """The language of ``notice``'s email: its learner's (in its cohort), else
    its manager's."""
    if notice.learner_id is not None:
        return learner_language(learner=notice.learner, cohort=notice.cohort)
    if notice.manager_id is not None:
        return manager_language(manager=notice.manager)
    if notice.cohort_id is not None:
        return notice.cohort.language or settings.LANGUAGE_CODE
    return settings.LANGUAGE_CODE


def notice_queue(
    *,
    kind: str,
    dedupe_key: str,
    due_at: datetime,
    learner: Learner | None = None,
    manager: Manager | None = None,
    cohort: Cohort | None = None,
    subject_id: int | None = None,
) -> Notice | None:
    """Queue a notice unless one with ``dedupe_key`` exists; returns the new one.

    Idempotent and safe under concurrency: the unique key keeps one row.
    """
    try:
        with transaction.atomic():
            return Notice.objects.create(
                kind=kind,
                dedupe_key=dedupe_key[:120],
                due_at=due_at,
                learner=learner,
                manager=manager,
                cohort=cohort,
                subject_id=subject_id,
            )
    except IntegrityError:
        return None
