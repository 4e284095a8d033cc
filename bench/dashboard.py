"""Benchmark: the cohort dashboard for one cohort of 10,000 learners.

Builds a throwaway SQLite database (the embedded default), fills one cohort
with 10,000 learners, ten question deliveries each (eight first showings and
two repeats) and about nine answers each, all with ``bulk_create``. Then it
times ``cohort_dashboard`` and a full render of the dashboard admin view, and
beside them a bare count of the same answers as a baseline.

Run it with ``make bench-dashboard`` (or ``.venv/bin/python bench/dashboard.py
[--learners N]``). The last line is the ratio of the dashboard's time to the
baseline's. The target: the dashboard renders in under a second.
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _setup_django(db_path: Path) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "hub.settings.test"
    os.environ["DATABASE_URL"] = f"sqlite:///{db_path}"
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def _timed(fn, *, repeat: int) -> tuple[float, object]:
    """Median seconds of ``repeat`` runs of ``fn``, and its last result."""
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def build(*, learners: int, seed: int = 1):
    """The cohort and its rows; returns the cohort."""
    from wagtail.models import Page

    from boosters.models import (
        Answer,
        BoosterChoice,
        BoosterQuestionPage,
        Cohort,
        Delivery,
        DeliveryStatus,
        Enrollment,
        Learner,
        Program,
        QuestionState,
    )
    from home.models import TopicPage

    rng = random.Random(seed)
    root = Page.get_first_root_node()
    topic = root.add_child(
        instance=TopicPage(title="Giving feedback", slug="bench-topic")
    )
    questions = []
    for n in range(8):
        page = topic.add_child(
            instance=BoosterQuestionPage(
                title=f"Question {n}",
                slug=f"question-{n}",
                question="<p>?</p>",
                explanation="<p>.</p>",
                success_looks_like="<p>.</p>",
                expected_results="<p>.</p>",
            )
        )
        choices = BoosterChoice.objects.bulk_create(
            [
                BoosterChoice(
                    page=page,
                    text=f"Choice {c}",
                    is_correct=c == 0,
                    sort_order=c,
                    feedback="<p>.</p>",
                    # bulk_create skips the save() that gives the page's locale.
                    locale_id=page.locale_id,
                )
                for c in range(3)
            ]
        )
        questions.append((page, choices))
    program = Program.objects.create(name="Bench", slug="bench")
    cohort = Cohort.objects.create(
        program=program,
        name="Bench cohort",
        slug="bench",
        region="New York",
        time_zone="America/New_York",
        anchor_date=datetime(2026, 1, 2).date(),
    )
    Learner.objects.bulk_create(
        [
            Learner(email=f"l{n}@example.com", first_name="L", last_name=str(n))
            for n in range(learners)
        ],
        batch_size=2000,
    )
    learner_ids = list(Learner.objects.order_by("pk").values_list("pk", flat=True))
    Enrollment.objects.bulk_create(
        [Enrollment(learner_id=pk, cohort=cohort) for pk in learner_ids],
        batch_size=2000,
    )
    enrollments = list(
        Enrollment.objects.filter(cohort=cohort).values_list("pk", "learner_id")
    )
    start = datetime(2026, 1, 5, 14, tzinfo=UTC)
    deliveries, plans = [], []
    for enrollment_id, learner_id in enrollments:
        ability = rng.uniform(0.3, 0.9)
        for index, (page, choices) in enumerate(questions):
            showings = [1, 2] if index < 2 else [1]
            for showing in showings:
                sent_at = start + timedelta(days=3 * index + 12 * (showing - 1))
                deliveries.append(
                    Delivery(
                        enrollment_id=enrollment_id,
                        page_id=page.pk,
                        showing=showing,
                        local_date=sent_at.date(),
                        due_at=sent_at,
                        status=DeliveryStatus.SENT,
                        sent_at=sent_at,
                    )
                )
                plans.append((learner_id, page, choices, showing, sent_at, ability))
    created = Delivery.objects.bulk_create(deliveries, batch_size=5000)
    answers = []
    for delivery, (learner_id, page, choices, showing, sent_at, ability) in zip(
        created, plans, strict=True
    ):
        if rng.random() > 0.9:
            continue
        right = rng.random() < min(0.97, ability + 0.25 * (showing - 1))
        choice = choices[0] if right else rng.choice(choices[1:])
        seconds = rng.randint(60, 86400)
        answers.append(
            Answer(
                delivery_id=delivery.pk,
                learner_id=learner_id,
                page_id=page.pk,
                choice_id=choice.pk,
                choice_text=choice.text,
                is_correct=right,
                showing=showing,
                channel="email",
                answered_at=sent_at + timedelta(seconds=seconds),
                seconds_to_answer=seconds,
            )
        )
    Answer.objects.bulk_create(answers, batch_size=5000)
    QuestionState.objects.bulk_create(
        [
            QuestionState(enrollment_id=pk, page=questions[0][0], retired=True)
            for pk, _ in enrollments[::3]
        ],
        batch_size=5000,
    )
    return cohort


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="hub-bench-") as folder:
        _setup_django(Path(folder) / "bench.sqlite3")
        from django.contrib.auth import get_user_model
        from django.db import connection
        from django.test import Client
        from django.test.utils import CaptureQueriesContext
        from django.urls import reverse
        from django.utils import timezone

        from boosters.analytics.cohorts import cohort_dashboard
        from boosters.analytics.filters import AnalyticsFilters
        from boosters.models import Answer

        built = time.perf_counter()
        cohort = build(learners=args.learners)
        print(f"Built {args.learners} learners in {time.perf_counter() - built:.1f} s")

        filters = AnalyticsFilters(cohort_id=cohort.pk)
        now = timezone.now()
        user = get_user_model().objects.create_superuser("bench", "b@example.com", "x")
        client = Client()
        client.force_login(user)
        url = reverse("boosters_analytics_dashboard")

        baseline, answers = _timed(
            lambda: Answer.objects.filter(delivery__enrollment__cohort=cohort).count(),
            repeat=args.repeat,
        )
        selector, dashboard = _timed(
            lambda: cohort_dashboard(filters=filters, now=now), repeat=args.repeat
        )
        with CaptureQueriesContext(connection) as queries:
            cohort_dashboard(filters=filters, now=now)
        # Count them now: the captured list is read from the connection's log,
        # which each request the client makes below empties.
        query_count = len(queries)
        render, response = _timed(
            lambda: client.get(url, {"cohort": cohort.pk}), repeat=args.repeat
        )
        assert response.status_code == 200, response.status_code
        total = dashboard.total
        print(f"Answers in the cohort: {answers}")
        print(
            f"Figures: learners {total.learners}, delivered {total.delivered}, "
            f"answer rate {total.answer_rate_label}, initial {total.initial_label}, "
            f"current {total.current_label}, retired/learner "
            f"{total.retired_per_learner_label}, non-responders {total.non_responders}"
        )
        print(f"Baseline (count the cohort's answers): {baseline * 1000:.1f} ms")
        print(f"cohort_dashboard: {selector * 1000:.1f} ms ({query_count} queries)")
        print(
            f"Dashboard view, rendered: {render * 1000:.1f} ms - target under "
            "1000 ms: "
            f"{'met' if render < 1 else 'NOT met'}"
        )
        print(f"Dashboard render / baseline: {render / baseline:.1f}x")


if __name__ == "__main__":
    main()
