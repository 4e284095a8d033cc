"""Profile one drip worker draining due deliveries into Postfix's smtp-sink.

Not a benchmark with a baseline: it says where one worker's time goes. It
builds the drip benchmark's world (``--learners``, default 5,000, one booster
question due each), runs ``drip_tick`` until nothing is due under ``cProfile``
(the builder thread and each sender thread profiled separately, in CPU time:
``time.thread_time``) and prints
the rate, then each step's share of the CPU the process used:

- claim: ``_claim_batch`` (select, conditional update, load the rows);
- load: the queue's ``prepare`` (pages, choices, batch hooks);
- sign: the signed tokens of every link (``boosters.drip.tokens``);
- render/merge: the rest of building each message (templates, merging the
  learner's values, the message object);
- serialize: the message as bytes (MIME, headers, SMTPUTF8 check);
- SMTP: ``sendmail`` in the sender threads (smtplib and the socket);
- record: writing each batch's outcomes (``_record``);
- other: the rest (the tick's checks, connections, threads, queues).

``--top N`` lists the N functions with the most time of their own.
``.venv/bin/python bench/drip_profile.py [--learners N] [--database-url URL]``.
"""

import argparse
import cProfile
import io
import pstats
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _setup import (  # noqa: E402
    database_url_argument,
    drip_world_build,
    throwaway_database,
)
from drip_throughput import (  # noqa: E402
    DISTINCT_RAW,
    DUE,
    NOW,
    _mail_settings,
    raw_messages,
    raw_send,
)
from smtp_sink import PostfixSink  # noqa: E402

# Step → functions (file suffix, name) whose cumulative time is the step's.
STEPS = {
    "claim": [("boosters/drip/dispatch.py", "_claim_batch")],
    "load": [("boosters/drip/queues.py", "prepare")],
    "sign": [
        ("boosters/drip/tokens.py", "answer_token"),
        ("boosters/drip/tokens.py", "sign_in_token"),
        ("boosters/drip/tokens.py", "unsubscribe_token"),
        ("boosters/drip/tokens.py", "token_sign"),
    ],
    "build": [("boosters/drip/queues.py", "build")],
    "serialize": [("boosters/drip/sending.py", "_smtp_envelope")],
    "SMTP": [("smtplib.py", "sendmail")],
    "record": [("boosters/drip/dispatch.py", "_record")],
}


def _cumulative(stats: pstats.Stats, file_suffix: str, name: str) -> float:
    total = 0.0
    for (filename, _, function), row in stats.stats.items():
        if function == name and filename.endswith(file_suffix):
            total += row[3]  # cumulative time
    return total


def breakdown(stats: pstats.Stats, *, total: float) -> dict[str, float]:
    """Seconds per step; ``render/merge`` is building minus signing and
    serializing (when the build includes them)."""
    seconds = {
        step: sum(_cumulative(stats, *where) for where in functions)
        for step, functions in STEPS.items()
    }
    build = seconds.pop("build")
    serialize_in_build = _cumulative(stats, "boosters/drip/emails.py", "as_bytes")
    seconds["render/merge"] = max(0.0, build - seconds["sign"] - serialize_in_build)
    seconds["serialize"] += serialize_in_build
    seconds["other"] = max(0.0, total - sum(seconds.values()))
    return seconds


# Where a sampled stack is: the innermost frame whose function names a step.
SAMPLED_STEPS = (
    ("sign", ("tokens.py",), None),
    ("serialize", ("sending.py",), {"_smtp_envelope", "as_bytes", "message_bytes"}),
    ("SMTP", ("smtplib.py",), None),
    ("claim", ("dispatch.py",), {"_claim_batch"}),
    ("load", ("queues.py",), {"prepare"}),
    ("record", ("dispatch.py",), {"_record"}),
    ("render/merge", ("queues.py",), {"build"}),
)
# A thread whose innermost frame is one of these is waiting, not working.
WAITING = {"wait", "get", "acquire", "_wait_for_tstate_lock", "join", "readinto"}


def _step_of(frame) -> str | None:
    if frame.f_code.co_name in WAITING or frame.f_code.co_filename.endswith(
        ("socket.py", "selectors.py")
    ):
        return None
    while frame is not None:
        code = frame.f_code
        for step, files, names in SAMPLED_STEPS:
            if code.co_filename.endswith(files) and (
                names is None or code.co_name in names
            ):
                return step
        frame = frame.f_back
    return "other"


def sampled_drain(
    *, interval: float = 0.001
) -> tuple[dict, float, float, int, dict[str, float]]:
    """Drain what is due, sampling every thread's stack each ``interval``
    seconds (a poor man's py-spy: no per-call overhead); samples per step,
    wall and CPU seconds, the number sent and the CPU seconds of the builder
    (the tick's thread) and of the sender threads."""
    import threading
    from collections import Counter

    from boosters.drip import sending
    from boosters.drip.dispatch import TickResult, drip_tick

    samples: Counter = Counter()
    done = threading.Event()
    # CPU of the sender threads (each from start to end), the rest is the
    # builder's and the sampler's.
    sender_cpu: list[float] = []
    real_send_outbox = sending._send_outbox

    def send_outbox(**kwargs):
        started = time.thread_time()
        try:
            real_send_outbox(**kwargs)
        finally:
            sender_cpu.append(time.thread_time() - started)

    def sample() -> None:
        me = threading.get_ident()
        while not done.wait(interval):
            for ident, frame in sys._current_frames().items():
                if ident != me and (step := _step_of(frame)) is not None:
                    samples[step] += 1

    sampler = threading.Thread(target=sample, daemon=True)
    total = TickResult()
    sending._send_outbox = send_outbox
    wall, cpu = time.perf_counter(), time.process_time()
    builder_cpu = time.thread_time()
    sampler.start()
    try:
        while True:
            result = drip_tick(now=NOW)
            total.add(result)
            if not result.sent and not result.retried:
                break
    finally:
        builder_cpu = time.thread_time() - builder_cpu
        done.set()
        sampler.join()
        sending._send_outbox = real_send_outbox
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    threads = {"builder": builder_cpu, "senders": sum(sender_cpu)}
    return samples, wall, cpu, total.sent, threads


