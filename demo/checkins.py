"""The demo's application check-ins: "Have you tried it at work?" 7 and 30
days after the "Giving feedback" topic's items, and a São Paulo cohort that
finished the course weeks ago, so its answers and stories fill the stories
listing and the "Application at work" figures.

Keyed like the rest of the demo (pages by slug, cohort by slug, learners by
email): running it again adds only what is missing.
"""

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from boosters.checkins.pages import ApplicationCheckInPage
from boosters.checkins.services import check_in_answer_record, check_in_story_record
from boosters.models import (
    BoosterQuestionPage,
    CheckInAnswer,
    Cohort,
    Delivery,
    DeliveryStatus,
    Enrollment,
    Learner,
    Program,
    ProgramStep,
)
from boosters.planning.sync import cohort_plan_sync, program_plan_sync
from boosters.questions.answers import deliveries_expire_unanswered
from demo.drip import PROGRAM_SLUG, course_end_date
from demo.simulate import _Learner, _send

BOOSTER_SLUG = "describe-the-behaviour"
BEHAVIOUR = "describing one specific behaviour when you give feedback"
# (slug, title, days after the topic's last item)
CHECK_INS = [
    ("tried-describing-the-behaviour", "Describing the behaviour: a week on", 7),
    ("describing-the-behaviour-a-month-on", "Describing the behaviour: a month on", 30),
]
COHORT_SLUG = "sao-paulo"
COHORT_WEEKS_AGO = 7  # far enough back for both check-ins to have gone out
# (email, first, last, manager name, manager email, day-7 outcome, consent, story)
LEARNERS = [
    (
        "luana.pereira@example.com",
        "Luana",
        "Pereira",
        "Carla Mendes",
        "carla",
        "tried",
        "content",
        "I told Pedro exactly what I saw in the client call: he cut the "
        "client off twice. He didn't get defensive; he asked how to do it better.",
    ),
    (
        "bruno.alves@example.com",
        "Bruno",
        "Alves",
        "Carla Mendes",
        "carla",
        "tried",
        "cohort",
        "I named the late report, not “you're disorganised”. We agreed a "
        "reminder the day before.",
    ),
    (
        "camila.rocha@example.com",
        "Camila",
        "Rocha",
        "Carla Mendes",
        "carla",
        "tried",
        "private",
        "It didn't go well; I need to practise more.",
    ),
    (
        "diego.ferreira@example.com",
        "Diego",
        "Ferreira",
        "Carla Mendes",
        "carla",
        "tried",
        "content",
        "Instead of “great job” I said which slide made the "
        "difference. She used the same structure in the next deck.",
    ),
    (
        "elisa.martins@example.com",
        "Elisa",
        "Martins",
        "Carla Mendes",
        "carla",
        "not_yet",
        "",
        "",
    ),
    (
        "felipe.costa@example.com",
        "Felipe",
        "Costa",
        "Carla Mendes",
        "carla",
        "tried",
        "cohort",
        "Short and specific worked: one meeting, one behaviour, one effect.",
    ),
    (
        "gabriela.dias@example.com",
        "Gabriela",
        "Dias",
        "João Lima",
        "joao",
        "not_applicable",
        "",
        "",
    ),
    (
        "henrique.gomes@example.com",
        "Henrique",
        "Gomes",
        "João Lima",
        "joao",
        "",
        "",
        "",
    ),
]


@dataclass
class DemoCheckInsResult:
    pages_created: int = 0
    answers_created: int = 0


def _topic_and_booster():
    booster = BoosterQuestionPage.objects.filter(slug=BOOSTER_SLUG).first()
    if booster is None:
        return None, None
    return booster.get_parent().specific, booster


def _check_in_pages_ensure(*, topic, booster, result) -> list:
    pages = []
    for slug, title, _ in CHECK_INS:
        page = ApplicationCheckInPage.objects.filter(slug=slug).first()
        if page is None:
            page = ApplicationCheckInPage(
                title=title,
                slug=slug,
                behaviour=BEHAVIOUR,
                intro="<p>Naming what you saw, not what you think of the person, "
                "is the habit that makes feedback land.</p>",
                story_prompt="What happened when you tried it?",
                booster=booster,
            )
            topic.add_child(instance=page)
            page.save_revision().publish()
            result.pages_created += 1
        pages.append(page)
    return pages


