"""Benchmark: drain a drip queue through the real pipeline to a local SMTP sink.

Builds a throwaway database (SQLite by default; PostgreSQL with
``--database-url`` or ``DATABASE_URL``) with N learners in twelve cohorts, one
in each of twelve time zones, each with one booster question due at its
cohort's 9:00 local time. Then, against an aiosmtpd sink on loopback
(``bench/smtp_sink.py``), it times three ways of sending them:

1. Raw transport (the ceiling): messages built beforehand by the real
   ``delivery_message`` (``message().as_bytes()``), sent with ``smtplib`` over
   one connection. It builds up to 1,000 distinct messages and cycles through
   them for all N recipients.
2. The pipeline: ``boosters.drip.dispatch.drip_tick`` with Django's SMTP backend,
   called until a tick sends nothing. It claims, renders, inlines the CSS,
   sends and records every delivery. Half the deliveries drain with one
   worker, the other half with ``--workers`` processes side by side (default
   2, the cluster's default), as ``drip_tick_task`` has the cluster's workers
   help with a backlog. The ratios on the last line are for the workers.
3. A naive loop, what a quick Django drip script does: for each learner,
   render the templates (without inlining the CSS), ``send_mail`` (a new SMTP
   connection each time) and create a ``Delivery`` row. It runs on a sample
   (``--naive-sample``, default 1,000) and its rate is extrapolated.

Run it with ``make bench-drip`` (or ``.venv/bin/python bench/drip_throughput.py
[--learners N] [--database-url URL]``). Targets: the pipeline reaches at least
50% of raw transport and 10x the naive loop; 100,000 due deliveries drain in
under 2 minutes on 2 cores with PostgreSQL. The last line gives the ratios.
"""

import argparse
import multiprocessing
import smtplib
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _setup import (  # noqa: E402
    database_url_argument,
    drip_world_build,
    throwaway_database,
)
from smtp_sink import SmtpSink  # noqa: E402

# A weekday. The backlog is a big office's send time: every delivery falls due
# a few minutes before NOW, inside the send-time grace (a delivery more than
# SEND_GRACE late is re-planned to the learner's next slot, not sent).
DAY = datetime(2026, 3, 2, tzinfo=UTC)
NOW = DAY + timedelta(days=1)
DUE = NOW - timedelta(minutes=5)
DISTINCT_RAW = 1_000


def _mail_settings(sink: SmtpSink) -> None:
    from django.conf import settings

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = sink.host
    settings.EMAIL_PORT = sink.port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""


def raw_messages(*, limit: int) -> list[tuple[str, bytes]]:
    """Up to ``limit`` real messages for due deliveries, as bytes, built now."""
    from boosters.drip.dispatch import DELIVERIES, _due
    from boosters.drip.emails import delivery_message, delivery_pages_load

    deliveries = list(
        _due(now=NOW).select_related(*DELIVERIES.related).order_by("pk")[:limit]
    )
    delivery_pages_load(deliveries=deliveries)
    built = []
    for delivery in deliveries:
        message = delivery_message(delivery=delivery).message()
        # CRLF as on the wire: smtplib sends bytes as they are.
        data = message.as_bytes(linesep="\r\n")
        built.append((delivery.enrollment.learner.email, data))
    return built


def raw_send(*, sink: SmtpSink, messages: list[tuple[str, bytes]], count: int):
    """Send ``count`` pre-built messages over one connection; seconds taken."""
    from django.conf import settings

    before = sink.count
    started = time.perf_counter()
    smtp = smtplib.SMTP(sink.host, sink.port)
    for n in range(count):
        recipient, data = messages[n % len(messages)]
        smtp.sendmail(settings.DEFAULT_FROM_EMAIL, [recipient], data)
    smtp.quit()
    sink.wait_for(before + count)
    return time.perf_counter() - started


