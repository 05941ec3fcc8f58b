"""Helpers for tests that run real child processes (servers, watchdog subjects)."""
import os
import queue
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Optional

BACKEND_DIR = Path(__file__).resolve().parents[2]
SUBJECTS = Path(__file__).resolve().with_name("watchdog_subjects.py")
#: Generous bound on waiting for a child to start (a loaded machine may be slow to start Python).
START_TIMEOUT = 60.0


def child_env(**overrides) -> dict:
    """This process's environment without SideEye variables, plus ``overrides``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SIDEEYE_")}
    env["PYTHONUNBUFFERED"] = "1"
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(BACKEND_DIR), env.get("PYTHONPATH")]))
    env["DJANGO_SETTINGS_MODULE"] = "sideeye_backend.settings"
    env.update({k: str(v) for k, v in overrides.items()})
    return env


def temp_data_dir(test_case) -> str:
    """A fresh data directory, removed after the test."""
    holder = tempfile.TemporaryDirectory(prefix="sideeye-test-")
    test_case.addCleanup(holder.cleanup)
    return holder.name


def spawn(test_case, args, **kwargs) -> subprocess.Popen:
    """Starts ``args`` (Python is prepended) in the backend dir; killed after the test."""
    kwargs.setdefault("cwd", str(BACKEND_DIR))
    kwargs.setdefault("env", child_env())
    proc = subprocess.Popen([sys.executable] + [str(a) for a in args], **kwargs)
    test_case.addCleanup(_kill, proc)
    return proc


def _kill(proc: subprocess.Popen):
    if proc.poll() is None:
        proc.kill()
        proc.wait()
    for stream in (proc.stdin, proc.stdout, proc.stderr):
        if stream is not None:
            stream.close()


class LineReader:
    """Reads a child's text stream on a thread so tests can wait for a line with a timeout."""

    def __init__(self, stream):
        self.lines = []
        self._queue: "queue.Queue[Optional[str]]" = queue.Queue()
        threading.Thread(target=self._pump, args=(stream,), daemon=True).start()

    def _pump(self, stream):
        for line in stream:
            self._queue.put(line.rstrip("\n"))
        self._queue.put(None)

    def wait_for(self, needle: str, timeout: float = START_TIMEOUT) -> str:
        """The first line containing ``needle``; AssertionError with the lines seen otherwise."""
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            try:
                line = self._queue.get(timeout=max(0.0, remaining))
            except queue.Empty:
                raise AssertionError("no line with %r within %ss; saw: %s" % (needle, timeout, self.lines))
            if line is None:
                raise AssertionError("stream ended without a line with %r; saw: %s" % (needle, self.lines))
            self.lines.append(line)
            if needle in line:
                return line

    def rest(self, timeout: float = 5.0) -> str:
        """Everything up to the end of the stream (which must end within ``timeout``)."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = self._queue.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                return "\n".join(self.lines)
            if line is None:
                return "\n".join(self.lines)
            self.lines.append(line)


def wait_until_gone(pid: int, timeout: float) -> bool:
    """True once ``pid`` is gone or a zombie (it need not be our child), False after ``timeout``."""
    from sideeye_health import processes

    identity = processes.identify(pid)
    deadline = time.monotonic() + timeout
    while processes.is_alive(identity):
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.01)
    return True


def free_port() -> int:
    """A loopback port that was free a moment ago (for servers that cannot report port 0)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
