"""The parent watchdog, on real child processes: stdin EOF, a dead parent, an intermediate parent."""
import os
import signal
import subprocess
import sys
import unittest
from unittest import mock

from django.test import SimpleTestCase

from sideeye_health import processes, watchdog

from .support import SUBJECTS, LineReader, child_env, spawn, wait_until_gone

# A bound on waiting, not a latency target: a process that exits by itself (within ~100 ms, the
# watchdog's poll) is gone long before it, while a process left behind still fails the test.
EXIT_WITHIN = 10.0
POSIX = os.name == "posix"
LINUX = sys.platform.startswith("linux")


class WatchdogExitTests(SimpleTestCase):
    def start_child(self, parent_pid, stdin, strategy="auto"):
        proc = spawn(self, [SUBJECTS, "child", strategy], stdin=stdin, stdout=subprocess.PIPE,
                     stderr=subprocess.PIPE, text=True, env=child_env(SIDEEYE_PARENT_PID=parent_pid))
        ready = LineReader(proc.stdout).wait_for("ready")
        return proc, ready

    def start_sleeper(self):
        return spawn(self, ["-c", "import threading; threading.Event().wait()"], stdin=subprocess.DEVNULL)

    def test_exits_within_a_second_when_stdin_reaches_eof(self):
        proc, ready = self.start_child(os.getpid(), subprocess.PIPE)
        self.assertIn("watching stdin and parent pid %d" % os.getpid(), ready)

        proc.stdin.close()

        self.assertEqual(proc.wait(timeout=EXIT_WITHIN), 0)
        self.assertIn("sideeye watchdog: stdin reached end-of-file", proc.stderr.read())

    def test_exits_within_a_second_when_the_parent_pid_disappears(self):
        self.assert_exits_after_parent_dies("auto")

    @unittest.skipUnless(POSIX, "the polling strategy is the POSIX fallback")
    def test_polling_strategy_also_exits_within_a_second_when_the_parent_dies(self):
        self.assert_exits_after_parent_dies("poll")

    def assert_exits_after_parent_dies(self, strategy):
        parent = self.start_sleeper()
        proc, ready = self.start_child(parent.pid, subprocess.DEVNULL, strategy)
        self.assertIn("watching parent pid %d" % parent.pid, ready)

        parent.kill()
        parent.wait()

        self.assertEqual(proc.wait(timeout=EXIT_WITHIN), 0)
        self.assertIn("the managing process %d (SIDEEYE_PARENT_PID) is gone" % parent.pid, proc.stderr.read())

    @unittest.skipUnless(LINUX, "zombies are recognised through /proc")
    def test_a_dead_but_unreaped_parent_counts_as_gone(self):
        for strategy in ("auto", "poll"):
            with self.subTest(strategy=strategy):
                parent = self.start_sleeper()
                proc, _ = self.start_child(parent.pid, subprocess.DEVNULL, strategy)

                os.kill(parent.pid, signal.SIGKILL)  # not reaped: it stays a zombie meanwhile

                self.assertEqual(proc.wait(timeout=EXIT_WITHIN), 0)
                parent.wait()

    def test_exits_at_once_when_the_parent_is_already_gone(self):
        parent = self.start_sleeper()
        parent.kill()
        parent.wait()
        proc = spawn(self, [SUBJECTS, "child"], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                     stderr=subprocess.PIPE, text=True, env=child_env(SIDEEYE_PARENT_PID=parent.pid))

        proc.wait(timeout=60)  # includes starting Python; the point is that it ends by itself
        self.assertIn("is gone", proc.stderr.read())

    @unittest.skipUnless(LINUX, "intermediate parents are found through /proc")
    def test_terminates_an_intermediate_parent_that_would_respawn_it(self):
        manager = spawn(self, [SUBJECTS, "manager", SUBJECTS, "respawner"], stdin=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                        stdout=subprocess.PIPE, text=True)
        lines = LineReader(manager.stdout)
        respawner_pid = int(lines.wait_for("respawner").split()[1])
        child_pid = int(lines.wait_for("ready").split()[1])
        for pid in (respawner_pid, child_pid):
            self.addCleanup(processes.terminate_if_same, processes.identify(pid), signal.SIGKILL)

        manager.kill()
        manager.wait()

        self.assertTrue(wait_until_gone(child_pid, EXIT_WITHIN), "the watched child outlived its manager")
        self.assertTrue(wait_until_gone(respawner_pid, EXIT_WITHIN), "the respawning parent was left behind")


class WatchdogConfigurationTests(SimpleTestCase):
    def configure(self, env, stdin_fd=None):
        read_end, write_end = os.pipe()
        self.addCleanup(os.close, read_end)
        self.addCleanup(os.close, write_end)
        fd = read_end if stdin_fd is None else stdin_fd
        return watchdog._configure(env, fd, lambda code: None, "auto")

    def test_off_when_no_parent_is_named(self):
        self.assertIsNone(self.configure({}))

    def test_off_when_switched_off_even_with_a_parent(self):
        self.assertIsNone(self.configure({"SIDEEYE_WATCHDOG": "0", "SIDEEYE_PARENT_PID": str(os.getpid())}))

    def test_watches_stdin_and_parent_when_a_parent_is_named(self):
        configured = self.configure({"SIDEEYE_PARENT_PID": str(os.getpid())})
        self.assertEqual(configured.describe(), "stdin and parent pid %d" % os.getpid())

    def test_forced_on_watches_a_piped_stdin_without_a_parent(self):
        self.assertEqual(self.configure({"SIDEEYE_WATCHDOG": "1"}).describe(), "stdin")

    def test_does_not_watch_a_stdin_that_is_not_a_pipe(self):
        with open(os.devnull, "rb") as devnull:
            configured = self.configure({"SIDEEYE_PARENT_PID": str(os.getpid())}, devnull.fileno())
        self.assertEqual(configured.describe(), "parent pid %d" % os.getpid())

    def test_an_invalid_parent_pid_is_reported_and_ignored(self):
        with mock.patch.object(watchdog, "_warn") as warn:
            configured = self.configure({"SIDEEYE_WATCHDOG": "1", "SIDEEYE_PARENT_PID": "abc"})
        self.assertEqual(configured.describe(), "stdin")
        warn.assert_called_once_with("SIDEEYE_PARENT_PID='abc' is not a process id; watching stdin only")

    def test_an_unknown_strategy_is_refused(self):
        with self.assertRaisesMessage(ValueError, "strategy must be 'auto' or 'poll', not 'fast'"):
            watchdog.start_watchdog(environ={}, strategy="fast")

    def test_the_watched_parent_is_identified_with_its_start_time_on_linux(self):
        identity = processes.identify(os.getpid())
        self.assertEqual(identity.pid, os.getpid())
        self.assertTrue(processes.is_alive(identity))
        if LINUX:
            self.assertIsNotNone(identity.start_ticks)
            recycled = processes.ProcessIdentity(os.getpid(), identity.start_ticks + 1)
            self.assertFalse(processes.is_alive(recycled))

