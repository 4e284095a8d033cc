"""Benchmark: learners answering booster questions from their email links.

Builds a throwaway database (SQLite by default; PostgreSQL with
``--database-url`` or ``DATABASE_URL``) with N learners, each sent one booster
question by the real ``drip_tick``, and signs each learner's choice link with
``boosters.drip.tokens.answer_token``, as the email does. Then it serves the hub
with gunicorn (production settings, the Procfile's 2 sync workers) on the same
database, and ``--concurrency`` client threads answer at once, each thread one
learner after another, through the real flow:

1. GET the choice link: the confirm page, with the tapped choice selected and a
   CSRF token (cookie and hidden field). Nothing is recorded yet.
2. POST the form, as the learner's one tap on "Check my answer". One learner
   in ``--double-every`` taps twice at once, the second time on another
   choice: the first answer must be the one that counts.
3. GET the feedback page the POST redirects to.

Every response that is not 2xx or 3xx is an error. Afterwards the database
must hold exactly one answer per delivery, the one the learner chose, spaced
once. The baseline is the same server's bare Wagtail page (the default site's
root ``Page``), fetched with the same concurrency in the same run.

Run it with ``make bench-answers`` (or ``.venv/bin/python bench/answers.py
[--learners N] [--concurrency N] [--database-url URL]``). Target: the POST's
95th percentile under 100 ms, zero errors, one answer per delivery. The last
line gives the POST's p95 as a ratio of the bare page's, and against 100 ms.
"""

import argparse
import logging
import os
import re
import sys
import tempfile
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from html import unescape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _http import (  # noqa: E402
    BENCH_SECRET_KEY,
    WORKERS,
    Browser,
    each_concurrently,
    gunicorn_serving,
    load,
    manage,
    median,
    p95,
    server_environment,
)
from _setup import (  # noqa: E402
    answer_world_build,
    database_url_argument,
    throwaway_database,
)

TARGET_MS = 100
BARE_PAGE = "/"  # Wagtail's own welcome page: a plain Page at the site root
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CHECKED = re.compile(r'value="(\d+)"[^>]*checked')
YOU_CHOSE = re.compile(r"You chose: <strong>([^<]+)</strong>")
GET, POST, FEEDBACK = "GET link", "POST confirm", "GET feedback"


@dataclass(frozen=True)
class Learner:
    """One learner of the run: their link and what they will tap."""

    delivery_id: int
    link: str
    choice_id: int
    second_choice_id: int | None  # a concurrent second tap, for some


@dataclass
class Tally:
    """Latencies per step and errors, shared by the client threads."""

    latencies: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: list[str] = field(default_factory=list)
    statuses: dict[str, dict[int, int]] = field(
        default_factory=lambda: defaultdict(lambda: defaultdict(int))
    )
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, step: str, response) -> None:
        with self.lock:
            self.latencies[step].append(response.ms)
            self.statuses[step][response.status] += 1
            if not 200 <= response.status < 400:
                self.errors.append(f"{step}: HTTP {response.status}")

    def problem(self, text: str) -> None:
        with self.lock:
            self.errors.append(text)


def learners_plan(*, world, double_every: int) -> list[Learner]:
    """Each learner's signed choice link, made as the email makes it."""
    from django.conf import settings
    from django.urls import reverse

    from boosters.drip.tokens import answer_token

    # The server signs and checks with its own key; the links must match it.
    settings.SECRET_KEY = BENCH_SECRET_KEY
    choices = world.choice_ids
    plan = []
    for n, delivery_id in enumerate(world.delivery_ids):
        choice_id = choices[n % len(choices)]
        token = answer_token(delivery_id=delivery_id, choice_id=choice_id)
        double = double_every and n % double_every == 0
        plan.append(
            Learner(
                delivery_id=delivery_id,
                link=reverse("boosters_answer", kwargs={"token": token}),
                choice_id=choice_id,
                second_choice_id=choices[(n + 1) % len(choices)] if double else None,
            )
        )
    return plan


