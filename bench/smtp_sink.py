"""Local SMTP sinks for the benchmarks: accept every message, count them.

Two of them, with the same interface:

- ``PostfixSink`` runs Postfix's ``smtp-sink`` (C; ``.ci/smtp-sink`` installs
  it): fast enough that the sender, not the sink, sets the pace.
- ``AiosmtpdSink`` runs aiosmtpd in a child process, so its parsing does not
  share the benchmark's interpreter (and its GIL). It is Python, and on a
  two-core machine it caps raw transport at a few hundred messages a second.

Use one as a context manager::

    with PostfixSink() as sink:
        send_to(sink.host, sink.port)
        print(sink.count)

Or run one alone (``python bench/smtp_sink.py [--sink NAME] [--port N]``) to
point a dev server at it; it prints the count every few seconds until
interrupted.
"""

import argparse
import multiprocessing
import os
import shutil
import socket
import subprocess
import tempfile
import time

HOST = "127.0.0.1"
SMTP_SINK = "/usr/sbin/smtp-sink"


class _CountingHandler:
    """Accept every message; count messages and bytes in shared memory."""

    def __init__(self, messages, size):
        self.messages = messages
        self.size = size

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 — aiosmtpd's hook
        # Only this process writes, so the unlocked counters are safe to bump.
        self.messages.value += 1
        self.size.value += len(envelope.original_content or b"")
        return "250 OK"


def _serve(port: int, messages, size, ready, stop) -> None:
    from aiosmtpd.controller import Controller

    controller = Controller(
        _CountingHandler(messages, size),
        hostname=HOST,
        port=port,
        data_size_limit=0,  # no limit: a sink measures, it doesn't police
    )
    controller.start()
    ready.set()
    stop.wait()
    controller.stop()


def free_port() -> int:
    """A TCP port on loopback that nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


class _Sink:
    """What both sinks share: waiting for a count, the context manager."""

    name = ""
    host = HOST
    port = 0

    @property
    def count(self) -> int:
        raise NotImplementedError

    def wait_for(self, count: int, *, timeout: float = 30) -> bool:
        """Wait until ``count`` messages have arrived; False on timeout."""
        deadline = time.monotonic() + timeout
        while self.count < count:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.01)
        return True

    def start(self):
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()


class AiosmtpdSink(_Sink):
    """An aiosmtpd server on loopback, in a child process, that counts messages."""

    name = "aiosmtpd"

    def __init__(self, *, port: int | None = None):
        self.port = port or free_port()
        context = multiprocessing.get_context("spawn")
        self._messages = context.Value("q", 0, lock=False)
        self._size = context.Value("q", 0, lock=False)
        self._ready = context.Event()
        self._stop = context.Event()
        self._process = context.Process(
            target=_serve,
            args=(self.port, self._messages, self._size, self._ready, self._stop),
            daemon=True,
        )

    @property
    def count(self) -> int:
        """Messages accepted so far."""
        return self._messages.value

    @property
    def size(self) -> int | None:
        """Bytes of message data accepted so far."""
        return self._size.value

    def start(self) -> "AiosmtpdSink":
        self._process.start()
        if not self._ready.wait(timeout=30):
            self._process.kill()
            raise RuntimeError("The aiosmtpd sink did not start within 30 s.")
        return self

    def stop(self) -> None:
        self._stop.set()
        self._process.join(timeout=10)
        if self._process.is_alive():
            self._process.kill()


class PostfixSink(_Sink):
    """Postfix's ``smtp-sink`` on loopback, as a subprocess, counting messages.

    With ``-c`` it writes a running ``sess=N quit=N mesg=N`` record after each
    message; it writes them to a file, not a pipe, so no reader thread in the
    benchmark's process competes with the sender, and a full pipe never
    stalls the sink. ``count`` reads the file's last record.
    """

    name = "smtp-sink"
    _TAIL = 128  # bytes from the end of the counter file: a few records

    def __init__(self, *, port: int | None = None, binary: str | None = None):
        self.port = port or free_port()
        self.binary = binary or shutil.which("smtp-sink") or SMTP_SINK
        self._folder = None
        self._counters = None
        self._process = None

    @property
    def count(self) -> int:
        """Messages accepted so far."""
        with open(self._counters, "rb") as counters:
            counters.seek(0, os.SEEK_END)
            counters.seek(max(0, counters.tell() - self._TAIL))
            tail = counters.read()
        # Records end with "\r"; the last one may still be half-written.
        for record in reversed(tail.split(b"\r")[:-1]):
            fields = dict(
                field.split(b"=", 1) for field in record.split() if b"=" in field
            )
            if b"mesg" in fields:
                return int(fields[b"mesg"])
        return 0

    @property
    def size(self) -> int | None:
        """smtp-sink does not count bytes."""
        return None

    def start(self) -> "PostfixSink":
        if not os.access(self.binary, os.X_OK):
            raise RuntimeError(
                f"No smtp-sink at {self.binary}: run .ci/smtp-sink (installs "
                "Debian's postfix package as root) or use --sink aiosmtpd."
            )
        self._folder = tempfile.TemporaryDirectory(prefix="hub-smtp-sink-")
        self._counters = os.path.join(self._folder.name, "counters")
        command = [self.binary, "-c"]
        if os.geteuid() == 0:
            command += ["-u", "nobody"]  # smtp-sink refuses to run as root
        # The last argument is the listen backlog: room for every connection
        # the naive loop opens one after another.
        command += [f"{self.host}:{self.port}", "1000"]
        with open(self._counters, "wb") as counters:
            self._process = subprocess.Popen(
                command,
                stdin=subprocess.DEVNULL,
                stdout=counters,
                stderr=subprocess.PIPE,
            )
        deadline = time.monotonic() + 30
        while not self._listening():
            if self._process.poll() is not None:
                error = self._process.stderr.read().decode(errors="replace")
                self._folder.cleanup()
                raise RuntimeError(f"smtp-sink exited at start: {error.strip()}")
            if time.monotonic() > deadline:
                self.stop()
                raise RuntimeError("smtp-sink did not start within 30 s.")
            time.sleep(0.02)
        return self

    def _listening(self) -> bool:
        try:
            with socket.create_connection((self.host, self.port), timeout=1):
                return True
        except OSError:
            return False

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.terminate()
            try:
                self._process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
        if self._process is not None:
            self._process.stderr.close()
        if self._folder is not None:
            self._folder.cleanup()
            self._folder = None


SINKS = {PostfixSink.name: PostfixSink, AiosmtpdSink.name: AiosmtpdSink}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sink", choices=SINKS, default=PostfixSink.name)
    parser.add_argument("--port", type=int, default=1025)
    args = parser.parse_args()
    with SINKS[args.sink](port=args.port) as sink:
        print(
            f"SMTP sink ({sink.name}) on {sink.host}:{sink.port}; Ctrl-C to stop",
            flush=True,
        )
        try:
            while True:
                time.sleep(5)
                size = "" if sink.size is None else f", {sink.size} bytes"
                print(f"{sink.count} messages{size}", flush=True)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
