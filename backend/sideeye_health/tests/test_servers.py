"""The backend under real servers started the way the manager starts them: fresh data dir,
token, instance id, stdin kept open as a pipe; closing stdin or killing the manager ends it."""
import json
import os
import re
import subprocess
import time
import urllib.error
import urllib.request

from django.test import SimpleTestCase

from sideeye_health import processes

from .support import (START_TIMEOUT, SUBJECTS, LineReader, child_env, free_port, spawn, temp_data_dir,
                      wait_until_gone)

# A bound on waiting, not a latency target: a process that exits by itself (within ~100 ms, the
# watchdog's poll) is gone long before it, while a process left behind still fails the test.
EXIT_WITHIN = 10.0
TOKEN = "server-test-token"
INSTANCE = "server-test-instance"


def call(port, path, method="GET", body=None, token=None):
    """(status, parsed JSON body) of one request to the backend."""
    request = urllib.request.Request("http://127.0.0.1:%d%s" % (port, path), method=method,
                                     data=json.dumps(body).encode() if body is not None else None)
    if token:
        request.add_header("Authorization", "Bearer " + token)
    if body is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read() or b"null")


class ServerTestCase(SimpleTestCase):
    def server_env(self, **extra):
        return child_env(SIDEEYE_PARENT_PID=os.getpid(), SIDEEYE_API_TOKEN=TOKEN,
                         SIDEEYE_INSTANCE_ID=INSTANCE, SIDEEYE_DATA_DIR=temp_data_dir(self), **extra)

    def assert_serves_the_api(self, port):
        status, health = call(port, "/api/health/")
        self.assertEqual((status, health["status"], health["instance"]), (200, "healthy", INSTANCE))
        status, _ = call(port, "/api/notes/")
        self.assertEqual(status, 401)
        status, note = call(port, "/api/notes/", "POST", {"title": "fresh data dir"}, TOKEN)
        self.assertEqual((status, note["title"]), (201, "fresh data dir"))

    def assert_stdin_eof_ends_it(self, proc, stderr_lines):
        proc.stdin.close()
        proc.wait(timeout=EXIT_WITHIN)
        self.assertIn("sideeye watchdog: stdin reached end-of-file", stderr_lines.rest())


class WaitressTests(ServerTestCase):
    def test_waitress_serves_a_fresh_data_dir_and_exits_when_stdin_closes(self):
        proc = spawn(self, ["-m", "waitress", "--listen=127.0.0.1:0", "sideeye_backend.wsgi:application"],
                     stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                     env=self.server_env())
        stderr = LineReader(proc.stderr)
        port = int(re.search(r":(\d+)$", stderr.wait_for("Serving on")).group(1))

        self.assert_serves_the_api(port)
        self.assert_stdin_eof_ends_it(proc, stderr)


class RunserverTests(ServerTestCase):
    def test_runserver_noreload_migrates_before_serving_and_exits_when_stdin_closes(self):
        for attempt in range(3):  # the free port may be taken by someone else meanwhile
            port = free_port()
            proc = spawn(self, ["manage.py", "runserver", "--noreload", "127.0.0.1:%d" % port],
                         stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                         env=self.server_env())
            stdout, stderr = LineReader(proc.stdout), LineReader(proc.stderr)
            stdout.wait_for("Quit the server")
            if self.wait_for_health(port, proc):
                break
        self.assertNotIn("unapplied migration", "\n".join(stdout.lines))

        self.assert_serves_the_api(port)
        self.assert_stdin_eof_ends_it(proc, stderr)

    @staticmethod
    def wait_for_health(port, proc):
        """True once the health check answers; False if the server exits first (port taken)."""
        deadline = time.monotonic() + START_TIMEOUT
        while proc.poll() is None and time.monotonic() < deadline:
            try:
                return call(port, "/api/health/")[0] == 200
            except OSError:  # not listening yet
                time.sleep(0.02)
        return False


class GunicornTests(ServerTestCase):
    def test_gunicorn_master_and_workers_end_when_the_manager_is_killed(self):
        for preload in (False, True):
            with self.subTest(preload=preload):
                args = [SUBJECTS, "manager", "-m", "gunicorn", "--workers", "2", "--bind", "127.0.0.1:0",
                        "sideeye_backend.wsgi:application"] + (["--preload"] if preload else [])
                manager = spawn(self, args, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True, env=self.server_env())
                log = LineReader(manager.stderr)
                listening = log.wait_for("Listening at")
                port = int(re.search(r":(\d+) \(", listening).group(1))
                master = int(re.search(r"\((\d+)\)", listening).group(1))
                workers = [int(log.wait_for("Booting worker").split()[-1]) for _ in range(2)]
                pids = [master] + workers
                for pid in pids:
                    self.addCleanup(processes.terminate_if_same, processes.identify(pid), 9)
                self.assertEqual(call(port, "/api/health/")[0], 200)

                manager.kill()
                manager.wait()

                for pid in pids:
                    self.assertTrue(wait_until_gone(pid, EXIT_WITHIN), "gunicorn process %d outlived its manager" % pid)
