"""Benchmark: drain a drip queue through the real pipeline to a local SMTP sink.

Builds a throwaway database (SQLite by default; PostgreSQL with
``--database-url`` or ``DATABASE_URL``) with N learners in twelve cohorts, one
in each of twelve time zones, each with one booster question due at its
cohort's 9:00 local time. Then, against an SMTP sink on loopback
(``bench/smtp_sink.py``), it times three ways of sending them:

1. Raw transport (the ceiling): messages built beforehand by the real
   ``delivery_message`` (``message().as_bytes()``), sent with ``smtplib`` over
   as many connections as the pipeline uses, in the same shape: one thread
   per connection, ``SENDERS`` threads in each of ``--workers`` processes
   (and ``SENDERS`` threads in one process, the one worker's baseline). It
   builds up to 1,000 distinct messages and cycles through them.
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

``--sink`` picks the sink: Postfix's ``smtp-sink`` (C, fast enough that the
senders set the pace; ``.ci/smtp-sink`` installs it), aiosmtpd (Python; it
shares the two cores and caps raw transport), or ``both`` (the default: each
in a fresh database of its own, smtp-sink first, then a summary of both).

Run it with ``make bench-drip`` (or ``.venv/bin/python bench/drip_throughput.py
[--learners N] [--sink NAME] [--database-url URL]``). Targets: the pipeline
reaches at least 80% of raw transport over the same number of connections and
10x the naive loop; 100,000 due deliveries drain in under 2 minutes on 2 cores
with PostgreSQL. The last line gives the ratios.
"""

import argparse
import json
import multiprocessing
import smtplib
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _setup import (  # noqa: E402
    database_url_argument,
    drip_world_build,
    throwaway_database,
)
from smtp_sink import SINKS, PostfixSink  # noqa: E402

# A weekday. The backlog is a big office's send time: every delivery falls due
# a few minutes before NOW, inside the send-time grace (a delivery more than
# SEND_GRACE late is re-planned to the learner's next slot, not sent).
DAY = datetime(2026, 3, 2, tzinfo=UTC)
NOW = DAY + timedelta(days=1)
DUE = NOW - timedelta(minutes=5)
DISTINCT_RAW = 1_000
# Sinks in the order --sink both runs them.
SINK_ORDER = (PostfixSink.name, "aiosmtpd")
TARGET_RAW = 0.8  # pipeline / raw transport over the same connections
TARGET_NAIVE = 10  # pipeline / naive loop


def _mail_settings(sink) -> None:
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


def _raw_connection(
    *, sink_address: tuple, messages: list, count: int, first: int, step: int
) -> None:
    """One connection: send messages ``first``, ``first + step``, ... < ``count``."""
    from django.conf import settings

    smtp = smtplib.SMTP(*sink_address)
    for n in range(first, count, step):
        recipient, data = messages[n % len(messages)]
        smtp.sendmail(settings.DEFAULT_FROM_EMAIL, [recipient], data)
    smtp.quit()


def _raw_process(
    *,
    sink_address: tuple,
    messages: list,
    count: int,
    first: int,
    step: int,
    threads: int,
) -> None:
    """``threads`` connections, one per thread, as a pipeline worker's senders;
    raises the first error a connection met."""
    from boosters.drip.sending import SENDER_SWITCH_INTERVAL

    errors = []

    def connection(**kwargs) -> None:
        try:
            _raw_connection(**kwargs)
        except Exception as error:  # noqa: BLE001 — raised below, once all stop
            errors.append(error)

    # As batch_send does while it sends: a thread whose reply has arrived
    # gets the interpreter soon, so the baseline is not handicapped.
    previous = sys.getswitchinterval()
    sys.setswitchinterval(SENDER_SWITCH_INTERVAL)
    senders = [
        threading.Thread(
            target=connection,
            kwargs={
                "sink_address": sink_address,
                "messages": messages,
                "count": count,
                "first": first + n * step,
                "step": step * threads,
            },
        )
        for n in range(threads)
    ]
    try:
        for sender in senders:
            sender.start()
        for sender in senders:
            sender.join()
    finally:
        sys.setswitchinterval(previous)
    if errors:
        raise errors[0]


def raw_send(
    *,
    sink,
    messages: list[tuple[str, bytes]],
    count: int,
    processes: int,
    threads: int,
) -> float:
    """Send ``count`` pre-built messages over ``processes`` x ``threads``
    connections, shaped like the pipeline's workers and senders; seconds taken."""
    from django.db import connections

    before = sink.count
    address = (sink.host, sink.port)
    started = time.perf_counter()
    if processes == 1:
        _raw_process(
            sink_address=address,
            messages=messages,
            count=count,
            first=0,
            step=1,
            threads=threads,
        )
    else:
        connections.close_all()  # as the pipeline's forked workers start
        context = multiprocessing.get_context("fork")
        children = [
            context.Process(
                target=_raw_process,
                kwargs={
                    "sink_address": address,
                    "messages": messages,
                    "count": count,
                    "first": n,
                    "step": processes,
                    "threads": threads,
                },
            )
            for n in range(processes)
        ]
        for child in children:
            child.start()
        for child in children:
            child.join()
        if any(child.exitcode for child in children):
            raise RuntimeError("Raw transport failed: see the error above.")
    # Messages lost on the way must not pass for a rate.
    if not sink.wait_for(before + count, timeout=10):
        raise RuntimeError(
            f"Raw transport: the sink received {sink.count - before:,} of "
            f"{count:,} messages."
        )
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


