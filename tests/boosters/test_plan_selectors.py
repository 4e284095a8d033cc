"""A program's timeline and a cohort's plan by day and step, as editors read them."""

import datetime as dt

import pytest

from boosters.factories import (
    CohortFactory,
    EnrollmentFactory,
    ProgramFactory,
    ProgramStepFactory,
    booster_with_choices,
)
from boosters.models import Delivery, DeliveryStatus, SpacingMode
from boosters.planning.selectors import (
    cohort_plan_days,
    cohort_plan_item_deliveries,
    program_timeline,
    spacing_in_words,
)
from boosters.planning.sync import cohort_plan_sync
from home.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

BEFORE_COURSE_END = dt.datetime(2026, 2, 20, tzinfo=dt.UTC)
MONDAY = dt.date(2026, 3, 2)  # the course end: day 0


@pytest.fixture
def program(topic):
    program = ProgramFactory()
    ProgramStepFactory(
        program=program,
        day_offset=0,
        sort_order=0,
        page=ArticlePageFactory(parent=topic, title="Open with the situation"),
    )
    for order, offset in enumerate((3, 7), start=1):
        ProgramStepFactory(
            program=program,
            day_offset=offset,
            sort_order=order,
            send_time=dt.time(13, 30) if offset == 7 else None,
            page=booster_with_choices(parent=topic, title=f"Day {offset} question"),
        )
    return program


@pytest.fixture
def cohort(program):
    cohort = CohortFactory(program=program, anchor_date=MONDAY)
    for _ in range(3):
        EnrollmentFactory(cohort=cohort, enrolled_at=BEFORE_COURSE_END)
    cohort_plan_sync(cohort=cohort)
    return cohort


def test_program_timeline_lays_steps_out_by_day_with_type_and_send_time(program):
    timeline = program_timeline(program=program)

    assert [day.day_offset for day in timeline] == [0, 3, 7]
    article, question, later = (day.steps[0] for day in timeline)
    assert (article.title, article.page_type) == (
        "Open with the situation",
        "Article",
    )
    assert article.repeats == ""  # an article is never repeated
    assert question.page_type == "Booster question"
    assert question.send_time is None  # the cohort's
    assert later.send_time == dt.time(13, 30)
    assert question.repeats == (
        "Comes back 12 days after a wrong or missed answer, 24 days after a "
        "right one; retires after 2 right in a row."
    )


def test_steps_on_the_same_day_share_it_in_program_order(program, topic):
    ProgramStepFactory(
        program=program,
        day_offset=3,
        sort_order=5,
        page=ArticlePageFactory(parent=topic, title="Same day, later in order"),
    )

    day_three = program_timeline(program=program)[1]

    assert [s.title for s in day_three.steps] == [
        "Day 3 question",
        "Same day, later in order",
    ]


@pytest.mark.parametrize(
    "mode, words",
    [
        (SpacingMode.SERIES, "Asked once; no repeats."),
        (SpacingMode.SPACED_EDUCATION, "retires after 2 right in a row."),
        (SpacingMode.FSRS, "predicted to drop to 90%"),
    ],
)
def test_spacing_is_explained_in_words(mode, words):
    program = ProgramFactory(spacing_mode=mode)

    assert words in spacing_in_words(program=program)


def test_cohort_plan_groups_by_day_and_step_with_counts_by_status(cohort):
    day_three = Delivery.objects.filter(
        enrollment__cohort=cohort, local_date="2026-03-05"
    )
    first, second, _ = day_three.order_by("pk")
    Delivery.objects.filter(pk=first.pk).update(status=DeliveryStatus.SENT)
    Delivery.objects.filter(pk=second.pk).update(status=DeliveryStatus.FAILED)

    plan = cohort_plan_days(cohort=cohort, today=MONDAY, window=None)

    assert [(d.local_date, d.anchor_days) for d in plan.days] == [
        (dt.date(2026, 3, 2), 0),
        (dt.date(2026, 3, 5), 3),
        (dt.date(2026, 3, 9), 7),
    ]
    [item] = plan.days[1].items
    assert item.title == "Day 3 question"
    assert item.counts == {"pending": 1, "sent": 1, "failed": 1}
    assert [(label, n) for _, label, n in item.status_counts] == [
        ("Pending", 1),
        ("Sent", 1),
        ("Failed", 1),
        ("Skipped", 0),
        ("Cancelled", 0),
    ]
    assert plan.total == 9
    assert plan.totals == {"pending": 7, "sent": 1, "failed": 1}