def _drain(now: datetime) -> tuple[int, str]:
    """One worker: run ``drip_tick`` until it sends nothing; ticks and counts."""
    from boosters.drip.dispatch import TickResult, drip_tick

    total = TickResult()
    ticks = 0
    while True:
        result = drip_tick(now=now)
        ticks += 1
        total.add(result)
        if not result.sent and not result.retried:
            break
    return ticks, total


def _drain_in_child(now: datetime, results) -> None:
    from django.db import connections

    ticks, total = _drain(now)
    connections.close_all()
    results.put((ticks, total.sent, total.retried, total.failed, total.skipped))


def pipeline_drain(*, sink: SmtpSink, expected: int, workers: int):
    """Drain what is due with ``workers`` worker processes side by side (as
    the cluster's workers do when ``drip_tick_task`` asks them to help);
    seconds taken, ticks run and messages sent."""
    from django.db import connections

    before = sink.count
    started = time.perf_counter()
    if workers == 1:
        ticks, total = _drain(NOW)
        sent = total.sent
    else:
        connections.close_all()  # each forked worker opens its own
        context = multiprocessing.get_context("fork")
        results = context.Queue()
        children = [
            context.Process(target=_drain_in_child, args=(NOW, results))
            for _ in range(workers)
        ]
        for child in children:
            child.start()
        outcomes = [results.get() for _ in children]
        for child in children:
            child.join()
        ticks = sum(outcome[0] for outcome in outcomes)
        sent = sum(outcome[1] for outcome in outcomes)
    sink.wait_for(before + expected)
    return time.perf_counter() - started, ticks, sent


