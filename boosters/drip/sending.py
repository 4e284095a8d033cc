"""Send one claimed batch of emails over a few connections; say how each went.

``batch_send`` is what the dispatcher (``boosters.drip.dispatch``) calls for every
batch it claims, of drip deliveries or of notices. It touches no database: it
sets each item's new state in memory and the dispatcher writes the batch.

Building a message (merging the learner's links, serializing MIME) is CPU
work; sending one is mostly waiting for the mail server to answer. So sender
threads (``SENDERS``, each with its own connection) send the messages while
the calling thread builds the next ones, and the work overlaps. Outcomes:

- sent: ``status``, ``sent_at``, ``message_id`` and the queue's ``on_sent``;
- a temporary failure (connection refused, SMTP 4xx, a dropped connection):
  back to ``pending`` with exponential backoff, failed after ``MAX_ATTEMPTS``;
- a permanent refusal of the address (SMTP 5xx): failed, and the learner is
  returned so their address can be suppressed;
- an internationalised address (``zoë.müller@…``) goes with SMTPUTF8; a server
  that does not offer it fails that item alone, with ``SMTPUTF8_REFUSED``;
- not sendable (``NotSendable``, e.g. the page was unpublished): skipped;
- a message that can't be built or serialized (any other error, e.g. a
  ``BadHeaderError`` from a line break in a name used in the subject): failed
  at once, since retrying builds the same message, and the rest of the batch
  still goes. One bad item never stops its batch: a batch that stopped would
  leave its sent items in ``sending``, to be sent again once stale.
"""

import contextlib
import functools
import logging
import smtplib
import sys
import threading
import uuid
from collections import Counter
from collections.abc import Callable
from datetime import datetime, timedelta
from email.utils import make_msgid
from queue import Queue

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.smtp import EmailBackend as SmtpEmailBackend
from django.core.mail.message import BadHeaderError, sanitize_address

from boosters.drip.emails import NotSendable
from boosters.drip.links import sender_domain
from boosters.drip.wire import WireMessage
from boosters.models import DeliveryStatus, Learner
from hub.mail import SMTPUTF8_REFUSED, smtp_recipients

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5
BACKOFF_BASE = timedelta(minutes=2)  # 2, 4, 8, 16 minutes between tries
# Messages built ahead of the one being sent: enough to keep the sender busy.
SEND_AHEAD = 8
# Built messages are handed to the senders this many at a time: each handoff
# may wake a waiting sender, which costs more CPU than sending one message.
SEND_CHUNK = 4
# Connections a batch is sent over, each from its own thread: while one waits
# for the server's answer, another sends.
SENDERS = 2
# Seconds; Python's default is 0.005 (see _sender_wakes_promptly).
SENDER_SWITCH_INTERVAL = 0.0005

UNBUILDABLE = "The email could not be built, so it was not sent: {error}"