def profiled_drain(*, top: int) -> tuple[pstats.Stats, float, float, int]:
    """Drain what is due in this process, every thread profiled; the merged
    stats, wall seconds, CPU seconds and the number sent."""
    import threading

    from boosters.drip import sending
    from boosters.drip.dispatch import TickResult, drip_tick

    profiles = []
    real_send_outbox = sending._send_outbox

    def send_outbox(**kwargs):
        profile = cProfile.Profile(time.thread_time)
        profiles.append(profile)
        profile.enable()
        try:
            real_send_outbox(**kwargs)
        finally:
            profile.disable()

    sending._send_outbox = send_outbox
    main = cProfile.Profile(time.thread_time)
    total = TickResult()
    wall, cpu = time.perf_counter(), time.process_time()
    main.enable()
    try:
        while True:
            result = drip_tick(now=NOW)
            total.add(result)
            if not result.sent and not result.retried:
                break
    finally:
        main.disable()
        sending._send_outbox = real_send_outbox
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    assert threading.active_count() >= 1
    stats = pstats.Stats(main, stream=io.StringIO())
    for profile in profiles:
        stats.add(profile)
    return stats, wall, cpu, total.sent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=5_000)
    parser.add_argument(
        "--cprofile",
        action="store_true",
        help="cProfile every thread (exact calls, inflated times) instead of "
        "sampling stacks",
    )
    parser.add_argument("--top", type=int, default=25)
    parser.add_argument(
        "--sort", default="tottime", help="cProfile's order (tottime, cumulative)"
    )
    parser.add_argument("--smtp-sink", default="")
    database_url_argument(parser)
    args = parser.parse_args()
    options = {"binary": args.smtp_sink} if args.smtp_sink else {}
    with (
        throwaway_database(args.database_url) as vendor,
        PostfixSink(**options) as sink,
    ):
        _mail_settings(sink)
        print(f"Database: {vendor}; one worker into smtp-sink")
        drip_world_build(
            learners=args.learners,
            deliveries_per_enrollment=1,
            due_at=lambda n, cohort: DUE,
        )
        from boosters.drip.sending import SENDERS

        # The baseline: raw smtplib over the worker's connections, CPU per message.
        messages = raw_messages(limit=min(DISTINCT_RAW, args.learners))
        raw_cpu = time.process_time()
        raw_wall = raw_send(
            sink=sink,
            messages=messages,
            count=args.learners,
            processes=1,
            threads=SENDERS,
        )
        raw_cpu = time.process_time() - raw_cpu
        print(
            f"Raw transport ({SENDERS} connections): {args.learners:,} in "
            f"{raw_wall:.1f} s wall, {raw_cpu:.1f} s CPU "
            f"({raw_cpu / args.learners * 1000:.2f} ms CPU per message)"
        )
        if args.cprofile:
            stats, wall, cpu, sent = profiled_drain(top=args.top)
        else:
            samples, wall, cpu, sent, threads = sampled_drain()
        sink.wait_for(sent, timeout=10)
    how = "under cProfile" if args.cprofile else "sampled"
    print(
        f"Pipeline, one worker: {sent:,} in {wall:.1f} s wall, {cpu:.1f} s CPU "
        f"({sent / wall:,.0f} msg/s {how}; "
        f"{cpu / sent * 1000:.2f} ms CPU per message)"
    )
    print(
        f"ratio CPU per message raw/pipeline = "
        f"{raw_cpu / args.learners / (cpu / sent):.2f} (what the pipeline/raw "
        "rate would be on an idle machine where both are CPU-bound)"
    )
    if not args.cprofile:
        builder, senders = threads["builder"], threads["senders"]
        print(
            f"CPU by thread: builder {builder / sent * 1e6:,.0f} us/message "
            f"(claim, load, build, record), senders {senders / sent * 1e6:,.0f} "
            f"us/message (raw transport's threads: "
            f"{raw_cpu / args.learners * 1e6:,.0f}), sampler and the rest "
            f"{(cpu - builder - senders) / sent * 1e6:,.0f}"
        )
        counted = sum(samples.values())
        print(f"Where the working threads were ({counted:,} samples):")
        for step in (*(name for name, _, _ in SAMPLED_STEPS), "other"):
            share = samples[step] / counted
            print(
                f"  {step:<13} {share:6.1%}  ~{share * cpu / sent * 1e6:5.0f} "
                "us CPU/message"
            )
        return
    seconds = breakdown(stats, total=stats.total_tt)
    profiled = sum(seconds.values())
    print("Where the profiled time goes (all threads):")
    for step, spent in seconds.items():
        print(
            f"  {step:<13} {spent:6.2f} s  {spent / profiled:6.1%}  "
            f"{spent / sent * 1e6:7.0f} us/message"
        )
    out = io.StringIO()
    stats.stream = out
    stats.sort_stats(args.sort).print_stats(args.top)
    print(out.getvalue())


if __name__ == "__main__":
    main()
