"""Analytics figures, each checked against a small dataset computed by hand."""

from datetime import UTC, datetime, timedelta

import pytest

from boosters.analytics.attention import (
    question_attention_list,
    questions_needing_attention,
)
from boosters.analytics.cohorts import cohort_dashboard
from boosters.analytics.filters import AnalyticsFilters
from boosters.analytics.questions import (
    discrimination_verdict,
    point_biserial,
    question_analytics,
)
from boosters.factories import (
    CohortFactory,
    EnrollmentFactory,
    booster_with_choices,
)
from boosters.models import Answer, Delivery, DeliveryStatus, QuestionState

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 4, 1, 12, 0, tzinfo=UTC)


def delivered(enrollment, page, *, showing=1, sent_at=None, answered=None):
    sent_at = sent_at or NOW - timedelta(days=2)
    return Delivery.objects.create(
        enrollment=enrollment,
        page=page,
        showing=showing,
        local_date=sent_at.date(),
        due_at=sent_at,
        status=DeliveryStatus.SENT,
        sent_at=sent_at,
        revision_id=page.live_revision_id,
    )


def answer(
    enrollment, page, *, correct=True, choice=None, showing=1, at=None, seconds=60
):
    """Record an answer directly: the figures read rows, not the answer service."""
    at = at or NOW - timedelta(days=1)
    if choice is None:
        choice = next(c for c in page.choices.all() if c.is_correct == correct)
    delivery = delivered(
        enrollment, page, showing=showing, sent_at=at - timedelta(seconds=seconds)
    )
    return Answer.objects.create(
        delivery=delivery,
        learner=enrollment.learner,
        page=page,
        revision_id=delivery.revision_id,
        choice=choice,
        choice_text=choice.text,
        is_correct=choice.is_correct,
        showing=showing,
        channel="email",
        answered_at=at,
        seconds_to_answer=seconds,
    )


@pytest.fixture
def cohort():
    return CohortFactory(name="New York HQ", region="New York")


def enrol(cohort, n):
    return [EnrollmentFactory(cohort=cohort) for _ in range(n)]


def test_proficiency_initial_is_first_showings_and_current_is_latest_showings(
    topic, cohort
):
    q1 = booster_with_choices(parent=topic)
    q2 = booster_with_choices(parent=topic)
    a, b, c = enrol(cohort, 3)
    answer(a, q1, correct=False)
    answer(a, q1, correct=True, showing=2)
    answer(b, q1, correct=True)
    answer(c, q1, correct=False)
    answer(c, q1, correct=False, showing=2)
    answer(a, q2, correct=True)
    answer(b, q2, correct=False)

    dashboard = cohort_dashboard(filters=AnalyticsFilters(), now=NOW)

    # Initial: 2 of 5 first showings right. Current: of 5 (learner, question)
    # pairs, 3 were right at their latest showing (a-q1 on its repeat).
    assert dashboard.total.first_try_answers == 5
    assert dashboard.total.proficiency_initial == pytest.approx(0.4)
    assert dashboard.total.current_pairs == 5
    assert dashboard.total.proficiency_current == pytest.approx(0.6)
    [by_topic] = dashboard.topics
    assert by_topic.topic == "Giving feedback"
    assert (by_topic.initial_label, by_topic.current_label) == ("40%", "60%")


def test_answer_rate_delivered_failed_unsubscribed_and_retired(topic, cohort):
    q1 = booster_with_choices(parent=topic)
    a, b = enrol(cohort, 2)
    answer(a, q1)
    delivered(b, q1)
    Delivery.objects.create(
        enrollment=b,
        page=topic,
        showing=1,
        local_date=NOW.date(),
        due_at=NOW,
        status=DeliveryStatus.FAILED,
    )
    b.learner.subscription = "unsubscribed"
    b.learner.save()
    QuestionState.objects.create(enrollment=a, page=q1, retired=True)

    [row] = cohort_dashboard(filters=AnalyticsFilters(), now=NOW).cohorts

    assert (row.learners, row.delivered, row.failed) == (2, 2, 1)
    assert (row.questions_sent, row.answered, row.answer_rate_label) == (2, 1, "50%")
    assert row.unsubscribed == 1
    assert row.retired_per_learner == pytest.approx(0.5)