def learner_answer(*, port: int, learner: Learner, tally: Tally) -> None:
    """One learner: open the link, confirm with one tap (or two), read feedback."""
    browser = Browser(port)
    page = browser.get(learner.link)
    tally.add(GET, page)
    token, checked = CSRF_FIELD.search(page.body), CHECKED.search(page.body)
    if page.status != 200 or not token or not checked:
        tally.problem(f"{GET}: no form with a selected choice ({page.status})")
        return
    if int(checked.group(1)) != learner.choice_id:
        tally.problem(f"{GET}: the tapped choice is not the one selected")
    form = {"csrfmiddlewaretoken": unescape(token.group(1)), "choice": checked.group(1)}
    taps = [browser.send("POST", learner.link, form)]
    if learner.second_choice_id is not None:  # both on the wire before either reads
        second = form | {"choice": str(learner.second_choice_id)}
        taps.append(browser.send("POST", learner.link, second))
    confirms = [browser.receive(tap) for tap in taps]
    for confirm in confirms:
        tally.add(POST, confirm)
    redirect = next((c.location for c in confirms if c.status == 302), "")
    if redirect and redirect != learner.link:
        tally.problem(f"{POST}: redirected elsewhere ({redirect[:40]})")
    feedback = browser.get(learner.link)
    tally.add(FEEDBACK, feedback)
    if not YOU_CHOSE.search(feedback.body):
        tally.problem(f"{FEEDBACK}: no recorded answer shown ({feedback.status})")


