"""The drip benchmark's measuring parts: the sinks count what arrives, and raw
transport sends every message once over the connections it is asked for."""

import shutil
import smtplib
import socket
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from drip_throughput import raw_send  # noqa: E402
from smtp_sink import SMTP_SINK, AiosmtpdSink, PostfixSink  # noqa: E402

needs_smtp_sink = pytest.mark.skipif(
    not (shutil.which("smtp-sink") or Path(SMTP_SINK).exists()),
    reason="Postfix's smtp-sink is not installed (.ci/smtp-sink installs it)",
)

MESSAGE = b"Subject: Quick question\r\n\r\nWhat do you say first?\r\n"


def _send(sink, count: int) -> None:
    with smtplib.SMTP(sink.host, sink.port) as smtp:
        for _ in range(count):
            smtp.sendmail("hub@example.com", ["ana@example.com"], MESSAGE)


def _listening(port: int) -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) == 0


@needs_smtp_sink
def test_smtp_sink_counts_messages_over_several_connections():
    with PostfixSink() as sink:
        _send(sink, 3)
        _send(sink, 4)
        assert sink.wait_for(7, timeout=5)
        assert sink.count == 7
        assert sink.size is None  # smtp-sink counts messages, not bytes
        port = sink.port
    assert not _listening(port)  # stopped, not left behind


def test_smtp_sink_missing_says_how_to_install_it(tmp_path):
    with pytest.raises(RuntimeError, match=r"\.ci/smtp-sink"):
        PostfixSink(binary=str(tmp_path / "smtp-sink")).start()


@pytest.mark.parametrize(
    ("processes", "threads"), [(1, 2), (2, 2)], ids=["one worker", "two workers"]
)
@pytest.mark.parametrize(
    "sink_class",
    [pytest.param(PostfixSink, marks=needs_smtp_sink), AiosmtpdSink],
    ids=["smtp-sink", "aiosmtpd"],
)
def test_raw_transport_sends_every_message_exactly_once(sink_class, processes, threads):
    messages = [(f"learner{n}@example.com", MESSAGE) for n in range(3)]
    with sink_class() as sink:
        seconds = raw_send(
            sink=sink, messages=messages, count=11, processes=processes, threads=threads
        )
        assert sink.count == 11  # 11 over 2 or 4 connections: none lost, none twice
    assert seconds > 0


@pytest.mark.parametrize("processes", [1, 2], ids=["one worker", "two workers"])
def test_raw_transport_that_fails_says_so_instead_of_printing_a_rate(processes):
    # aiosmtpd refuses lines over 998 bytes, so every send fails.
    refused = [("ana@example.com", b"Subject: x\r\n\r\n" + b"x" * 2000 + b"\r\n")]
    with AiosmtpdSink() as sink, pytest.raises((smtplib.SMTPException, RuntimeError)):
        raw_send(sink=sink, messages=refused, count=3, processes=processes, threads=2)
