"""Applying pending migrations when the server starts, so that a fresh data directory works.

Call :func:`migrate_on_startup` from the project's ``wsgi.py``/``asgi.py`` after Django is set
up (``manage.py runserver`` gets it through this app's ``runserver`` command). It does
something only when ``SIDEEYE_AUTO_MIGRATE`` is true, and at most once per process.

It is cheap when there is nothing to do: one query of the ``django_migrations`` table compared
with the names of the migration files, without loading Django's migration framework. Only
when a migration is missing does it take an exclusive lock beside the database (so servers
started at the same moment, e.g. several gunicorn workers, migrate one after the other), look
again, and run ``migrate`` as the management command would.
"""
from __future__ import annotations

import asyncio
import hashlib
import logging
import os
import pkgutil
import threading
from importlib import import_module
from typing import Set, Tuple

from django.apps import apps
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

from .conf import auto_migrate
from .filelock import exclusive_lock, private_lock_dir

log = logging.getLogger(__name__)

_done = False
_once = threading.Lock()


class MigrationFailed(RuntimeError):
    """Applying migrations at startup failed; the message says to what and what to do."""


def migrate_on_startup() -> None:
    """Applies pending migrations of the default database if ``SIDEEYE_AUTO_MIGRATE`` is on."""
    global _done
    if not auto_migrate():
        return
    with _once:
        if _done:
            return
        _outside_event_loop(apply_pending_migrations)
        _done = True


def _outside_event_loop(func):
    # ASGI servers (uvicorn) import the application inside a running event loop, where Django
    # refuses database work; there it runs on a short-lived thread of its own.
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return func()
    outcome = {}

    def run():
        try:
            outcome["value"] = func()
        except BaseException as exc:
            outcome["error"] = exc
        finally:
            connections.close_all()

    worker = threading.Thread(target=run, name="sideeye-startup-migrations")
    worker.start()
    worker.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def apply_pending_migrations(alias: str = DEFAULT_DB_ALIAS) -> Set[Tuple[str, str]]:
    """Applies the migrations not yet recorded in database ``alias``; returns those applied."""
    connection = connections[alias]
    if not pending_migrations(connection):
        return set()
    where = _describe(connection)
    try:
        with exclusive_lock(_lock_path(connection)):
            before = pending_migrations(connection)
            if not before:
                return set()  # another process did it while we waited
            from django.core.management import call_command  # only now: it costs import time

            call_command("migrate", database=alias, interactive=False, verbosity=0)
            applied = before - pending_migrations(connection)
    except Exception as exc:
        raise MigrationFailed(
            "Applying migrations to %s failed: %s: %s. Run 'python manage.py migrate' to see "
            "the details; if the data does not matter, remove the database file or point "
            "SIDEEYE_DATA_DIR elsewhere" % (where, type(exc).__name__, exc)) from exc
    if applied:
        log.info("applied %d migration(s) to %s: %s", len(applied), where,
                 ", ".join("%s.%s" % key for key in sorted(applied)))
    return applied


def pending_migrations(connection) -> Set[Tuple[str, str]]:
    """(app label, name) of each migration file not recorded as applied in ``connection``.

    Conservative: a squashed migration whose originals were applied counts as pending
    until ``migrate`` records it, which costs one extra ``migrate`` run, never a missed one.
    """
    on_disk = _migration_files()
    if not on_disk:
        return set()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT app, name FROM django_migrations")
            applied = {(app, name) for app, name in cursor.fetchall()}
    except DatabaseError:  # no such table yet: a fresh database
        return on_disk
    return on_disk - applied


def _migration_files() -> Set[Tuple[str, str]]:
    found = set()
    modules = getattr(settings, "MIGRATION_MODULES", {}) or {}
    for app_config in apps.get_app_configs():
        module_name = modules.get(app_config.label, "%s.migrations" % app_config.name)
        if module_name is None:
            continue
        try:
            package = import_module(module_name)
        except ImportError:
            continue
        for info in pkgutil.iter_modules(getattr(package, "__path__", [])):
            if not info.ispkg and not info.name.startswith(("_", "~")):
                found.add((app_config.label, info.name))
    return found


def _lock_path(connection) -> str:
    name = str(connection.settings_dict.get("NAME") or "")
    if connection.vendor == "sqlite" and name and not _in_memory(name):
        return name + ".migrate-lock"
    key = "|".join(str(connection.settings_dict.get(k) or "") for k in ("ENGINE", "HOST", "PORT", "NAME"))
    digest = hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]
    return os.path.join(private_lock_dir(), "sideeye-migrate-%s.lock" % digest)


def _in_memory(name: str) -> bool:
    return name == ":memory:" or "mode=memory" in name


def _describe(connection) -> str:
    name = connection.settings_dict.get("NAME")
    return "the %s database %s" % (connection.vendor, name) if name else "database %r" % connection.alias
