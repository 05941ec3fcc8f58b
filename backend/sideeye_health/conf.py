"""The app's settings, read from the Django settings with defaults and checked once.

``SIDEEYE_HEALTH`` (a dict, every key optional)::

    SIDEEYE_HEALTH = {
        "SERVICE": "SideEye Django Backend",   # "service" in the health answer
        "VERSION": "1.0.0",                    # "version" in the health answer
        "DATABASES": ["default"],              # aliases checked with SELECT 1 ([] for none)
        "DEFAULT_BUDGET_MS": 1000,             # time budget of a custom check without its own
        "CHECKS": {                            # custom checks, by name, in answer order
            "cache": "myproject.health.cache_works",
            "disk": {"CALLABLE": "myproject.health.disk_has_room", "BUDGET_MS": 200},
        },
    }

``SIDEEYE_API_PREFIX`` (default ``"/api/"``): the paths the token and JSON-error middleware
guard. ``SIDEEYE_AUTO_MIGRATE`` (default ``False``): apply pending migrations at startup.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Optional, Tuple

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.utils.module_loading import import_string

_HEALTH_KEYS = ("SERVICE", "VERSION", "DATABASES", "DEFAULT_BUDGET_MS", "CHECKS")
_CHECK_KEYS = ("CALLABLE", "BUDGET_MS")


@dataclass(frozen=True)
class CustomCheck:
    """A custom health check: its name, the callable and its time budget."""

    name: str
    path: str
    func: Callable[[], object]
    budget_ms: float


@dataclass(frozen=True)
class HealthSettings:
    """The checked contents of ``SIDEEYE_HEALTH``."""

    service: str
    version: str
    database_aliases: Tuple[str, ...]
    checks: Tuple[CustomCheck, ...]


_health: Optional[HealthSettings] = None


def health_settings() -> HealthSettings:
    """``SIDEEYE_HEALTH`` checked and with its callables imported (cached until it changes)."""
    global _health
    if _health is None:
        _health = _read_health(getattr(settings, "SIDEEYE_HEALTH", None) or {})
    return _health


def api_prefix() -> str:
    """The path prefix of the API (``SIDEEYE_API_PREFIX``, default ``/api/``)."""
    return getattr(settings, "SIDEEYE_API_PREFIX", "/api/")


def auto_migrate() -> bool:
    """Whether pending migrations are applied at startup (``SIDEEYE_AUTO_MIGRATE``)."""
    return bool(getattr(settings, "SIDEEYE_AUTO_MIGRATE", False))


@receiver(setting_changed)
def _forget_on_change(setting, **kwargs):
    global _health
    if setting == "SIDEEYE_HEALTH":
        _health = None


def _read_health(raw) -> HealthSettings:
    if not isinstance(raw, dict):
        _fail("SIDEEYE_HEALTH must be a dict, not %s" % type(raw).__name__)
    _reject_unknown("SIDEEYE_HEALTH", raw, _HEALTH_KEYS)
    aliases = tuple(raw.get("DATABASES", ["default"]))
    for alias in aliases:
        if alias not in settings.DATABASES:
            _fail("SIDEEYE_HEALTH['DATABASES'] names %r, which is not in DATABASES (%s)"
                  % (alias, ", ".join(settings.DATABASES)))
    default_budget = _budget("SIDEEYE_HEALTH['DEFAULT_BUDGET_MS']", raw.get("DEFAULT_BUDGET_MS", 1000))
    taken = {database_check_name(alias) for alias in aliases}
    checks = []
    for name, spec in (raw.get("CHECKS") or {}).items():
        if not isinstance(name, str) or not name or name in taken:
            _fail("SIDEEYE_HEALTH['CHECKS'] has the name %r, which is empty or already taken by %s"
                  % (name, ", ".join(sorted(taken))))
        checks.append(_read_check(name, spec, default_budget))
        taken.add(name)
    return HealthSettings(
        service=str(raw.get("SERVICE", "SideEye Django Backend")),
        version=str(raw.get("VERSION", "1.0.0")),
        database_aliases=aliases,
        checks=tuple(checks),
    )


def database_check_name(alias: str) -> str:
    """The name under which the database ``alias`` is reported: ``database`` for the default."""
    return "database" if alias == "default" else "database:%s" % alias


def _read_check(name, spec, default_budget) -> CustomCheck:
    where = "SIDEEYE_HEALTH['CHECKS'][%r]" % name
    if isinstance(spec, str):
        spec = {"CALLABLE": spec}
    if not isinstance(spec, dict):
        _fail("%s must be a dotted path or a dict with CALLABLE and BUDGET_MS" % where)
    _reject_unknown(where, spec, _CHECK_KEYS)
    path = spec.get("CALLABLE")
    if not isinstance(path, str) or not path:
        _fail("%s needs CALLABLE, the dotted path of a function taking no arguments" % where)
    try:
        func = import_string(path)
    except ImportError as exc:
        _fail("%s: %r cannot be imported (%s); give the dotted path of a function taking no "
              "arguments" % (where, path, exc))
    if not callable(func):
        _fail("%s: %r is a %s, not a callable" % (where, path, type(func).__name__))
    budget = _budget(where + "['BUDGET_MS']", spec.get("BUDGET_MS", default_budget))
    return CustomCheck(name, path, func, budget)


def _budget(where, value) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        _fail("%s must be a positive number of milliseconds, not %r" % (where, value))
    return float(value)


def _reject_unknown(where, mapping, valid):
    unknown = [key for key in mapping if key not in valid]
    if unknown:
        _fail("%s has unknown key(s) %s; valid keys: %s"
              % (where, ", ".join(map(repr, unknown)), ", ".join(valid)))


def _fail(message):
    raise ImproperlyConfigured(message)
