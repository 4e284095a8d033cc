"""Running the django-q2 cluster under a process manager that stops it with a
signal to its whole process group (honcho on Ctrl-C, systemd, Heroku).

Such a signal reaches the cluster's own processes at once. Its sentinel dies on
SIGTERM (django-q2 leaves it the default action), sometimes while holding the
lock of the stop event the cluster's main process then waits on forever, so the
manager has to kill it. Run in its own session, the cluster hears only what
``qcluster_supervise`` passes on: one SIGTERM to its main process, which stops
the pusher, lets the workers finish and exits cleanly.
"""

import contextlib
import logging
import os
import signal
import subprocess
import time

logger = logging.getLogger(__name__)

# honcho kills what is still running 5 s after the first process stops.
DEFAULT_GRACE_SECONDS = 4.0


def qcluster_supervise(
    *, command: list[str], grace_seconds: float = DEFAULT_GRACE_SECONDS
) -> int:
    """Run ``command`` (the cluster) in its own session until it exits.

    SIGTERM or SIGINT here becomes one SIGTERM to the cluster's main process;
    if it hasn't stopped within ``grace_seconds`` its processes are killed
    (a task cut short is retried: the hub's tasks are idempotent). Returns 0
    after a requested stop within the grace, else the cluster's exit code.
    """
    child = subprocess.Popen(command, start_new_session=True)  # noqa: S603
    stop_requested_at: float | None = None

    def request_stop(signum, frame):
        nonlocal stop_requested_at
        if stop_requested_at is None:
            stop_requested_at = time.monotonic()
            _signal_quietly(lambda: os.kill(child.pid, signal.SIGTERM))

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    forced = False
    while True:
        try:
            code = child.wait(timeout=0.1)
            break
        except subprocess.TimeoutExpired:
            late = (
                stop_requested_at is not None
                and time.monotonic() - stop_requested_at > grace_seconds
            )
            if late and not forced:
                logger.warning(
                    "The task cluster did not stop within %.0f s; killing it.",
                    grace_seconds,
                )
                forced = True
                _signal_quietly(lambda: os.killpg(child.pid, signal.SIGKILL))
    # Leave no worker behind, whatever happened to the main process.
    _signal_quietly(lambda: os.killpg(child.pid, signal.SIGKILL))
    if stop_requested_at is not None and not forced:
        return 0
    return code if code else 1


def _signal_quietly(send) -> None:
    with contextlib.suppress(ProcessLookupError):  # already gone
        send()
