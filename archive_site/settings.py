"""Settings for Clipping Archive.

Everything that differs between a laptop and a server comes from the environment, and only
through ``ENVIRONMENT`` below: each variable it reads, how, and its value when unset. Nothing
else in the project reads ``os.environ``.

With debugging off, every server error (a 500) is logged with its request path and traceback
to standard error, which gunicorn keeps as its error log. With debugging on, Django's own
console logging prints it, once.

Production is debugging off with a secret key of its own (``DJANGO_SECRET_KEY``): then the site
redirects to HTTPS, sends secure cookies and HSTS, and serves hashed, compressed static files.
The WSGI and ASGI entry points load ``archive_site.server_settings``, these settings plus one
rule: with debugging off they refuse to load on the development key. ``manage.py check
--deploy`` reports that key as an error.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_HASHES
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

DEVELOPMENT_SECRET_KEY = "django-insecure-clipping-archive-development-only"
DEVELOPMENT_KEY_MESSAGE = (
    "DJANGO_SECRET_KEY is not set: the site would run with the development-only secret key, "
    "which is published in the source code. Set DJANGO_SECRET_KEY to a long random value, "
    'e.g. python3 -c "import secrets; print(secrets.token_urlsafe(50))".'
)


def yes_or_no(text):
    value = text.strip().lower()
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ValueError("1 or 0 (true/false)")


def comma_separated(text):
    return [item.strip() for item in text.split(",") if item.strip()]


def redis_url(text):
    if not text.strip().startswith(("redis://", "rediss://", "unix://")):
        raise ValueError("a redis://, rediss:// or unix:// URL")
    return text.strip()


def whole_number(text):
    if not text.strip().isdecimal():
        raise ValueError("a whole number")
    return int(text)


#: Every environment variable the settings read: how its text is read, and its value when it
#: is unset or blank. README.md's "Settings" section says what each one does.
ENVIRONMENT = {
    "DATABASE_URL": (str, f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
    "DJANGO_SECRET_KEY": (str, DEVELOPMENT_SECRET_KEY),
    "DJANGO_DEBUG": (yes_or_no, False),
    "DJANGO_ALLOWED_HOSTS": (comma_separated, ["localhost", "127.0.0.1", "[::1]"]),
    "DJANGO_HTTPS": (yes_or_no, None),  # unset: on in production, off otherwise
    "DJANGO_HSTS_SECONDS": (whole_number, 365 * 24 * 60 * 60),
    "REDIS_URL": (redis_url, ""),  # unset: each process keeps its own cache
}


def read_environment(declared, environ):
    """``{name: value}`` for each declared variable; a value that cannot be read stops here."""
    values = {}
    for name, (read, default) in declared.items():
        text = environ.get(name, "")
        if not text.strip():
            values[name] = default
            continue
        try:
            values[name] = read(text)
        except ValueError as error:
            raise ImproperlyConfigured(f"{name} must be {error}, not {text.strip()!r}.") from None
    return values


env = read_environment(ENVIRONMENT, os.environ)

SECRET_KEY = env["DJANGO_SECRET_KEY"]
DEBUG = env["DJANGO_DEBUG"]
ALLOWED_HOSTS = env["DJANGO_ALLOWED_HOSTS"]
# Tests and `make run` set no key: only a real server has one.
PRODUCTION = not DEBUG and SECRET_KEY != DEVELOPMENT_SECRET_KEY

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_filters",
    "csp",
    "axes",
    "archive_site.apps.ArchiveSiteConfig",
    "simple_history",
    "clippings",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout response.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "archive_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "clippings.context_processors.canonical_url",
            ],
        },
    },
]

WSGI_APPLICATION = "archive_site.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(env["DATABASE_URL"], conn_max_age=600, conn_health_checks=True)
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers go on while an editor saves; IMMEDIATE avoids "database is locked"
    # surprises when two writers meet. Connections are kept between requests, as on
    # PostgreSQL: opening the file again (its schema read, the pragmas run) would cost each
    # request several milliseconds, more than a page from the page cache costs in all.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
    )
elif DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # No JIT compilation: it pays off on long analytical queries, while a page's queries take
    # milliseconds and compiling them took longer (40 ms of the 86 ms of the speakers' page at
    # a million quotes).
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("options", "-c jit=off")

# Two caches. "pages", the page cache (clippings/views/caching.py): public pages as rendered
# since the archive's last change. "default": figures read over the whole archive that many
# pages show (clippings.changes.for_this_generation()), kept under the same change. In each
# process's memory by default; on Redis when several processes or servers share the work
# (REDIS_URL), so that a page rendered by one is served by all. Either way an edit makes every
# cached page and figure unreachable at once: they are kept under the archive's last change,
# which is read from the database. Those of older changes leave when the cache is full, or
# after a day.
PAGE_CACHE_SECONDS = 24 * 60 * 60
if env["REDIS_URL"]:
    CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env["REDIS_URL"],
            "TIMEOUT": PAGE_CACHE_SECONDS,
            "KEY_PREFIX": prefix,
        }
        for alias, prefix in (("default", "clippings"), ("pages", "clippings-pages"))
    }
else:
    CACHES = {
        alias: {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": location,
            "TIMEOUT": PAGE_CACHE_SECONDS,
            "OPTIONS": {"MAX_ENTRIES": 1000},
        }
        for alias, location in (("default", "clippings"), ("pages", "clippings-pages"))
    }

DATABASE_ROUTERS = ["clippings.routers.SearchIndexRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# django-axes first: it refuses a locked-out login before any password is checked.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
# In production WhiteNoise serves the files `collectstatic` wrote: names carry a content hash
# (cached for ever) and each has gzip and Brotli copies. Elsewhere (tests, `make run`) files
# are found where they lie, with no manifest to build first.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = WHITENOISE_AUTOREFRESH = not PRODUCTION

FIXTURE_DIRS = [BASE_DIR / "fixtures"]

# Clipping from a web address (clippings/capture/fetch.py). The server fetches the page itself,
# so it refuses what it should never reach: anything but http and https, and any address on
# loopback, private, link-local, multicast or reserved networks, checked after the host name is
# resolved and before connecting. CAPTURE_ALLOW_LOOPBACK lets loopback through, for tests that
# serve pages from 127.0.0.1; never on a server. A page is read for at most
# CAPTURE_TIMEOUT_SECONDS per connection or read, CAPTURE_DEADLINE_SECONDS in all (redirects
# included), and no further than CAPTURE_MAX_BYTES. Re-checking sends one request per site
# every CAPTURE_SECONDS_BETWEEN_REQUESTS at most.
CAPTURE_ALLOW_LOOPBACK = False
CAPTURE_USER_AGENT = (
    "ClippingArchive/0.1 (keeps citable copies of news stories; one request per page, "
    "conditional re-checks)"
)
CAPTURE_TIMEOUT_SECONDS = 10
CAPTURE_DEADLINE_SECONDS = 30
CAPTURE_MAX_BYTES = 10 * 1024 * 1024
CAPTURE_MAX_REDIRECTS = 5
CAPTURE_SECONDS_BETWEEN_REQUESTS = 5

# Security. Login throttling (django-axes): five wrong passwords for one user name from one
# address lock that pair out for 15 minutes; a right password ends the count.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Lockouts are read and lifted with the axes_list_attempts and axes_reset_* commands; the admin
# lists only the archive's own records.
AXES_ENABLE_ADMIN = False

# Content-Security-Policy (django-csp): scripts, styles, images and fonts from this site only,
# no inline scripts or styles, no plugins, no framing. JSON-LD is a data block, not a script.
# One exception, pinned by its hash: django-simple-history's admin history page prints
# style="border-top: 0" (simple_history/object_history_list.html), and nothing else may.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "style-src-attr": [UNSAFE_HASHES, "'sha256-XMXSevYjgSjXgRafBFDvtjwX+yyWLrxfso9DcNZ9UXM='"],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# HTTPS, on by default in production. Behind a reverse proxy that terminates TLS, the proxy
# must set X-Forwarded-Proto (and overwrite any value the client sent).
HTTPS = PRODUCTION if env["DJANGO_HTTPS"] is None else env["DJANGO_HTTPS"]
if HTTPS:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env["DJANGO_HSTS_SECONDS"]
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Server errors. Django logs each 500 on the "django.request" logger, with its path and the
# exception, but only prints it while debugging; otherwise it mails ADMINS, of which there are
# none. So with debugging off, a 500 goes to standard error as well: gunicorn's error log.
# The handler writes to the process's own standard error (sys.__stderr__), whatever replaces
# sys.stderr later; its time format follows gunicorn's. Warnings (4xx) are not its business.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"require_debug_false": {"()": "django.utils.log.RequireDebugFalse"}},
    "formatters": {
        "server_error": {
            "format": "[{asctime}] [{process}] [{levelname}] {name}: {message}",
            "datefmt": "%Y-%m-%d %H:%M:%S %z",
            "style": "{",
        }
    },
    "handlers": {
        "server_errors": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.__stderr__",
            "level": "ERROR",
            "filters": ["require_debug_false"],
            "formatter": "server_error",
        }
    },
    # No level here: the logger keeps Django's, so while debugging it still passes warnings on
    # to Django's console handler.
    "loggers": {"django.request": {"handlers": ["server_errors"]}},
}
