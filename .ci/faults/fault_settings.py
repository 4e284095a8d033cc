"""Settings for the fault-injection scripts: real SMTP to a local sink.

The test settings keep mail in memory; these send it over SMTP to the sink the
harness runs on ``FAULT_SMTP_PORT``, so a killed process leaves exactly the
trace a real crash would. The database comes from ``DATABASE_URL`` or, without
it, SQLite under ``HUB_VAR_DIR``, as in ``hub.settings.base``.
"""

import os

from hub.settings.base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "fault-injection-only-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_HOST = "127.0.0.1"
EMAIL_PORT = int(os.environ.get("FAULT_SMTP_PORT", "1025"))
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = "Learning Hub <hub@learning-hub.local>"
LOGGING = {
    **LOGGING,  # noqa: F405
    "root": {"handlers": ["console"], "level": "WARNING"},
    # The two-clusters script waits for each cluster's "running" line.
    "loggers": {
        **LOGGING["loggers"],  # noqa: F405
        "django-q": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