def pipeline_drain(*, sink, expected: int, workers: int):
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


def _verdict(ratio: float, target: float) -> str:
    return "met" if ratio >= target else "NOT met"


def bench_sink(*, args, sink_name: str) -> dict:
    """The whole benchmark against one sink, in a fresh database; its figures."""
    learners = args.learners
    workers = args.workers
    sink_class = SINKS[sink_name]
    options = {"binary": args.smtp_sink} if sink_class is PostfixSink else {}
    with throwaway_database(args.database_url) as vendor, sink_class(**options) as sink:
        _mail_settings(sink)
        from boosters.drip.sending import SENDERS
        from boosters.models import Delivery, DeliveryStatus

        print(f"Database: {vendor}; SMTP sink: {sink.name} on {sink.host}:{sink.port}")
        print(f"Building {learners:,} learners, each with one delivery due:")
        world = drip_world_build(
            learners=learners,
            deliveries_per_enrollment=1,
            due_at=lambda n, cohort: DUE,
        )

        messages = raw_messages(limit=min(DISTINCT_RAW, learners))
        size = sum(len(data) for _, data in messages) / len(messages)
        # Raw transport over the connections each pipeline figure uses: one
        # worker's SENDERS, then the cluster's workers x SENDERS.
        single = learners // 2
        raw_single_seconds = raw_send(
            sink=sink, messages=messages, count=single, processes=1, threads=SENDERS
        )
        raw_single_rate = single / raw_single_seconds
        raw_seconds = raw_send(
            sink=sink,
            messages=messages,
            count=learners,
            processes=workers,
            threads=SENDERS,
        )
        raw_rate = learners / raw_seconds

        # One worker on the first half, then the cluster's workers on the rest.
        Delivery.objects.filter(
            pk__in=Delivery.objects.order_by("pk").values("pk")[single:]
        ).update(due_at=NOW + timedelta(hours=1))
        single_seconds, single_ticks, single_sent = pipeline_drain(
            sink=sink, expected=single, workers=1
        )
        single_rate = single_sent / single_seconds
        Delivery.objects.filter(due_at__gt=NOW).update(due_at=DUE)
        pipeline_seconds, ticks, pipeline_sent = pipeline_drain(
            sink=sink, expected=learners - single, workers=workers
        )
        pipeline_rate = pipeline_sent / pipeline_seconds
        recorded = Delivery.objects.filter(status=DeliveryStatus.SENT).count()

        sample = min(args.naive_sample, learners)
        naive_seconds = naive_loop(world=world, sample=sample)
        naive_rate = sample / naive_seconds

        # Raw twice (one worker's baseline, then the workers'), the pipeline,
        # the naive sample.
        expected_received = single + learners + learners + sample
        sink.wait_for(expected_received, timeout=5)
        received = sink.count
        received_bytes = sink.size

    figures = {
        "sink": sink_name,
        "learners": learners,
        "workers": workers,
        "single_connections": SENDERS,
        "connections": workers * SENDERS,
        "raw_single_rate": raw_single_rate,
        "raw_rate": raw_rate,
        "single_rate": single_rate,
        "pipeline_rate": pipeline_rate,
        "naive_rate": naive_rate,
    }
    connections = figures["connections"]
    print(f"Messages: {size / 1024:.1f} KiB on average (HTML + text)")
    volume = "" if received_bytes is None else f", {received_bytes / 2**20:.0f} MiB"
    print(f"Sink received: {received:,} messages{volume}")
    print(
        f"Raw transport (smtplib, {connections} connections: {workers} processes x "
        f"{SENDERS} threads, {len(messages):,} distinct pre-built messages "
        f"cycled): {learners:,} in {raw_seconds:.1f} s = {raw_rate:,.0f} msg/s"
    )
    print(
        f"Raw transport (smtplib, {SENDERS} connections: 1 process x {SENDERS} "
        f"threads, the one worker's baseline): {single:,} in "
        f"{raw_single_seconds:.1f} s = {raw_single_rate:,.0f} msg/s"
    )
    print(
        f"Pipeline, one worker (drip_tick x {single_ticks}, {SENDERS} connections): "
        f"{single_sent:,} in {single_seconds:.1f} s = {single_rate:,.0f} msg/s"
    )
    print(
        f"Pipeline, {workers} workers (drip_tick x {ticks}, {connections} "
        f"connections): {pipeline_sent:,} in {pipeline_seconds:.1f} s = "
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
        f"One worker: pipeline/raw ({SENDERS} connections) = "
        f"{single_rate / raw_single_rate:.2f}, "
        f"pipeline/naive = {single_rate / naive_rate:.1f}"
    )
    print(
        f"Targets: pipeline/raw ({connections} connections each) >= {TARGET_RAW} "
        f"{_verdict(ratio_raw, TARGET_RAW)}; pipeline/naive >= {TARGET_NAIVE} "
        f"{_verdict(ratio_naive, TARGET_NAIVE)}"
    )
    sent = single_sent + pipeline_sent
    if not (sent == learners == recorded):
        print(f"WARNING: expected {learners:,} sent, got {sent:,} ({recorded:,})")
    if received != expected_received:
        print(
            f"WARNING: the sink received {received:,} messages, "
            f"expected {expected_received:,}"
        )
    print(
        f"ratio pipeline/raw = {ratio_raw:.2f}, pipeline/naive = {ratio_naive:.1f}"
        f" ({sink_name})",
        flush=True,
    )
    return figures


