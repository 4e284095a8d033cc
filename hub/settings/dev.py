"""Local development: works with nothing set in the environment."""

import os

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-insecure-key-never-use-in-production"  # noqa: S105
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
# Emails go to var/outbox/ as .eml files (and a line on the console).
EMAIL_BACKEND = "hub.mail.OutboxBackend"
DEFAULT_FROM_EMAIL = "Learning Hub <hub@learning-hub.local>"

# SQLite and uploads live under var/; create it so manage.py works on a fresh clone.
VAR_DIR.mkdir(parents=True, exist_ok=True)  # noqa: F405

# Developers change templates and code, which no signal reports: pages are
# rendered afresh unless HUB_PAGE_CACHE_SECONDS is set (as production does).
HUB_PAGE_CACHE_SECONDS = int(os.environ.get("HUB_PAGE_CACHE_SECONDS", "0"))
