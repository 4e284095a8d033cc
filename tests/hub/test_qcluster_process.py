"""Ctrl-C on ``make run``: honcho SIGTERMs the scheduler's whole process group,
and the task cluster still stops by itself, in time, with nothing left behind."""

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# Stands in for ``manage.py qcluster``: on SIGTERM it notes it and stops, like
# the cluster's main process; ``IGNORE`` makes one that never stops.
FAKE_CLUSTER = textwrap.dedent(
    """
    import signal, sys, time
    log, ignore = sys.argv[1], sys.argv[2] == "IGNORE"
    def stop(signum, frame):
        with open(log, "a") as f:
            f.write(f"signal {signum}\\n")
        if not ignore:
            time.sleep(0.3)
            sys.exit(0)
    signal.signal(signal.SIGTERM, stop)
    open(log, "a").close()
    while True:
        time.sleep(0.05)
    """
)


def supervised(tmp_path, *, behaviour: str, grace: float) -> subprocess.Popen:
    """The supervisor in its own session, as honcho starts each Procfile line."""
    log = tmp_path / "cluster.log"
    code = (
        "import sys; from hub.qcluster_process import qcluster_supervise; "
        f"sys.exit(qcluster_supervise(command={[sys.executable, '-c', FAKE_CLUSTER, str(log), behaviour]!r}, "
        f"grace_seconds={grace}))"
    )
    process = subprocess.Popen(
        [sys.executable, "-c", code], cwd=ROOT, start_new_session=True
    )
    deadline = time.monotonic() + 10
    while not log.exists():
        assert time.monotonic() < deadline, "the fake cluster never started"
        time.sleep(0.05)
    return process


def stop_like_honcho(process: subprocess.Popen) -> tuple[int, float]:
    started = time.monotonic()
    os.killpg(process.pid, signal.SIGTERM)
    code = process.wait(timeout=10)
    return code, time.monotonic() - started


def test_a_group_sigterm_reaches_the_cluster_once_and_it_stops_cleanly(tmp_path):
    process = supervised(tmp_path, behaviour="STOP", grace=4)

    code, seconds = stop_like_honcho(process)

    assert code == 0
    assert seconds < 4  # honcho kills whatever still runs 5 s after a stop
    assert (tmp_path / "cluster.log").read_text() == f"signal {signal.SIGTERM}\n"


def test_a_cluster_that_will_not_stop_is_killed_after_the_grace(tmp_path):
    process = supervised(tmp_path, behaviour="IGNORE", grace=0.5)

    code, seconds = stop_like_honcho(process)

    assert code != 0
    assert seconds < 3
    assert running_with(str(tmp_path / "cluster.log")) == []


def running_with(argument: str) -> list[str]:
    """Processes whose command line holds ``argument``."""
    found = []
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            command = (proc / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if argument.encode() in command:
            found.append(proc.name)
    return found


def test_make_run_starts_the_supervised_scheduler_on_its_port():
    procfile = dict(
        line.split(": ", 1) for line in (ROOT / "Procfile.dev").read_text().splitlines()
    )

    assert procfile["scheduler"] == "exec python manage.py scheduler"
    assert "$PORT" in procfile["web"]
