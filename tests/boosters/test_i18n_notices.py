"""Notices, digests and sign-in links are written in their recipient's
language (P12), with that language's dates and links to its pages."""

import datetime as dt

from django.core import mail
from django.core.mail import EmailMultiAlternatives
from django.utils import formats, translation

import pytest

from boosters.drip.dispatch import drip_tick
from boosters.drip.links import unsubscribe_url
from boosters.drip.notices import _BUILDERS, notice_builder, notice_queue
from boosters.factories import CohortFactory, EnrollmentFactory, LearnerFactory
from boosters.learners.sign_in import sign_in_message
from boosters.models import Manager

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
KIND = "reply"
DAY = dt.date(2026, 3, 9)


@pytest.fixture(autouse=True)
def builder():
    """A builder that writes what a real one would take from the language."""
    original = _BUILDERS.get(KIND)

    @notice_builder(KIND)
    def build(notice):
        return EmailMultiAlternatives(
            subject=f"[{translation.get_language()}] "
            + formats.date_format(DAY, "DATE_FORMAT"),
            body=unsubscribe_url(token="TOKEN"),
            to=[notice.recipient_email],
        )

    yield
    if original is None:
        _BUILDERS.pop(KIND, None)
    else:
        _BUILDERS[KIND] = original


def sent(**recipient):
    notice_queue(kind=KIND, dedupe_key="n1", due_at=NOW, **recipient)
    mail.outbox = []
    drip_tick(now=NOW)
    (message,) = mail.outbox
    return message


def test_a_learners_notice_is_in_their_cohorts_language_with_its_dates_and_links():
    cohort = CohortFactory(language="pt-br")
    learner = EnrollmentFactory(cohort=cohort).learner
    message = sent(learner=learner, cohort=cohort)
    assert message.subject == "[pt-br] 9 de Março de 2026"
    assert "/pt-br/email/unsubscribe/TOKEN/" in message.body


def test_a_managers_digest_is_in_their_teams_language_unless_they_chose_one():
    cohort = CohortFactory(language="es")
    for _ in range(2):
        EnrollmentFactory(
            cohort=cohort, learner=LearnerFactory(manager_email="ravi@example.com")
        )
    ravi = Manager.objects.create(email="ravi@example.com", name="Ravi")
    assert sent(manager=ravi).subject == "[es] 9 de marzo de 2026"

    ravi.language = "en"
    ravi.save()
    mail.outbox = []
    notice_queue(kind=KIND, dedupe_key="n2", due_at=NOW, manager=ravi)
    drip_tick(now=NOW)
    subject = mail.outbox[0].subject
    assert subject.startswith("[en] ") and "March" in subject


def test_the_sign_in_email_links_to_the_sign_in_page_in_the_learners_language():
    cohort = CohortFactory(language="pt-br")
    learner = EnrollmentFactory(cohort=cohort).learner
    message = sign_in_message(learner=learner)
    assert "/pt-br/learn/sign-in/" in message.body
    english = sign_in_message(learner=LearnerFactory())
    assert "/learn/sign-in/" in english.body
    assert "/pt-br/" not in english.body