def test_non_responders_were_asked_but_gave_no_answer_in_14_days(topic, cohort):
    q1 = booster_with_choices(parent=topic)
    recent, lapsed, silent, never_asked = enrol(cohort, 4)
    answer(recent, q1, at=NOW - timedelta(days=3))
    answer(lapsed, q1, at=NOW - timedelta(days=20))
    delivered(silent, q1, sent_at=NOW - timedelta(days=5))
    assert never_asked.deliveries.count() == 0

    dashboard = cohort_dashboard(filters=AnalyticsFilters(), now=NOW)

    assert dashboard.total.non_responders == 2  # lapsed and silent


def test_filters_narrow_to_cohort_region_and_dates(topic):
    q1 = booster_with_choices(parent=topic)
    ny = CohortFactory(name="New York", region="New York")
    sp = CohortFactory(name="São Paulo", region="São Paulo")
    [n] = enrol(ny, 1)
    [s] = enrol(sp, 1)
    answer(n, q1, at=NOW - timedelta(days=1))
    answer(s, q1, at=NOW - timedelta(days=1))
    answer(s, q1, showing=2, at=NOW - timedelta(days=30))

    by_region = cohort_dashboard(filters=AnalyticsFilters(region="São Paulo"), now=NOW)
    by_cohort = cohort_dashboard(filters=AnalyticsFilters(cohort_id=ny.pk), now=NOW)
    by_date = cohort_dashboard(
        filters=AnalyticsFilters(
            date_from=(NOW - timedelta(days=31)).date(),
            date_to=(NOW - timedelta(days=29)).date(),
        ),
        now=NOW,
    )

    assert [c.name for c in by_region.cohorts] == ["São Paulo"]
    assert by_region.total.first_try_answers == 1
    assert [c.name for c in by_cohort.cohorts] == ["New York"]
    assert by_date.total.first_try_answers == 0
    assert by_date.total.current_pairs == 1


def test_weekly_answer_rate_groups_questions_by_week_sent(topic, cohort):
    q1 = booster_with_choices(parent=topic)
    a, b = enrol(cohort, 2)
    answer(a, q1, at=datetime(2026, 3, 3, 10, tzinfo=UTC))  # week of Mon 2 March
    delivered(b, q1, sent_at=datetime(2026, 3, 4, 10, tzinfo=UTC))
    answer(b, q1, showing=2, at=datetime(2026, 3, 10, 10, tzinfo=UTC))

    weeks = cohort_dashboard(filters=AnalyticsFilters(), now=NOW).weeks

    assert [(str(w.week_start), w.sent, w.answered) for w in weeks] == [
        ("2026-03-02", 2, 1),
        ("2026-03-09", 1, 1),
    ]


def test_point_biserial_by_hand():
    scores = [(True, 1.0), (True, 0.5), (False, 0.5), (False, 0.0)]
    # M1 = 0.75, M0 = 0.25, s = sqrt(0.125), p = 0.5: r = 0.5 / 0.3536 * 0.5
    assert point_biserial(scores=scores) == pytest.approx(0.7071, abs=1e-4)
    assert point_biserial(scores=[(True, 1.0), (True, 0.0)]) is None


@pytest.fixture
def discrimination_data(topic, cohort):
    item = booster_with_choices(parent=topic, title="Item")
    y = booster_with_choices(parent=topic, title="Y")
    z = booster_with_choices(parent=topic, title="Z")
    a, b, c, d = enrol(cohort, 4)
    # Scores on the other questions: a 1.0, b 0.5, c 0.5, d 0.0.
    for enrollment, (on_y, on_z) in zip(
        (a, b, c, d),
        [(True, True), (True, False), (False, True), (False, False)],
        strict=True,
    ):
        answer(enrollment, y, correct=on_y)
        answer(enrollment, z, correct=on_z)
    return item, (a, b, c, d)


def test_discrimination_separates_strong_from_weak_learners(discrimination_data):
    item, (a, b, c, d) = discrimination_data
    for enrollment, right in [(a, True), (b, True), (c, False), (d, False)]:
        answer(enrollment, item, correct=right)

    analytics = question_analytics(page=item)

    assert analytics.discrimination == pytest.approx(0.7071, abs=1e-4)
    assert analytics.discrimination_learners == 4


def test_negative_discrimination_is_flagged(discrimination_data):
    item, (a, b, c, d) = discrimination_data
    for enrollment, right in [(a, False), (b, False), (c, True), (d, True)]:
        answer(enrollment, item, correct=right)

    [flagged] = [
        q for q in question_attention_list(min_answers=4) if q.page_id == item.pk
    ]

    assert flagged.discrimination == pytest.approx(-0.7071, abs=1e-4)
    assert any("check the answer key" in reason for reason in flagged.reasons)
    assert not any("barely separates" in reason for reason in flagged.reasons)
    assert flagged.discrimination_label == "-0.71: check the answer key"


