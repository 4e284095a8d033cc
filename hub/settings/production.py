"""Production: everything secret or deployment-specific comes from the environment."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403

DEBUG = False

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    raise ImproperlyConfigured(
        "SECRET_KEY is not set. Production settings refuse to start without it: "
        "set the SECRET_KEY environment variable to a long random string."
    )
SECRET_KEY_FALLBACKS = [
    key for key in os.environ.get("SECRET_KEY_FALLBACKS", "").split(",") if key
]
ALLOWED_HOSTS = [
    host.strip()
    for host in os.environ.get("ALLOWED_HOSTS", "").split(",")
    if host.strip()
]
CSRF_TRUSTED_ORIGINS = [
    origin.strip()
    for origin in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",")
    if origin.strip()
]


def _env_count(name: str) -> int:
    value = os.environ.get(name, "0").strip() or "0"
    if not value.isdigit():
        raise ImproperlyConfigured(
            f"{name} must be a whole number of 0 or more, not {value!r}."
        )
    return int(value)


# Reverse proxies in front of the hub that add to X-Forwarded-For: 1 for a load
# balancer, 2 for a CDN in front of one. Per-IP limits (sign-in links, admin
# login) then count the address the outermost proxy saw; 0 (the default) uses
# the connection's own address. Too low and everyone shares the proxy's limit;
# too high and clients can forge their address.
HUB_TRUSTED_PROXY_COUNT = _env_count("HUB_TRUSTED_PROXY_COUNT")

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
}


def _env_flag(name: str, default: str = "true") -> bool:
    return os.environ.get(name, default).strip().lower() in {"true", "1", "yes"}


# HTTPS only by default; a deployment behind a proxy that already redirects can
# turn the redirect off, and HSTS can be shortened while trying HTTPS out.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = _env_flag("SECURE_SSL_REDIRECT")
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
# Opt-in: the hub usually lives on a company domain whose other hosts it can't
# vouch for (includeSubDomains would force HTTPS on all of them), and preload
# puts the domain on browsers' built-in lists, which takes months to undo.
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_flag("SECURE_HSTS_INCLUDE_SUBDOMAINS", "false")
SECURE_HSTS_PRELOAD = _env_flag("SECURE_HSTS_PRELOAD", "false")
# So the deploy checks don't warn about that deliberate default (W005: no
# includeSubDomains, W021: no preload).
SILENCED_SYSTEM_CHECKS = ["security.W005", "security.W021"]
SESSION_COOKIE_SECURE = _env_flag("SESSION_COOKIE_SECURE")
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "hub.mail.SmtpEmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "false") == "true"
EMAIL_USE_SSL = os.environ.get("EMAIL_USE_SSL", "false") == "true"
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Learning Hub <hub@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Email service providers through django-anymail (pip install -e ".[anymail]"):
# set EMAIL_BACKEND to e.g. anymail.backends.postmark.EmailBackend and pass the
# provider's settings as ANYMAIL_<NAME> variables, e.g. ANYMAIL_POSTMARK_SERVER_TOKEN.
ANYMAIL = {
    key.removeprefix("ANYMAIL_"): value
    for key, value in os.environ.items()
    if key.startswith("ANYMAIL_")
}
if EMAIL_BACKEND.startswith("anymail."):
    INSTALLED_APPS = [*INSTALLED_APPS, "anymail"]  # noqa: F405