def naive_loop(*, world, sample: int) -> float:
    """The quick drip script, on ``sample`` learners; seconds taken."""
    from django.conf import settings
    from django.core.mail import send_mail
    from django.template.loader import render_to_string

    from boosters.drip.emails import rich_text_email_html
    from boosters.drip.links import hub_sign_in_url, page_absolute_url, unsubscribe_url
    from boosters.drip.tokens import unsubscribe_token
    from boosters.models import Delivery, Enrollment

    page = world.page
    started = time.perf_counter()
    enrollments = Enrollment.objects.select_related("learner", "cohort__program")
    for enrollment in enrollments.order_by("pk")[:sample]:
        learner = enrollment.learner
        question_html = rich_text_email_html(page.question)
        page_url = page_absolute_url(page)
        context = {
            "kind": "booster",
            "subject": f"Quick question: {page.title}",
            "page": page,
            "page_url": page_url,
            "learner": learner,
            "cohort_name": enrollment.cohort.name,
            "program_name": enrollment.cohort.program.name,
            "unsubscribe_url": unsubscribe_url(
                token=unsubscribe_token(learner=learner)
            ),
            "hub_url": hub_sign_in_url(learner=learner),
            "question_html": question_html,
            "question_text": question_html,
            "choices": [
                {"text": choice.text, "url": f"{page_url}?choice={choice.pk}"}
                for choice in page.choices.all()
            ],
        }
        send_mail(
            context["subject"],
            render_to_string("boosters/email/booster.txt", context),
            settings.DEFAULT_FROM_EMAIL,
            [learner.email],
            html_message=render_to_string("boosters/email/booster.html", context),
        )
        Delivery.objects.create(
            enrollment=enrollment,
            page=page,
            showing=2,
            local_date=NOW.date(),
            due_at=NOW,
            status="sent",
            sent_at=NOW,
            attempts=1,
        )
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=20_000)
    database_url_argument(parser)
    parser.add_argument("--naive-sample", type=int, default=1_000)
    parser.add_argument(
        "--workers",
        type=int,
        default=2,
        help="worker processes draining side by side (default 2, the cluster's "
        "default Q_WORKERS); the one-worker figure is printed as well",
    )
    args = parser.parse_args()
    learners = args.learners

    with throwaway_database(args.database_url) as vendor, SmtpSink() as sink:
        _mail_settings(sink)
        from boosters.models import Delivery, DeliveryStatus

        print(f"Database: {vendor}; SMTP sink: aiosmtpd on {sink.host}:{sink.port}")
        print(f"Building {learners:,} learners, each with one delivery due:")
        world = drip_world_build(
            learners=learners,
            deliveries_per_enrollment=1,
            due_at=lambda n, cohort: DUE,
        )

        messages = raw_messages(limit=min(DISTINCT_RAW, learners))
        size = sum(len(data) for _, data in messages) / len(messages)
        raw_seconds = raw_send(sink=sink, messages=messages, count=learners)
        raw_rate = learners / raw_seconds

        # One worker on the first half, then the cluster's workers on the rest.
        single = learners // 2
        Delivery.objects.filter(
            pk__in=Delivery.objects.order_by("pk").values("pk")[single:]
        ).update(due_at=NOW + timedelta(hours=1))
        single_seconds, single_ticks, single_sent = pipeline_drain(
            sink=sink, expected=single, workers=1
        )
        single_rate = single_sent / single_seconds
        Delivery.objects.filter(due_at__gt=NOW).update(due_at=DUE)
        pipeline_seconds, ticks, pipeline_sent = pipeline_drain(
            sink=sink, expected=learners - single, workers=args.workers
        )
        pipeline_rate = pipeline_sent / pipeline_seconds
        recorded = Delivery.objects.filter(status=DeliveryStatus.SENT).count()

        sample = min(args.naive_sample, learners)
        naive_seconds = naive_loop(world=world, sample=sample)
        naive_rate = sample / naive_seconds

        print(f"Messages: {size / 1024:.1f} KiB on average (HTML + text)")
        print(f"Sink received: {sink.count:,} messages, {sink.size / 2**20:.0f} MiB")
        print(
            f"Raw transport (smtplib, one connection, {len(messages):,} distinct "
            f"pre-built messages cycled): {learners:,} in {raw_seconds:.1f} s = "
            f"{raw_rate:,.0f} msg/s"
        )
        print(
            f"Pipeline, one worker (drip_tick x {single_ticks}): {single_sent:,} in "
            f"{single_seconds:.1f} s = {single_rate:,.0f} msg/s"
        )
        print(
            f"Pipeline, {args.workers} workers (drip_tick x {ticks}): "
            f"{pipeline_sent:,} in {pipeline_seconds:.1f} s = "
            f"{pipeline_rate:,.0f} msg/s; rows recorded sent in all: {recorded:,}"
        )
        print(
            f"Naive loop (render, send_mail, create; sample of {sample:,}, "
            f"extrapolated): {naive_rate:,.0f} msg/s "
            f"({sample:,} in {naive_seconds:.1f} s)"
        )
        projected = 100_000 / pipeline_rate
        print(
            f"Pipeline time for 100,000 due deliveries at this rate: "
            f"{projected:.0f} s (target on PostgreSQL, 2 cores: under 120 s: "
            f"{'met' if projected < 120 else 'NOT met'})"
        )
        ratio_raw = pipeline_rate / raw_rate
        ratio_naive = pipeline_rate / naive_rate
        print(
            f"One worker: pipeline/raw = {single_rate / raw_rate:.2f}, "
            f"pipeline/naive = {single_rate / naive_rate:.1f}"
        )
        print(
            f"Targets: pipeline/raw >= 0.5 {'met' if ratio_raw >= 0.5 else 'NOT met'}"
            f"; pipeline/naive >= 10 {'met' if ratio_naive >= 10 else 'NOT met'}"
        )
        sent = single_sent + pipeline_sent
        if not (sent == learners == recorded):
            print(f"WARNING: expected {learners:,} sent, got {sent:,} ({recorded:,})")
        print(
            f"ratio pipeline/raw = {ratio_raw:.2f}, pipeline/naive = {ratio_naive:.1f}"
        )


if __name__ == "__main__":
    main()