def answers_check(*, plan: list[Learner]) -> dict[str, int]:
    """What the database holds after the run, counted per delivery."""
    from django.db.models import Count

    from boosters.models import Answer, Delivery, QuestionState

    recorded = dict(Answer.objects.values_list("delivery_id", "choice_id"))
    per_delivery = Answer.objects.values("delivery_id").annotate(n=Count("pk"))
    repeats = (
        Delivery.objects.filter(showing__gt=1)
        .values("enrollment_id")
        .annotate(n=Count("pk"))
    )
    wrong = 0
    for learner in plan:
        allowed = {learner.choice_id, learner.second_choice_id}
        if learner.delivery_id in recorded and recorded[learner.delivery_id] not in (
            allowed
        ):
            wrong += 1
    return {
        "deliveries": len(plan),
        "answers": Answer.objects.count(),
        "answered deliveries": len(recorded),
        "deliveries with more than one answer": per_delivery.filter(n__gt=1).count(),
        "learners without their answer": sum(
            learner.delivery_id not in recorded for learner in plan
        ),
        "answers with a choice the learner did not tap": wrong,
        "questions spaced": QuestionState.objects.count(),
        "questions spaced other than once": QuestionState.objects.exclude(
            showings=1
        ).count(),
        "learners with more than one repeat planned": repeats.filter(n__gt=1).count(),
        "repeats planned": Delivery.objects.filter(showing__gt=1).count(),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=1_000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument(
        "--double-every",
        type=int,
        default=10,
        help="one learner in N taps twice at once (0: nobody)",
    )
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument(
        "--solo",
        type=int,
        default=50,
        help="learners who answer one at a time first, for the time with no queue",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=WORKERS,
        help="gunicorn workers (default: the Procfile's 2)",
    )
    parser.add_argument(
        "--threads", type=int, default=1, help="gunicorn threads per worker"
    )
    database_url_argument(parser)
    args = parser.parse_args()

    with (
        throwaway_database(args.database_url) as vendor,
        tempfile.TemporaryDirectory(prefix="hub-bench-answers-") as var_dir,
    ):
        from django.db import connections

        # Wagtail's reference index logs each inline task run; keep figures readable.
        logging.getLogger("django_tasks").setLevel(logging.WARNING)
        print(f"Database: {vendor}")
        print(f"Building {args.learners:,} learners, each sent one question:")
        now = datetime.now(UTC).replace(microsecond=0)
        world = answer_world_build(learners=args.learners, now=now)
        plan = learners_plan(world=world, double_every=args.double_every)
        warmup = plan[: args.warmup]
        solo = plan[args.warmup : args.warmup + args.solo]
        measured = plan[args.warmup + args.solo :]
        connections.close_all()  # the server alone uses the database from here

        env = server_environment(
            var_dir=Path(var_dir), database_url=os.environ["DATABASE_URL"]
        )
        manage(env, "collectstatic", "--noinput")
        with gunicorn_serving(
            env=env, workers=args.workers, threads=args.threads
        ) as port:

            def answering(learners, *, concurrency: int) -> tuple[Tally, float]:
                tally = Tally()
                started = time.perf_counter()
                tally.errors += each_concurrently(
                    learners,
                    lambda learner: learner_answer(
                        port=port, learner=learner, tally=tally
                    ),
                    concurrency=concurrency,
                )
                return tally, time.perf_counter() - started

            answering(warmup, concurrency=2)
            bare_solo = load(port=port, path=BARE_PAGE, requests=50, concurrency=1)
            alone, _ = answering(solo, concurrency=1)
            bare = load(
                port=port,
                path=BARE_PAGE,
                requests=max(len(measured), args.concurrency),
                concurrency=args.concurrency,
            )
            tally, seconds = answering(measured, concurrency=args.concurrency)
        counts = answers_check(plan=plan)

    threads = f", {args.threads} threads each" if args.threads > 1 else ""
    print(
        f"gunicorn, {args.workers} sync workers{threads}; {len(warmup)} learners "
        f"warm it up, {len(solo)} answer one at a time, then {len(measured):,} "
        f"answer {args.concurrency} at a time; one in {args.double_every} taps "
        "twice at once"
    )
    print(f"{'request':<30} {'count':>6} {'median ms':>10} {'p95 ms':>8}  statuses")

    def rows(label: str, bare_latencies: list[float], steps: Tally) -> None:
        lines = [
            (f"bare Wagtail page{label}", bare_latencies, {200: len(bare_latencies)})
        ]
        for step in (GET, POST, FEEDBACK):
            lines.append(
                (f"{step}{label}", steps.latencies[step], steps.statuses[step])
            )
        for name, latencies, statuses in lines:
            codes = ", ".join(f"{code} x{n}" for code, n in sorted(statuses.items()))
            print(
                f"{name:<30} {len(latencies):>6} {median(latencies):>10.1f} "
                f"{p95(latencies):>8.1f}  {codes}"
            )

    rows(", alone", bare_solo, alone)
    rows(f", {args.concurrency} at once", bare, tally)
    requests = sum(len(values) for values in tally.latencies.values())
    print(
        f"{len(measured):,} learners answered {args.concurrency} at a time in "
        f"{seconds:.1f} s: {len(measured) / seconds:.1f} learners/s, "
        f"{requests / seconds:.0f} requests/s"
    )
    errors = alone.errors + tally.errors
    print(f"Errors: {len(errors)}")
    for error in sorted(set(errors))[:10]:
        print(f"  {error} (x{errors.count(error)})")
    print("Database after the run:")
    for name, count in counts.items():
        print(f"  {name}: {count:,}")
    post_p95 = p95(tally.latencies[POST])
    exact = (
        counts["answers"] == counts["deliveries"]
        and counts["deliveries with more than one answer"] == 0
        and counts["learners without their answer"] == 0
        and counts["answers with a choice the learner did not tap"] == 0
    )
    met = post_p95 < TARGET_MS and not errors and exact
    print(
        f"Target: POST p95 with {args.concurrency} at once {post_p95:.0f} ms "
        f"< {TARGET_MS} ms, {len(errors)} errors, one answer per delivery: "
        f"{'yes' if exact else 'NO'} -> {'met' if met else 'NOT met'}"
    )
    print(
        f"ratio answer POST p95 / bare page p95 = {post_p95 / p95(bare):.2f}; "
        f"answer POST p95 / {TARGET_MS} ms target = {post_p95 / TARGET_MS:.2f}"
    )


if __name__ == "__main__":
    main()