def batch_send(
    *,
    items: list,
    build: Callable,
    on_sent: Callable,
    learner_of: Callable,
    now: datetime,
) -> tuple[Counter, list[Learner]]:
    """Send ``items`` (deliveries or notices) over ``SENDERS`` mail connections.

    ``build(item, connection)`` returns an item's message (an email
    message, or over SMTP a ``WireMessage`` already in bytes) or raises
    ``NotSendable``; ``on_sent(item, now)`` notes what a sent item needs;
    ``learner_of(item)`` names whose address a permanent refusal suppresses.
    Returns how many were sent, failed, retried and skipped, and the learners
    whose address the server refused.
    """
    outcomes: Counter = Counter()
    suppressed: list[Learner] = []
    connections = []
    for _ in range(SENDERS):
        mail = get_connection()
        try:
            mail.open()
        except Exception as error:  # noqa: BLE001 — any failure to connect is temporary
            if connections:
                break  # send over the connections we have
            for item in items:
                outcomes[_retry_or_fail(item, error, now)] += 1
            return outcomes, suppressed
        connections.append(mail)

    outbox: Queue = Queue(maxsize=max(1, SEND_AHEAD // SEND_CHUNK))
    # Each sender counts on its own; merged once they are done.
    counts = [Counter() for _ in connections]
    senders = [
        threading.Thread(
            target=_send_outbox,
            kwargs={
                "outbox": outbox,
                "mail": mail,
                "outcomes": count,
                "on_sent": on_sent,
                "refused": lambda item: suppressed.append(learner_of(item)),
                "now": now,
            },
            name=f"drip-sender-{n}",
        )
        for n, (mail, count) in enumerate(zip(connections, counts, strict=True))
    ]
    with _sender_wakes_promptly():
        for sender in senders:
            sender.start()
        try:
            _build_into(
                outbox,
                items=items,
                build=build,
                mail=connections[0],
                outcomes=outcomes,
                senders=len(senders),
            )
        finally:
            for sender in senders:
                sender.join()
    for mail, count in zip(connections, counts, strict=True):
        outcomes.update(count)
        try:
            mail.close()
        except Exception:  # noqa: BLE001 — closing a broken connection is not news
            logger.debug("Closing the mail connection failed", exc_info=True)
    return outcomes, [learner for learner in suppressed if learner is not None]


@contextlib.contextmanager
def _sender_wakes_promptly():
    """While a batch is sent, let the sender thread have the interpreter soon
    after the mail server answers, instead of waiting out the builder's 5 ms
    turn: without this the sender idles and throughput drops by a third."""
    previous = sys.getswitchinterval()
    sys.setswitchinterval(SENDER_SWITCH_INTERVAL)
    try:
        yield
    finally:
        sys.setswitchinterval(previous)


def _build_into(
    outbox: Queue, *, items: list, build, mail, outcomes, senders: int
) -> None:
    """Build each item's message into ``outbox`` (in lists of ``SEND_CHUNK``),
    then a ``None`` for each sender; skip the items that can't be sent, fail
    those that can't be built."""
    domain = sender_domain() or None
    chunk: list = []
    try:
        for item in items:
            try:
                message = build(item, mail)
                if isinstance(message, WireMessage):
                    # Already bytes (over SMTP, a drip email merged per learner).
                    message_id, envelope = message.message_id, message.envelope()
                else:
                    message_id = make_msgid(domain=domain)
                    message.extra_headers["Message-ID"] = message_id
                    envelope = _smtp_envelope(message, mail)
            except NotSendable as reason:
                item.status = DeliveryStatus.SKIPPED
                item.status_reason = str(reason)
                item.claim_token = ""
                outcomes["skipped"] += 1
                continue
            except Exception as error:  # noqa: BLE001 — one bad item never stops the batch
                logger.exception("Building the email for %r failed", item)
                _unbuildable(item, error)
                outcomes["failed"] += 1
                continue
            chunk.append((item, message, message_id, envelope))
            if len(chunk) == SEND_CHUNK:
                outbox.put(chunk)
                chunk = []
    finally:
        if chunk:
            outbox.put(chunk)
        for _ in range(senders):  # the batch is built: each sender stops
            outbox.put(None)


def _smtp_envelope(message, mail) -> tuple[str, list[str], bytes, tuple] | None:
    """For Django's SMTP backend, what its ``send_messages`` would hand to
    smtplib (sender, recipients, the message as bytes, the MAIL FROM options),
    built here so the sender thread only waits for the server. ``None`` for
    other backends
    (email service APIs, the development outbox, tests), which send the
    message object themselves."""
    if not isinstance(mail, SmtpEmailBackend):
        return None
    encoding = message.encoding or settings.DEFAULT_CHARSET
    mime = message.message()
    if mime.is_multipart():
        # A random boundary can't occur in the text, so the serializer needn't
        # search the whole message for it (a new regex for every message).
        mime.set_boundary(f"=_{uuid.uuid4().hex}")
    recipients, options = smtp_recipients(message=message, mime=mime, encoding=encoding)
    return (
        _sender_address(message.from_email, encoding),
        recipients,
        mime.as_bytes(linesep="\r\n"),
        options,
    )


@functools.lru_cache(maxsize=16)
def _sender_address(address: str, encoding: str) -> str:
    # The same From on every message of a batch: parse it once.
    return sanitize_address(address, encoding)


def _send_outbox(*, outbox: Queue, mail, outcomes, on_sent, refused, now) -> None:
    """Send each built message in ``outbox`` (until ``None``) and set its
    item's outcome in memory. Runs in the sender thread."""
    connection_error: Exception | None = None
    while (chunk := outbox.get()) is not None:
        for entry in chunk:
            connection_error = _send_one(
                entry,
                mail=mail,
                outcomes=outcomes,
                on_sent=on_sent,
                refused=refused,
                now=now,
                connection_error=connection_error,
            )


def _send_one(
    entry, *, mail, outcomes, on_sent, refused, now, connection_error
) -> Exception | None:
    """Send one built message and set its item's outcome; returns the error
    that broke the connection, if it is broken (the rest then wait)."""
    item, message, message_id, envelope = entry
    if connection_error is not None:
        outcomes[_retry_or_fail(item, connection_error, now)] += 1
        return connection_error
    try:
        if envelope is not None:
            mail.connection.sendmail(*envelope)
        else:
            mail.send_messages([message])
    except BadHeaderError as error:
        # Other backends serialize here; the same message fails every time.
        _unbuildable(item, error)
        outcomes["failed"] += 1
    except smtplib.SMTPNotSupportedError as error:
        # This server will never take the address; the others still go.
        _smtputf8_refused(item, error)
        outcomes["failed"] += 1
    except (smtplib.SMTPException, OSError) as error:
        if _is_permanent(error):
            _refuse(item, error)
            refused(item)
            outcomes["failed"] += 1
            return None
        if isinstance(error, smtplib.SMTPServerDisconnected | OSError):
            connection_error = error  # the rest of the batch can't go now
        outcomes[_retry_or_fail(item, error, now)] += 1
    except Exception as error:  # noqa: BLE001 — e.g. an unusable address
        logger.exception("Sending %r failed", item)
        outcomes[_retry_or_fail(item, error, now)] += 1
    else:
        _sent(item, message_id, on_sent=on_sent, now=now)
        outcomes["sent"] += 1
    return connection_error


def _is_permanent(error: Exception) -> bool:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in error.recipients.values()]
        return bool(codes) and all(code >= 500 for code in codes)
    if isinstance(error, smtplib.SMTPResponseException):
        return error.smtp_code >= 500
    return False


def _retry_or_fail(item, error: Exception, now: datetime) -> str:
    item.attempts += 1
    item.last_error = f"{type(error).__name__}: {error}"[:2000]
    item.claim_token = ""
    if item.attempts >= MAX_ATTEMPTS:
        item.status = DeliveryStatus.FAILED
        item.status_reason = f"Gave up after {item.attempts} attempts."
        return "failed"
    item.status = DeliveryStatus.PENDING
    item.next_attempt_at = now + BACKOFF_BASE * 2 ** (item.attempts - 1)
    item.status_reason = "Will retry: the mail server was unavailable."
    return "retried"


def _unbuildable(item, error: Exception) -> None:
    item.attempts += 1
    item.status = DeliveryStatus.FAILED
    item.last_error = f"{type(error).__name__}: {error}"[:2000]
    item.status_reason = UNBUILDABLE.format(error=item.last_error)[:255]
    item.claim_token = ""


def _smtputf8_refused(item, error: Exception) -> None:
    item.attempts += 1
    item.status = DeliveryStatus.FAILED
    item.status_reason = SMTPUTF8_REFUSED
    item.last_error = f"{type(error).__name__}: {error}"[:2000]
    item.claim_token = ""


def _refuse(item, error: Exception) -> None:
    item.attempts += 1
    item.status = DeliveryStatus.FAILED
    item.status_reason = "The mail server refused the address."
    item.last_error = f"{type(error).__name__}: {error}"[:2000]
    item.claim_token = ""


def _sent(item, message_id: str, *, on_sent, now: datetime) -> None:
    item.attempts += 1
    item.status = DeliveryStatus.SENT
    item.status_reason = ""
    item.sent_at = now
    item.message_id = message_id
    item.last_error = ""
    item.claim_token = ""
    try:
        on_sent(item, now)
    except Exception as error:  # noqa: BLE001 — it went: never send it again
        logger.exception("Noting the sent email %r failed", item)
        item.last_error = (
            f"Sent, but noting it failed: {type(error).__name__}: {error}"[:2000]
        )
