"""Settings of the SideEye reference backend, driven by the environment.

Environment variables:

- ``SIDEEYE_DEBUG``: ``1``/``true``/``yes``/``on`` turns Django's debug mode on (default off).
  API errors stay JSON either way.
- ``SIDEEYE_SECRET_KEY``: Django's secret key. When unset, a random key is made at each
  launch; nothing here signs data that must outlive a process, so that is safe.
- ``SIDEEYE_DATA_DIR``: directory of the SQLite database ``sideeye.sqlite3`` (default
  ``backend/data/``). Created 0700 when missing; the database file is created 0600.
- ``SIDEEYE_AUTO_MIGRATE``: ``0`` to stop applying migrations at startup (default on).
- ``SIDEEYE_API_TOKEN``, ``SIDEEYE_INSTANCE_ID``, ``SIDEEYE_PARENT_PID``, ``SIDEEYE_WATCHDOG``:
  read by the ``sideeye_health`` app; see docs/BACKEND.md.
"""
import os
import secrets
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent


def _env_flag(name, default):
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ImproperlyConfigured(
        "%s=%r is not a yes/no value; use 1 or 0 (or true/false, yes/no, on/off)" % (name, value)
    )


def _data_dir():
    raw = os.environ.get("SIDEEYE_DATA_DIR", "").strip()
    path = Path(raw).expanduser() if raw else BASE_DIR / "data"
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)  # the data is this user's only
    except OSError as exc:
        raise ImproperlyConfigured(
            "The data directory %s cannot be created (%s); set SIDEEYE_DATA_DIR to a writable "
            "directory" % (path, exc.strerror or exc)
        ) from exc
    return path.resolve()


DEBUG = _env_flag("SIDEEYE_DEBUG", False)
SECRET_KEY = os.environ.get("SIDEEYE_SECRET_KEY") or secrets.token_urlsafe(50)
DATA_DIR = _data_dir()

# Loopback names only: the backend serves the process that manages it, nothing else.
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]

INSTALLED_APPS = [
    "sideeye_health",
    "notes",
]

MIDDLEWARE = [
    "sideeye_health.middleware.JsonApiErrorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.common.CommonMiddleware",
    "sideeye_health.middleware.ApiTokenMiddleware",
]

ROOT_URLCONF = "sideeye_backend.urls"
WSGI_APPLICATION = "sideeye_backend.wsgi.application"
TEST_RUNNER = "sideeye_backend.test_runner.BackendTestRunner"
# The API routes accept paths with and without the trailing slash themselves; a redirect
# would drop the body of a POST.
APPEND_SLASH = False
TEMPLATES = []

DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(DATA_DIR / "sideeye.sqlite3"),
        # Keep each server thread's connection: the health check runs every few
        # milliseconds during startup and should not reopen the file each time.
        "CONN_MAX_AGE": None,
        "OPTIONS": {"timeout": 20},
    }
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

USE_TZ = True
TIME_ZONE = "UTC"
USE_I18N = False

SIDEEYE_AUTO_MIGRATE = _env_flag("SIDEEYE_AUTO_MIGRATE", True)
SIDEEYE_HEALTH = {
    "SERVICE": "SideEye Django Backend",
    "VERSION": "1.0.0",
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "quiet_health_polls": {"()": "sideeye_health.logfilters.QuietHealthPolls"},
    },
    "formatters": {
        "plain": {"format": "%(levelname)s %(name)s: %(message)s"},
        "server": {"format": "%(message)s"},
    },
    "handlers": {
        "stderr": {"class": "logging.StreamHandler", "formatter": "plain"},
        "server": {
            "class": "logging.StreamHandler",
            "formatter": "server",
            "filters": ["quiet_health_polls"],
        },
    },
    "loggers": {
        # Errors (with tracebacks) go to stderr whatever DEBUG says; the manager keeps them.
        "django": {"handlers": ["stderr"], "level": "INFO" if DEBUG else "WARNING", "propagate": False},
        "django.server": {"handlers": ["server"], "level": "INFO", "propagate": False},
        "sideeye_health": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
        "notes": {"handlers": ["stderr"], "level": "INFO", "propagate": False},
    },
}
