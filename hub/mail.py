"""Mail: internationalised addresses over SMTP, and the development outbox.

Django encodes a non-ASCII local part (``zoë.müller@example.org``) as an RFC 2047
word, an address nobody has. ``smtp_recipients`` instead sends such a message
with SMTPUTF8 (RFC 6531): the address as written, in the envelope and in the
To header. A server that does not offer SMTPUTF8 refuses that message alone,
with ``SMTPUTF8_REFUSED``. ``SmtpEmailBackend`` is Django's SMTP backend
doing that; the drip's sender (``boosters.drip.sending``) uses it directly.

In development every message becomes a file under ``var/outbox/``: written
whole, as a ``.eml`` file a mail client can open, and one line per message
goes to the console so you see mail leave as it happens.
"""

import re
import smtplib
import sys
import threading
from datetime import UTC, datetime
from email.message import Message
from email.utils import formataddr, parseaddr
from pathlib import Path

from django.conf import settings
from django.core.mail import EmailMessage
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.smtp import EmailBackend as DjangoSmtpEmailBackend
from django.core.mail.message import sanitize_address
from django.utils.encoding import punycode

SMTPUTF8 = "SMTPUTF8"
SMTPUTF8_REFUSED = (
    "The mail server does not accept internationalised addresses (SMTPUTF8)."
)


def address_needs_smtputf8(address: str) -> bool:
    """True when the part before the @ has characters beyond ASCII."""
    return not parseaddr(address)[1].rpartition("@")[0].isascii()


def _utf8_spec(address: str) -> tuple[str, str]:
    """(display name, local@punycode-domain) with the local part as written."""
    name, spec = parseaddr(address)
    local, _, domain = spec.rpartition("@")
    return name, f"{local}@{punycode(domain)}"


def _utf8_mailbox(address: str, encoding: str) -> str:
    name, spec = _utf8_spec(address)
    if not name:
        return spec
    # formataddr quotes or encodes the name but insists on an ASCII address.
    shown = formataddr((name, "_@_"), charset=encoding).removesuffix("<_@_>")
    return f"{shown}<{spec}>"


def smtp_recipients(
    *, message: EmailMessage, mime: Message, encoding: str
) -> tuple[list[str], tuple[str, ...]]:
    """The RCPT TO addresses of ``message`` and the MAIL FROM options.

    When a recipient's local part is not ASCII, the options ask for SMTPUTF8,
    and ``mime``'s To and Cc headers are rewritten to hold the addresses as
    written (raw UTF-8 in the bytes, as RFC 6532 allows with SMTPUTF8).
    """
    addresses = message.recipients()
    if not any(address_needs_smtputf8(address) for address in addresses):
        return [sanitize_address(address, encoding) for address in addresses], ()
    for header, values in (("To", message.to), ("Cc", message.cc)):
        if values and header in mime:
            value = ", ".join(_utf8_mailbox(v, encoding) for v in values)
            # replace_header skips Django's re-encoding in __setitem__; the
            # surrogates become the UTF-8 bytes again in as_bytes().
            mime.replace_header(
                header, value.encode().decode("ascii", "surrogateescape")
            )
    return [_utf8_spec(address)[1] for address in addresses], (SMTPUTF8,)


# A bare ASCII dot-atom address: sanitize_address returns it unchanged.
_PLAIN_ADDRESS = re.compile(
    r"[A-Za-z0-9_%+-]+(?:\.[A-Za-z0-9_%+-]+)*@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+\Z"
)


def smtp_address(*, address: str, encoding: str) -> tuple[str, str, tuple[str, ...]]:
    """How one recipient goes over SMTP: the To header's value, the RCPT TO
    address and the MAIL FROM options, as ``smtp_recipients`` would make them
    for a message to ``address`` alone (for senders that write the bytes
    themselves, ``boosters.drip.wire``)."""
    if _PLAIN_ADDRESS.match(address):
        return address, address, ()  # what sanitize_address gives, for less
    if address_needs_smtputf8(address):
        return _utf8_mailbox(address, encoding), _utf8_spec(address)[1], (SMTPUTF8,)
    sanitized = sanitize_address(address, encoding)
    return sanitized, sanitized, ()


class SmtpEmailBackend(DjangoSmtpEmailBackend):
    """Django's SMTP backend, sending internationalised addresses with SMTPUTF8.

    Raises ``smtplib.SMTPNotSupportedError`` (unless ``fail_silently``) for a
    message the server cannot take; see ``SMTPUTF8_REFUSED``.
    """

    def _send(self, email_message):
        if not email_message.recipients():
            return False
        encoding = email_message.encoding or settings.DEFAULT_CHARSET
        sender = sanitize_address(email_message.from_email, encoding)
        mime = email_message.message()
        recipients, options = smtp_recipients(
            message=email_message, mime=mime, encoding=encoding
        )
        try:
            self.connection.sendmail(
                sender, recipients, mime.as_bytes(linesep="\r\n"), options
            )
        except smtplib.SMTPException:
            if not self.fail_silently:
                raise
            return False
        return True


class OutboxBackend(BaseEmailBackend):
    """Write each message to ``EMAIL_OUTBOX_DIR`` (default ``var/outbox``)."""

    _lock = threading.Lock()
    _counter = 0

    def __init__(self, *args, outbox_dir=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.outbox_dir = Path(
            outbox_dir
            or getattr(settings, "EMAIL_OUTBOX_DIR", Path(settings.VAR_DIR) / "outbox")
        )

    def send_messages(self, email_messages):
        self.outbox_dir.mkdir(parents=True, exist_ok=True)
        sent = 0
        for message in email_messages:
            if not message.recipients():
                continue
            with self._lock:
                type(self)._counter += 1
                number = self._counter
            stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")
            path = self.outbox_dir / f"{stamp}-{number:06d}.eml"
            path.write_bytes(message.message().as_bytes(linesep="\n"))
            sys.stdout.write(
                f"[outbox] {', '.join(message.to)} · {message.subject} → {path}\n"
            )
            sent += 1
        return sent
