"""Development email: every message becomes a file under ``var/outbox/``.

Each message is written whole, as a ``.eml`` file a mail client can open, and
one line per message goes to the console so you see mail leave as it happens.
"""

import sys
import threading
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend


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