def _child_command(args, sink_name: str, results: str) -> list[str]:
    command = [
        sys.executable,
        __file__,
        "--sink",
        sink_name,
        "--learners",
        str(args.learners),
        "--naive-sample",
        str(args.naive_sample),
        "--workers",
        str(args.workers),
        "--results-file",
        results,
    ]
    if args.database_url:
        command += ["--database-url", args.database_url]
    if args.smtp_sink:
        command += ["--smtp-sink", args.smtp_sink]
    return command


def bench_sinks(*, args, sink_names: tuple[str, ...]) -> list[dict]:
    """Each sink in a process (and a database) of its own, one after the other;
    the figures of those that finished. A sink that fails is reported and the
    next one still runs."""
    done = []
    for sink_name in sink_names:
        print(f"== Sink: {sink_name} ==", flush=True)
        with tempfile.NamedTemporaryFile(suffix=".json") as results:
            child = subprocess.run(
                _child_command(args, sink_name, results.name), check=False
            )
            output = Path(results.name).read_text()
        if child.returncode or not output:
            print(f"The {sink_name} run failed (exit status {child.returncode}).")
            continue
        done.append(json.loads(output))
    return done


def summary_print(figures: list[dict]) -> None:
    """Every sink's figures side by side, each with its baseline and ratio."""
    print("== Summary (msg/s; raw transport over the same connections) ==")
    for f in figures:
        ratio_raw = f["pipeline_rate"] / f["raw_rate"]
        ratio_naive = f["pipeline_rate"] / f["naive_rate"]
        print(
            f"{f['sink']}: {f['workers']} workers {f['pipeline_rate']:,.0f} vs raw "
            f"({f['connections']} connections) {f['raw_rate']:,.0f} = "
            f"{ratio_raw:.2f} (>= {TARGET_RAW} {_verdict(ratio_raw, TARGET_RAW)}); "
            f"one worker {f['single_rate']:,.0f} vs raw ({f['single_connections']} "
            f"connections) {f['raw_single_rate']:,.0f} = "
            f"{f['single_rate'] / f['raw_single_rate']:.2f}; naive "
            f"{f['naive_rate']:,.0f}, pipeline/naive = {ratio_naive:.1f} "
            f"(>= {TARGET_NAIVE} {_verdict(ratio_naive, TARGET_NAIVE)})"
        )
    raw = ", ".join(
        f"{f['pipeline_rate'] / f['raw_rate']:.2f} {f['sink']}" for f in figures
    )
    naive = ", ".join(
        f"{f['pipeline_rate'] / f['naive_rate']:.1f} {f['sink']}" for f in figures
    )
    print(f"ratio pipeline/raw = {raw}; pipeline/naive = {naive}")


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
    parser.add_argument(
        "--sink",
        choices=(*SINK_ORDER, "both"),
        default="both",
        help="the SMTP sink: Postfix's smtp-sink (C), aiosmtpd (Python), or both "
        "one after the other, each in a fresh database (default)",
    )
    parser.add_argument(
        "--smtp-sink",
        default="",
        help="path of Postfix's smtp-sink binary (default: on PATH, else "
        "/usr/sbin/smtp-sink; .ci/smtp-sink installs it and prints it)",
    )
    # For --sink both: each sink's run hands its figures back in this file.
    parser.add_argument("--results-file", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.sink == "both":
        figures = bench_sinks(args=args, sink_names=SINK_ORDER)
        if not figures:
            sys.exit("No sink finished its run.")
        summary_print(figures)
        return
    try:
        figures = bench_sink(args=args, sink_name=args.sink)
    except RuntimeError as error:  # a sink that can't start says why
        sys.exit(str(error))
    if args.results_file:
        Path(args.results_file).write_text(json.dumps(figures))


if __name__ == "__main__":
    main()
