"""A local SMTP sink for the benchmarks: accepts every message, counts them.

It runs aiosmtpd on loopback in a child process, so the server's parsing does
not share the benchmark's interpreter (and its GIL): on a two-core machine the
sender and the sink each get a core, as with a real relay on another host.

Use it as a context manager::

    with SmtpSink() as sink:
        send_to("127.0.0.1", sink.port)
        print(sink.count)

Or run it alone (``python bench/smtp_sink.py [--port N]``) to point a dev
server at it; it prints the count every few seconds until interrupted.
"""

import argparse
import multiprocessing
import socket
import time

HOST = "127.0.0.1"


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


class SmtpSink:
    """An SMTP server on loopback, in a child process, that counts messages."""

    def __init__(self, *, port: int | None = None):
        self.host = HOST
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
    def size(self) -> int:
        """Bytes of message data accepted so far."""
        return self._size.value

    def wait_for(self, count: int, *, timeout: float = 30) -> bool:
        """Wait until ``count`` messages have arrived; False on timeout."""
        deadline = time.monotonic() + timeout
        while self.count < count:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.01)
        return True

    def start(self) -> "SmtpSink":
        self._process.start()
        if not self._ready.wait(timeout=30):
            self._process.kill()
            raise RuntimeError("The SMTP sink did not start within 30 s.")
        return self

    def stop(self) -> None:
        self._stop.set()
        self._process.join(timeout=10)
        if self._process.is_alive():
            self._process.kill()

    def __enter__(self) -> "SmtpSink":
        return self.start()

    def __exit__(self, *exc_info) -> None:
        self.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=1025)
    args = parser.parse_args()
    with SmtpSink(port=args.port) as sink:
        print(f"SMTP sink on {sink.host}:{sink.port}; Ctrl-C to stop", flush=True)
        try:
            while True:
                time.sleep(5)
                print(f"{sink.count} messages, {sink.size} bytes", flush=True)
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