def _steps_ensure(*, program: Program, topic, pages) -> None:
    topic_pages = topic.get_children().values_list("pk", flat=True)
    last = max(
        program.steps.filter(page_id__in=topic_pages)
        .exclude(page_id__in=[p.pk for p in pages])
        .values_list("day_offset", flat=True),
        default=0,
    )
    for page, (_, _, after) in zip(pages, CHECK_INS, strict=True):
        if not program.steps.filter(page=page).exists():
            ProgramStep.objects.create(
                program=program,
                page=page,
                day_offset=last + after,
                sort_order=program.steps.count(),
            )


def _cohort_ensure(*, program: Program, now: datetime) -> Cohort:
    anchor = course_end_date(
        today=(now - timedelta(weeks=COHORT_WEEKS_AGO)).date(),
        weekend=frozenset({6, 7}),
        weeks_ago=0,
    )
    cohort, _ = Cohort.objects.get_or_create(
        slug=COHORT_SLUG,
        defaults={
            "program": program,
            "name": "São Paulo office",
            "region": "São Paulo",
            "time_zone": "America/Sao_Paulo",
            "anchor_date": anchor,
        },
    )
    enrolled_at = timezone.make_aware(datetime.combine(cohort.anchor_date, time(0)))
    for email, first, last, manager, manager_key, *_ in LEARNERS:
        learner, _ = Learner.objects.get_or_create(
            email__iexact=email,
            defaults={
                "email": email,
                "first_name": first,
                "last_name": last,
                "office": "São Paulo",
                "manager_name": manager,
                "manager_email": f"{manager_key}@example.com",
            },
        )
        Enrollment.objects.get_or_create(
            learner=learner, cohort=cohort, defaults={"enrolled_at": enrolled_at}
        )
    cohort_plan_sync(cohort=cohort)
    return cohort


def _history_play(*, cohort: Cohort, pages, now: datetime, result) -> None:
    """Send what was due (booster answers as the demo simulation gives them),
    then the learners' check-in answers and stories."""
    rng = random.Random(7)
    people = {
        pk: _Learner(ability=rng.uniform(0.45, 0.85), answers=rng.uniform(0.75, 0.95))
        for pk in cohort.enrollments.values_list("pk", flat=True)
    }
    due = (
        Delivery.objects.filter(
            enrollment__cohort=cohort, status=DeliveryStatus.PENDING, due_at__lte=now
        )
        .select_related("enrollment__learner", "enrollment__cohort__program", "page")
        .order_by("due_at", "pk")
    )
    for delivery in due:
        _send(delivery=delivery, rng=rng, people=people, now=now)
    deliveries_expire_unanswered(now=now, limit=10_000)
    outcomes = {row[0]: row[5:] for row in LEARNERS}
    check_ins = (
        Delivery.objects.filter(
            enrollment__cohort=cohort,
            page__in=pages,
            status=DeliveryStatus.SENT,
        )
        .select_related("enrollment__learner", "page")
        .order_by("due_at")
    )
    for delivery in check_ins:
        outcome, consent, story = outcomes[delivery.enrollment.learner.email]
        first = delivery.page_id == pages[0].pk
        if not outcome or not first and outcome != "tried":
            continue
        at = delivery.sent_at + timedelta(hours=rng.randint(1, 30))
        answer = check_in_answer_record(
            delivery=delivery, outcome=outcome, now=min(at, now)
        ).answer
        result.answers_created += 1
        if first and story:
            check_in_story_record(
                answer=answer, story=story, consent=consent, now=answer.answered_at
            )


def demo_checkins_ensure(*, now: datetime | None = None) -> DemoCheckInsResult:
    """The check-in pages, their program steps and the São Paulo cohort's
    answered check-ins, whichever are missing."""
    now = now or timezone.now()
    result = DemoCheckInsResult()
    program = Program.objects.filter(slug=PROGRAM_SLUG).first()
    topic, booster = _topic_and_booster()
    if program is None or topic is None:
        return result
    with transaction.atomic():
        pages = _check_in_pages_ensure(topic=topic, booster=booster, result=result)
        _steps_ensure(program=program, topic=topic, pages=pages)
        program_plan_sync(program_id=program.pk)
        cohort = _cohort_ensure(program=program, now=now)
        if not CheckInAnswer.objects.filter(enrollment__cohort=cohort).exists():
            _history_play(cohort=cohort, pages=pages, now=now, result=result)
    return result
