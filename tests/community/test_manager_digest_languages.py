"""The manager digest is written in the manager's language (P12)."""

import datetime as dt

from django.utils import translation

import pytest

from boosters.drip.notices import notice_message
from boosters.factories import (
    CohortFactory,
    EnrollmentFactory,
    ProgramFactory,
    booster_with_choices,
)
from boosters.models import Delivery, DeliveryStatus, Manager, Notice, NoticeKind
from community.managers.privacy import TeamResults
from community.managers.services import ManagerDigest, managers_sync
from community.managers.weeks import digest_week

pytestmark = pytest.mark.django_db

RAVI = "ravi@example.com"
# Monday 9 March 2026, 08:00 in Singapore: the digest of the week before.
DIGEST_AT = dt.datetime(2026, 3, 9, 0, 0, tzinfo=dt.UTC)
MIDWEEK = dt.datetime(2026, 3, 4, 2, 0, tzinfo=dt.UTC)


def digest_for(topic, *, manager_language="", cohort_language="en"):
    """The digest email to Ravi, whose one learner was sent a booster midweek."""
    cohort = CohortFactory(
        program=ProgramFactory(name="Feedback that lands"),
        time_zone="Asia/Singapore",
        language=cohort_language,
    )
    enrollment = EnrollmentFactory(
        cohort=cohort,
        learner__manager_email=RAVI,
        learner__manager_name="Ravi Kumar",
    )
    question = booster_with_choices(parent=topic, title="Naming the behaviour")
    Delivery.objects.create(
        enrollment=enrollment,
        page=question,
        status=DeliveryStatus.SENT,
        due_at=MIDWEEK,
        sent_at=MIDWEEK,
        local_date=MIDWEEK.date(),
    )
    managers_sync()
    manager = Manager.objects.get(email=RAVI)
    manager.language = manager_language
    manager.save()
    notice = Notice(kind=NoticeKind.MANAGER_DIGEST, manager=manager, due_at=DIGEST_AT)
    return notice_message(notice=notice)


def test_a_manager_reading_portuguese_gets_the_subject_and_greeting_in_portuguese(
    topic,
):
    message = digest_for(topic, manager_language="pt-br")

    # Month names as Django's pt-BR catalogue writes them (capitalised).
    assert message.subject == "O aprendizado da sua equipe: semana de 2 de Março"
    assert message.body.startswith("Olá, Ravi,\n")
    assert "Hi Ravi" not in message.body
    assert "Olá, Ravi," in message.alternatives[0][0]


def test_a_manager_without_a_language_gets_their_teams(topic):
    message = digest_for(topic, cohort_language="es")

    assert message.subject == "El aprendizaje de tu equipo: semana del 2 de marzo"
    assert message.body.startswith("Hola, Ravi,\n")


def test_in_english_the_digest_reads_as_it_always_did(topic):
    message = digest_for(topic)

    assert message.subject == "Your team's learning: week of 2 March"
    assert message.body.startswith("Hi Ravi,\n")


def digest_with(*, programs, private_size=2, people=()):
    week = digest_week(now=DIGEST_AT, zone=dt.UTC)
    return ManagerDigest(
        manager_name="Ravi",
        week=week,
        team_size=private_size + len(people),
        items=[],
        starters=[],
        tip="",
        results=TeamResults(people=list(people), group=None, private_size=2),
        program_titles=programs,
        answered_total=0,
    )


def test_programs_are_listed_with_the_languages_and(settings):

    digest = digest_with(programs=["Listening", "Feedback", "Coaching"])
    assert digest.programs_text == "Listening, Feedback and Coaching"
    with translation.override("pt-br"):
        assert digest.programs_text == "Listening, Feedback e Coaching"
        assert digest_with(programs=[]).programs_text == ("um programa do Learning Hub")
    with translation.override("es"):
        assert digest.programs_text == "Listening, Feedback y Coaching"


def test_the_suppressed_figures_note_is_translated():

    digest = digest_with(programs=["Listening"])
    assert digest.results.suppressed_note.startswith(
        "Team figures appear once at least 5 people on your team are in the program"
    )
    with translation.override("pt-br"):
        assert digest.results.suppressed_note.startswith(
            "Os números da equipe aparecem quando pelo menos 5 pessoas"
        )
