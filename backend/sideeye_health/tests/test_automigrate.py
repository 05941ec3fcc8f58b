"""Migrations applied when the server loads: a fresh data dir works, concurrent starts are safe,
and an up-to-date database costs one query, not the migration framework."""
import os
import sqlite3
import stat
import subprocess
import unittest

from django.db import connection
from django.test import SimpleTestCase, TestCase

from sideeye_health.automigrate import pending_migrations

from .support import child_env, spawn, temp_data_dir

LOAD_ASGI_IN_EVENT_LOOP = ("import asyncio\n"
                           "async def main():\n"
                           "    import sideeye_backend.asgi\n"
                           "asyncio.run(main())")
LOAD_APP = ("import sys, sideeye_backend.wsgi; "
            "print('framework loaded' if 'django.db.migrations.executor' in sys.modules else 'lean')")


class StartupMigrationTests(SimpleTestCase):
    def load_app(self, data_dir, code=LOAD_APP, **env):
        return spawn(self, ["-c", code], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                     stderr=subprocess.PIPE, text=True, env=child_env(SIDEEYE_DATA_DIR=data_dir, **env))

    def finish(self, proc):
        out, err = proc.communicate(timeout=120)
        self.assertEqual(proc.returncode, 0, err)
        return out.strip(), err

    def recorded(self, data_dir):
        with sqlite3.connect(os.path.join(data_dir, "sideeye.sqlite3")) as db:
            return db.execute("SELECT app, name FROM django_migrations WHERE app = 'notes'").fetchall()

    def test_a_fresh_data_dir_is_migrated_once_and_then_costs_no_migration_framework(self):
        data_dir = temp_data_dir(self)

        out, err = self.finish(self.load_app(data_dir))
        self.assertIn("applied 1 migration(s) to the sqlite database %s: notes.0001_initial"
                      % os.path.join(os.path.realpath(data_dir), "sideeye.sqlite3"), err)
        self.assertEqual(self.recorded(data_dir), [("notes", "0001_initial")])

        out, err = self.finish(self.load_app(data_dir))
        self.assertEqual(out, "lean")
        self.assertNotIn("applied", err)

    @unittest.skipIf(os.name == "nt", "POSIX permissions")
    def test_the_data_folder_and_database_are_for_this_user_only(self):
        data_dir = os.path.join(temp_data_dir(self), "data")
        code = "import os; os.umask(0o022); " + LOAD_APP  # the usual umask: 0755 folders, 0644 files

        self.finish(self.load_app(data_dir, code))

        self.assertEqual(stat.S_IMODE(os.stat(data_dir).st_mode), 0o700)
        for name in os.listdir(data_dir):
            self.assertEqual(stat.S_IMODE(os.stat(os.path.join(data_dir, name)).st_mode) & 0o077, 0, name)
        self.assertEqual(stat.S_IMODE(os.stat(os.path.join(data_dir, "sideeye.sqlite3")).st_mode), 0o600)

    def test_asgi_servers_that_load_the_app_inside_an_event_loop_get_it_migrated(self):
        data_dir = temp_data_dir(self)
        _, err = self.finish(self.load_app(data_dir, LOAD_ASGI_IN_EVENT_LOOP))
        self.assertIn("applied 1 migration(s)", err)
        self.assertEqual(self.recorded(data_dir), [("notes", "0001_initial")])

    def test_servers_starting_together_migrate_exactly_once(self):
        data_dir = temp_data_dir(self)
        procs = [self.load_app(data_dir) for _ in range(4)]

        logs = [self.finish(proc)[1] for proc in procs]

        self.assertEqual(sum("applied 1 migration(s)" in log for log in logs), 1, logs)
        self.assertEqual(self.recorded(data_dir), [("notes", "0001_initial")])

    def test_auto_migrate_can_be_switched_off(self):
        data_dir = temp_data_dir(self)
        self.finish(self.load_app(data_dir, SIDEEYE_AUTO_MIGRATE="0"))
        with sqlite3.connect(os.path.join(data_dir, "sideeye.sqlite3")) as db:
            tables = db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
        self.assertEqual(tables, [])

    def test_a_failing_migration_stops_the_startup_with_the_reason_and_a_remedy(self):
        data_dir = temp_data_dir(self)
        with sqlite3.connect(os.path.join(data_dir, "sideeye.sqlite3")) as db:
            db.execute("CREATE TABLE notes_note (id INTEGER PRIMARY KEY)")
        proc = self.load_app(data_dir)
        _, err = proc.communicate(timeout=120)

        self.assertNotEqual(proc.returncode, 0)
        self.assertIn("MigrationFailed: Applying migrations to the sqlite database", err)
        self.assertIn("OperationalError: table \"notes_note\" already exists. Run 'python manage.py migrate'", err)


class PendingMigrationsTests(TestCase):
    def test_the_test_database_has_nothing_pending(self):
        self.assertEqual(pending_migrations(connection), set())

    def test_a_missing_record_is_pending(self):
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM django_migrations WHERE app = 'notes'")
        self.assertEqual(pending_migrations(connection), {("notes", "0001_initial")})
