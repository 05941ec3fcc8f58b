"""The migration lock cannot be planted or redirected by another user."""
import os
import stat
import tempfile
import unittest
from unittest import mock

from django.test import SimpleTestCase

from sideeye_health import automigrate
from sideeye_health.filelock import exclusive_lock, private_lock_dir


class _Connection:
    vendor = "postgresql"
    settings_dict = {"ENGINE": "django.db.backends.postgresql", "HOST": "db", "PORT": "5432", "NAME": "app"}


@unittest.skipIf(os.name == "nt", "POSIX permissions and symlinks")
class LockFileTests(SimpleTestCase):
    def setUp(self):
        self.base = tempfile.mkdtemp(prefix="sideeye-locktest-")
        self.addCleanup(_remove_tree, self.base)

    def test_a_server_database_lock_lives_in_a_private_folder_of_this_user(self):
        with mock.patch.dict(os.environ, {"XDG_RUNTIME_DIR": ""}), \
                mock.patch.object(tempfile, "gettempdir", return_value=self.base):
            path = automigrate._lock_path(_Connection())
        folder = os.path.dirname(path)
        self.assertNotEqual(os.path.realpath(folder), os.path.realpath(self.base))
        info = os.lstat(folder)
        self.assertTrue(stat.S_ISDIR(info.st_mode))
        self.assertEqual(info.st_uid, os.getuid())
        self.assertEqual(stat.S_IMODE(info.st_mode), 0o700)

    def test_the_runtime_dir_is_used_when_there_is_one(self):
        runtime = os.path.join(self.base, "run")
        os.mkdir(runtime, 0o700)
        with mock.patch.dict(os.environ, {"XDG_RUNTIME_DIR": runtime}):
            self.assertEqual(os.path.dirname(private_lock_dir()), runtime)

    def test_a_folder_planted_by_someone_else_or_open_to_others_is_refused(self):
        planted = os.path.join(self.base, "sideeye-%d" % os.getuid())
        os.mkdir(planted, 0o777)
        os.chmod(planted, 0o777)
        with mock.patch.dict(os.environ, {"XDG_RUNTIME_DIR": ""}), \
                mock.patch.object(tempfile, "gettempdir", return_value=self.base):
            with self.assertRaisesRegex(OSError, "sideeye-%d" % os.getuid()):
                private_lock_dir()

    def test_a_symlink_in_place_of_the_lock_is_never_followed(self):
        victim = os.path.join(self.base, "victim")
        with open(victim, "w") as f:
            f.write("precious")
        os.chmod(victim, 0o644)
        link = os.path.join(self.base, "app.migrate-lock")
        os.symlink(victim, link)
        with self.assertRaises(OSError):
            with exclusive_lock(link):
                pass
        with open(victim) as f:
            self.assertEqual(f.read(), "precious")
        self.assertEqual(stat.S_IMODE(os.stat(victim).st_mode), 0o644)

    def test_the_lock_is_created_for_this_user_only_and_reused(self):
        path = os.path.join(self.base, "app.migrate-lock")
        with exclusive_lock(path):
            pass
        self.assertEqual(stat.S_IMODE(os.lstat(path).st_mode), 0o600)
        with exclusive_lock(path):
            pass


def _remove_tree(path):
    import shutil
    shutil.rmtree(path, ignore_errors=True)
