"""A mail backend for tests whose failures are scripted per test."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend


class ScriptedBackend(EmailBackend):
    """Like locmem, but can refuse to connect or refuse chosen recipients.

    Set ``ScriptedBackend.refuse_connection`` or ``ScriptedBackend.rejects``
    (address -> (code, message)) in a test; ``reset()`` clears them.
    """

    refuse_connection = False
    rejects: dict[str, tuple[int, bytes]] = {}
    opened = 0

    @classmethod
    def reset(cls):
        cls.refuse_connection = False
        cls.rejects = {}
        cls.opened = 0

    def open(self):
        if self.refuse_connection:
            raise ConnectionRefusedError(111, "Connection refused")
        type(self).opened += 1
        return True

    def send_messages(self, messages):
        for message in messages:
            for address in message.to:
                if address in self.rejects:
                    code, text = self.rejects[address]
                    raise smtplib.SMTPRecipientsRefused({address: (code, text)})
        return super().send_messages(messages)
