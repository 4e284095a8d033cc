"""Settings shared by every environment of the learning hub.

Environment-specific modules (``dev``, ``production``, ``test``) import everything
from here and override what differs. Anything secret or deployment-specific is read
from the environment in ``production``.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF

BASE_DIR = Path(__file__).resolve().parent.parent.parent
# Everything the hub writes at run time (SQLite, uploads, outbox) lives under var/,
# which git ignores.
VAR_DIR = Path(os.environ.get("HUB_VAR_DIR", BASE_DIR / "var"))

INSTALLED_APPS = [
    "hub",
    "home",
    "content_blocks",
    "boosters",
    "community",
    "live_sessions",
    "search",
    "demo",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.typed_table_block",
    # Content translation (P12): "Translate this page", sync, the translation
    # editor, and locale management (in place of wagtail.locales).
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "wagtail_modeladmin",
    "wagtailmedia",
    "modelcluster",
    "taggit",
    "django_q",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "axes",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Before anything reads the database with what the request sent.
    "hub.middleware.NulByteRefuseMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Outside the page cache, so a stored page gets the header too.
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language of a learner-facing URL's prefix (/pt-br/, /es/; none is
    # English), before anything renders.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # After sessions, CSRF and auth: it tells learners from editors and puts a
    # learner's own account links into a stored page (hub/page_cache.py).
    "hub.middleware.ReaderPageCacheMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "hub.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "hub" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "hub.context_processors.hub_navigation",
                "boosters.learners.context_processors.hub_learner",
            ],
        },
    },
]

WSGI_APPLICATION = "hub.wsgi.application"


def database_config(url: str | None) -> dict:
    """Return the default database: ``url`` if given, else SQLite under ``var/``.

    SQLite is tuned for the web server and the django-q2 cluster writing at once:
    WAL lets readers and one writer work together, IMMEDIATE transactions take the
    write lock up front (so two writers queue instead of failing mid-transaction),
    and the busy timeout makes them wait for each other rather than error.
    """
    if url:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    else:
        config = {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "db.sqlite3",
        }
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        config["OPTIONS"] = {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL;"
                "PRAGMA synchronous=NORMAL;"
                "PRAGMA foreign_keys=ON;"
            ),
        }
    return config


DATABASES = {"default": database_config(os.environ.get("DATABASE_URL"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Editors sign in to the admin with a password (learners use emailed links and
# never authenticate here). django-axes checks for a lockout first.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Admin login throttling: 5 wrong passwords lock that username from that address
# for 15 minutes. Username and address together, so a company behind one proxy
# or NAT isn't locked out by one person, and nobody can lock an editor out from
# elsewhere. The address is the one per-IP limits use (HUB_TRUSTED_PROXY_COUNT).
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "boosters.learners.sign_in.client_ip_address"
AXES_LOCKOUT_TEMPLATE = "hub/admin_lockout.html"
# Reverse proxies in front of the hub; production.py reads it from the environment.
HUB_TRUSTED_PROXY_COUNT = 0

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
# The languages the hub speaks to learners and managers (P12): English by
# default, Brazilian Portuguese and Spanish for the regional offices.
LANGUAGES = [
    ("en", "English"),
    ("pt-br", "Português (Brasil)"),
    ("es", "Español"),
]
TIME_ZONE = "UTC"
USE_I18N = True
# The interface's translations (makemessages -l pt_BR -l es; make install
# compiles them) and the hub's English date formats.
LOCALE_PATHS = [BASE_DIR / "locale"]
FORMAT_MODULE_PATH = ["hub.formats"]
# Pages are translated per locale (wagtail-localize); a page's translations
# share its translation key. Content languages are the hub's languages.
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
USE_TZ = True

STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    "django.contrib.staticfiles.finders.AppDirectoriesFinder",
]
STATICFILES_DIRS = [BASE_DIR / "hub" / "static"]
STATIC_ROOT = VAR_DIR / "static"
STATIC_URL = "/static/"
# Files served at the site root by WhiteNoise: /favicon.ico, which browsers and
# feed readers fetch by that name whatever a page links.
WHITENOISE_ROOT = BASE_DIR / "hub" / "public"
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage",
    },
}
# Screencasts are uploaded through the admin; allow files up to 200 MB.
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Wagtail
WAGTAIL_SITE_NAME = "Learning Hub"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {
    # The database backend picks SQLite FTS5 or PostgreSQL full-text search by itself.
    "default": {"BACKEND": "wagtail.search.backends.database"},
}
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "csv", "txt", "vtt"]
# Screencast captions are WebVTT documents, loaded by the player as a <track>.
WAGTAILDOCS_CONTENT_TYPES = {"vtt": "text/vtt"}
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf", "text/plain", "text/vtt"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILMEDIA = {
    "MEDIA_MODEL": "wagtailmedia.Media",
    "AUDIO_EXTENSIONS": ["mp3", "m4a", "ogg", "wav"],
    "VIDEO_EXTENSIONS": ["mp4", "webm", "m4v", "mov"],
}
TAGGIT_CASE_INSENSITIVE = True

# django-q2: the ORM broker keeps the embedded default service-free; REDIS_URL
# switches to Redis for several clusters on several hosts.
Q_CLUSTER = {
    "name": "hub",
    "workers": int(os.environ.get("Q_WORKERS", "2")),
    "timeout": 240,
    "retry": 300,
    "max_attempts": 1,
    "catch_up": False,
    "save_limit": 500,
    "label": "Task queue",
}
if os.environ.get("REDIS_URL"):
    Q_CLUSTER["redis"] = os.environ["REDIS_URL"]
else:
    Q_CLUSTER["orm"] = "default"
    Q_CLUSTER["poll"] = 1

# Content-Security-Policy (django-csp 4). The hub's own pages use no inline
# script or style (scripts and styles are static files; bars are SVG), so the
# policy needs no nonce, which suits the page cache: a stored page can't carry
# a per-response nonce. The Wagtail and Django admins rely on inline scripts
# and styles of their own, so they are left out of the policy rather than
# weakening it for every page; they sit behind a login. Embeds (the embed
# block) may frame the video providers editors use.
CONTENT_SECURITY_POLICY = {
    "EXCLUDE_URL_PREFIXES": ["/admin/", "/django-admin/"],
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "media-src": [SELF],
        "frame-src": [
            SELF,
            "https://www.youtube.com",
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
        ],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [SELF],
    },
}

# Whole pages for readers without a session (hub/page_cache.py). Every web
# process and the scheduler (which publishes scheduled pages, and so must
# invalidate) share it: files under var/ on one machine, Redis with REDIS_URL.
HUB_PAGE_CACHE_SECONDS = int(os.environ.get("HUB_PAGE_CACHE_SECONDS", "300"))
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "pages": {
        # Django's file cache, without listing the folder on every store.
        "BACKEND": "hub.page_cache.PageFileCache",
        "LOCATION": str(VAR_DIR / "cache" / "pages"),
        "TIMEOUT": HUB_PAGE_CACHE_SECONDS,
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}
if os.environ.get("REDIS_URL"):
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "KEY_PREFIX": "hub-pages",
        "TIMEOUT": HUB_PAGE_CACHE_SECONDS,
    }

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}
