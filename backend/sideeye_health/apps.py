"""The app configuration: starts the parent watchdog and checks the settings at startup."""
import os

from django.apps import AppConfig
from django.conf import settings


class SideEyeHealthConfig(AppConfig):
    """``sideeye_health``: health contract, API token, JSON API errors, parent watchdog."""

    name = "sideeye_health"
    verbose_name = "SideEye health"

    def ready(self):
        from . import conf, watchdog

        # First, so that even a startup that hangs later ends with its manager.
        watchdog.start_watchdog()
        conf.health_settings()  # a mistake in SIDEEYE_HEALTH stops the startup with its reason
        _create_sqlite_files_private()


def _create_sqlite_files_private():
    # SQLite creates a database 0644 (and its journal and WAL files with the database's mode):
    # an empty file created 0600 first is taken as a new database and keeps the data to this user.
    for db in getattr(settings, "DATABASES", {}).values():
        name = str(db.get("NAME") or "")
        if "sqlite" not in str(db.get("ENGINE", "")) or not name or name == ":memory:" or name.startswith("file:"):
            continue
        try:
            os.close(os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0), 0o600))
        except OSError:
            pass  # it exists, or its folder is missing (SQLite then says so, naming the path)
