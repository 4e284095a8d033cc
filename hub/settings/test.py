"""Settings for the test suite: fast, isolated and free of outside services."""

import os
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = tempfile.mkdtemp(prefix="hub-test-media-")
STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
}
WHITENOISE_AUTOREFRESH = True
Q_CLUSTER = {**Q_CLUSTER, "sync": True}  # noqa: F405
# Django's test client logs in without a request, which django-axes refuses,
# and Wagtail's page test case signs in with the first backend, which must be
# able to load a user: so no axes here. tests/hub/test_admin_login.py puts
# production's backends back and turns axes on to prove the lockout.
AXES_ENABLED = False
AUTHENTICATION_BACKENDS = [
    backend
    for backend in AUTHENTICATION_BACKENDS  # noqa: F405
    if not backend.startswith("axes.")
]

# The page cache is on, as in production, but private to each test run (and
# cleared before every test by tests/conftest.py).
CACHES = {
    **CACHES,  # noqa: F405
    "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
}

# Serve uploaded media through the range-aware view, as in development.
HUB_SERVE_MEDIA = True
# Keep test output readable: Wagtail logs every page save and index task at INFO.
LOGGING = {**LOGGING, "root": {"handlers": ["console"], "level": "WARNING"}}  # noqa: F405

# On SQLite, test against a file like production (WAL, busy timeout), not the
# shared-cache in-memory database, so concurrency tests mean something.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(Path(tempfile.gettempdir()) / f"hub-test-{os.getpid()}.sqlite3")
    }