def test_next_seven_days_keeps_only_this_week_but_totals_the_whole_plan(cohort):
    plan = cohort_plan_days(cohort=cohort, today=MONDAY, window=7)

    assert [d.local_date for d in plan.days] == [
        dt.date(2026, 3, 2),
        dt.date(2026, 3, 5),
    ]  # Monday 9 March is the eighth day
    assert plan.total == 9


def test_an_empty_week_says_when_the_next_email_goes(cohort):
    plan = cohort_plan_days(cohort=cohort, today=dt.date(2026, 2, 16), window=7)

    assert plan.days == []
    assert plan.next_pending_on == dt.date(2026, 3, 2)


def test_repeats_are_counted_apart_from_first_showings(cohort):
    first = Delivery.objects.filter(
        enrollment__cohort=cohort, local_date="2026-03-05"
    ).first()
    Delivery.objects.create(
        enrollment=first.enrollment,
        step=first.step,
        page=first.page,
        showing=2,
        local_date=dt.date(2026, 3, 9),
        due_at=first.due_at + dt.timedelta(days=4),
    )

    day_seven = cohort_plan_days(cohort=cohort, today=MONDAY, window=None).days[2]

    assert [(i.title, i.repeat, i.total) for i in day_seven.items] == [
        ("Day 3 question", True, 1),
        ("Day 7 question", False, 3),
    ]


def test_a_plan_item_lists_only_its_own_days_learners(cohort):
    step = cohort.program.steps.get(day_offset=3)

    deliveries = cohort_plan_item_deliveries(
        cohort=cohort,
        local_date=dt.date(2026, 3, 5),
        step_id=step.pk,
        page_id=None,
        repeat=False,
    )

    assert deliveries.count() == 3
    assert {d.step_id for d in deliveries} == {step.pk}
    assert not cohort_plan_item_deliveries(
        cohort=cohort,
        local_date=dt.date(2026, 3, 9),
        step_id=step.pk,
        page_id=None,
        repeat=False,
    ).exists()


def test_a_removed_steps_deliveries_are_found_by_their_page(cohort):
    step = cohort.program.steps.get(day_offset=0)
    page_id = step.page_id
    Delivery.objects.filter(step=step).update(status=DeliveryStatus.SENT)
    step.delete()

    [item] = cohort_plan_days(cohort=cohort, today=MONDAY, window=None).days[0].items

    assert (item.step_id, item.page_id, item.day_offset) == (None, page_id, None)
    assert item.drilldown_query == f"day=2026-03-02&page={page_id}&repeat=0"
    assert (
        cohort_plan_item_deliveries(
            cohort=cohort,
            local_date=MONDAY,
            step_id=None,
            page_id=page_id,
            repeat=False,
        ).count()
        == 3
    )


def test_the_page_editors_warning_says_a_paused_cohort_sends_nothing():
    from boosters.planning.page_impact import CohortSends, page_impact_summary

    send = CohortSends(
        cohort_name="London office",
        learners=3,
        next_due_at=dt.datetime(2026, 3, 2, 9, tzinfo=dt.UTC),
        time_zone="Europe/London",
        paused=True,
    )

    assert (
        "London office (3 learners, next send Mon 2 Mar 09:00 Europe/London, "
        "paused — nothing is sent until resumed)"
    ) in page_impact_summary(sends=[send])