def test_too_few_answers_to_judge_instead_of_a_discrimination(discrimination_data):
    item, (a, b, c, d) = discrimination_data
    for enrollment, right in [(a, True), (b, True), (c, False), (d, False)]:
        answer(enrollment, item, correct=right)

    analytics = question_analytics(page=item)
    [listed] = [q for q in question_attention_list() if q.page_id == item.pk]

    assert analytics.discrimination_label == "too few answers to judge (4 of 8 needed)"
    assert listed.reasons == []
    assert listed.verdict == "Too few answers to judge (4 of 8 needed)."
    assert listed.discrimination_label == "too few answers to judge (4 of 8 needed)"


@pytest.mark.parametrize(
    ("discrimination", "answers", "label"),
    [
        (0.42, 8, "0.42"),
        (-0.3, 12, "-0.30: check the answer key"),
        (-0.05, 12, "-0.05"),  # next to zero: noise, not a wrong key
        (-0.3, 7, "too few answers to judge (7 of 8 needed)"),
        (0.9, 0, "too few answers to judge (0 of 8 needed)"),
        (None, 9, "–"),
    ],
)
def test_discrimination_verdict(discrimination, answers, label):
    assert (
        discrimination_verdict(
            discrimination=discrimination, answers=answers, min_answers=8
        )
        == label
    )


def test_choice_shares_on_first_try_and_repeats_and_median_time(topic, cohort):
    page = booster_with_choices(
        parent=topic, correct="Right", wrong=("Tempting", "Odd")
    )
    right, tempting, odd = page.choices.order_by("sort_order")
    a, b, c, d = enrol(cohort, 4)
    answer(a, page, choice=right, seconds=10)
    answer(b, page, choice=tempting, seconds=20)
    answer(c, page, choice=tempting, seconds=30)
    answer(d, page, choice=odd, seconds=100)
    answer(b, page, choice=right, showing=2, seconds=40)
    answer(c, page, choice=right, showing=2, seconds=50)

    analytics = question_analytics(page=page)

    shares = {c.text: (c.first_try_share, c.repeat_share) for c in analytics.choices}
    assert shares == {"Right": (0.25, 1.0), "Tempting": (0.5, 0.0), "Odd": (0.25, 0.0)}
    assert analytics.median_seconds == 35  # 10 20 30 | 40 50 100
    assert analytics.first_try_label == "25%"
    assert analytics.repeat_label == "100%"


def test_a_wrong_choice_preferred_to_the_right_one_is_flagged(topic, cohort):
    page = booster_with_choices(parent=topic, correct="Right", wrong=("Tempting",))
    right, tempting = page.choices.order_by("sort_order")
    for index, enrollment in enumerate(enrol(cohort, 10)):
        answer(enrollment, page, choice=right if index < 4 else tempting)

    [flagged] = questions_needing_attention()

    assert flagged.page_id == page.pk
    assert any("Tempting" in reason for reason in flagged.reasons)


def test_too_few_answers_are_not_judged(topic, cohort):
    page = booster_with_choices(parent=topic)
    for enrollment in enrol(cohort, 3):
        answer(enrollment, page, correct=False)

    assert questions_needing_attention() == []


def test_figures_never_mix_revisions_of_an_edited_question(topic, cohort):
    page = booster_with_choices(parent=topic, correct="Old right", wrong=("Old wrong",))
    page.save_revision().publish()
    page.refresh_from_db()
    old_revision = page.live_revision_id
    a, b, c = enrol(cohort, 3)
    answer(a, page, correct=True)
    answer(b, page, correct=False)
    right, wrong = page.choices.order_by("sort_order")
    right.text, wrong.text = "New right", "New wrong"
    right.save()
    wrong.save()
    page.refresh_from_db()
    page.save_revision().publish()
    page.refresh_from_db()
    answer(c, page, correct=True)

    newest = question_analytics(page=page)
    old = question_analytics(page=page, revision_id=old_revision)

    assert newest.revision_id == page.live_revision_id != old_revision
    assert newest.answers == 1
    assert {c.text for c in newest.choices} == {"New right", "New wrong"}
    assert old.answers == 2
    assert {c.text for c in old.choices} == {"Old right", "Old wrong"}
    assert [r.revision_id for r in newest.revisions] == [
        newest.revision_id,
        old_revision,
    ]
