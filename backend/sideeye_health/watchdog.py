"""Parent watchdog: end this process promptly when the process that manages it is gone.

A managing process (the SideEye Java manager, or any other) that is killed outright cannot
stop its child, so the child watches for two signs of its death and exits by itself:

- **stdin reaches end-of-file.** The manager keeps the child's stdin open as a pipe and never
  writes to it; the operating system closes that pipe when the manager dies, however it dies.
- **the process named by ``SIDEEYE_PARENT_PID`` disappears** (or becomes a zombie). The
  variable names the manager explicitly because the server process's own parent may be an
  intermediate one (a gunicorn master, runserver's autoreloader, a venv launcher).

On either sign the watchdog writes one line saying why to stderr and calls ``os._exit(0)``
(no cleanup that could hang). On Linux, when this process's parent is an intermediate
process whose own parent is the manager, that intermediate process is sent SIGTERM first, so
a gunicorn master does not stay behind respawning workers.

``SIDEEYE_WATCHDOG`` chooses when it runs: unset or ``auto`` means only when
``SIDEEYE_PARENT_PID`` is set (stdin is then watched if it is a pipe or socket); ``1`` forces
it on (stdin watched if it is a pipe or socket, the parent if named); ``0`` turns it off.

This module uses the standard library only, so non-Django programs can use it too::

    from sideeye_health.watchdog import start_watchdog
    start_watchdog()
"""
from __future__ import annotations

import os
import signal
import stat
import sys
import threading
import time
from typing import Callable, Mapping, Optional

from . import processes

ENV_PARENT_PID = "SIDEEYE_PARENT_PID"
ENV_SWITCH = "SIDEEYE_WATCHDOG"
POLL_INTERVAL_SECONDS = 0.1

_ON = ("1", "true", "yes", "on")
_OFF = ("0", "false", "no", "off")

_lock = threading.Lock()
_active: Optional["Watchdog"] = None
_fork_hook_registered = False


class Watchdog:
    """A running watchdog: what it watches, and the threads that do it."""

    def __init__(
        self,
        parent: Optional[processes.ProcessIdentity],
        stdin_fd: Optional[int],
        exit_func: Callable[[int], None],
        strategy: str,
    ):
        self.parent = parent
        self.stdin_fd = stdin_fd
        self.strategy = strategy
        self._exit = exit_func
        self._fired = threading.Lock()
        self._intermediate = processes.intermediate_parent(parent.pid) if parent else None

    @property
    def parent_pid(self) -> Optional[int]:
        """The watched managing process, or None when only stdin is watched."""
        return self.parent.pid if self.parent else None

    def start(self) -> "Watchdog":
        """Starts the daemon threads; returns self."""
        if self.stdin_fd is not None:
            self._spawn(self._watch_stdin, "sideeye-watchdog-stdin")
        if self.parent is not None:
            self._spawn(self._watch_parent, "sideeye-watchdog-parent")
        return self

    def describe(self) -> str:
        """Says in words what is watched, e.g. ``stdin and parent pid 42``."""
        parts = []
        if self.stdin_fd is not None:
            parts.append("stdin")
        if self.parent_pid is not None:
            parts.append("parent pid %d" % self.parent_pid)
        return " and ".join(parts)

    @staticmethod
    def _spawn(target, name):
        threading.Thread(target=target, name=name, daemon=True).start()

    def _watch_stdin(self):
        try:
            while os.read(self.stdin_fd, 65536):
                pass  # the manager writes nothing; anything that arrives is discarded
            reason = "stdin reached end-of-file (the managing process closed it or exited)"
        except OSError as exc:
            reason = "stdin can no longer be read (%s)" % (exc.strerror or exc)
        self._fire(reason)

    def _watch_parent(self):
        parent = self.parent
        if self.strategy == "poll" or not processes.wait_for_exit(parent):
            while processes.is_alive(parent):
                time.sleep(POLL_INTERVAL_SECONDS)
        self._fire("the managing process %d (%s) is gone" % (parent.pid, ENV_PARENT_PID))

    def _fire(self, reason: str):
        if not self._fired.acquire(blocking=False):
            return
        line = "sideeye watchdog: %s; exiting (pid %d)\n" % (reason, os.getpid())
        try:
            os.write(2, line.encode("utf-8", "replace"))
        except OSError:
            pass
        if self._intermediate is not None:
            processes.terminate_if_same(self._intermediate, signal.SIGTERM)
        self._exit(0)


def start_watchdog(
    environ: Optional[Mapping[str, str]] = None,
    stdin_fd: int = 0,
    exit_func: Callable[[int], None] = os._exit,
    strategy: str = "auto",
) -> Optional[Watchdog]:
    """Starts the watchdog for this process if the environment asks for it.

    Idempotent: a second call returns the running watchdog. Returns ``None`` when the
    watchdog is off (``SIDEEYE_WATCHDOG=0``, or neither ``SIDEEYE_PARENT_PID`` set nor
    ``SIDEEYE_WATCHDOG=1``) or has nothing to watch.

    ``strategy`` picks how the parent is watched: ``auto`` (an OS wait where available, else
    polling every 100 ms) or ``poll``.
    """
    global _active
    if strategy not in ("auto", "poll"):
        raise ValueError("strategy must be 'auto' or 'poll', not %r" % (strategy,))
    env = os.environ if environ is None else environ
    with _lock:
        if _active is not None:
            return _active
        watchdog = _configure(env, stdin_fd, exit_func, strategy)
        if watchdog is None:
            return None
        _active = watchdog.start()
        _register_fork_hook()
        return _active


def _configure(env, stdin_fd, exit_func, strategy) -> Optional[Watchdog]:
    switch = env.get(ENV_SWITCH, "").strip().lower()
    if switch in _OFF:
        return None
    if switch not in _ON and switch not in ("", "auto"):
        _warn("%s=%r is not understood; use 1, 0 or auto (treating it as auto)" % (ENV_SWITCH, switch))
    parent_pid = _parse_pid(env.get(ENV_PARENT_PID, ""))
    if switch not in _ON and parent_pid is None:
        return None
    watched_fd = stdin_fd if _is_pipe_or_socket(stdin_fd) else None
    if parent_pid is None and watched_fd is None:
        return None
    parent = processes.identify(parent_pid) if parent_pid is not None else None
    return Watchdog(parent, watched_fd, exit_func, strategy)


def _parse_pid(raw: str) -> Optional[int]:
    raw = raw.strip()
    if not raw:
        return None
    if raw.isdigit() and int(raw) > 0:
        return int(raw)
    _warn("%s=%r is not a process id; watching stdin only" % (ENV_PARENT_PID, raw))
    return None


def _is_pipe_or_socket(fd: int) -> bool:
    try:
        mode = os.fstat(fd).st_mode
    except OSError:
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISSOCK(mode)


def _register_fork_hook():
    # Threads do not survive fork(): a server that loads the app and then forks workers
    # (gunicorn --preload) needs the watchdog restarted in each child.
    global _fork_hook_registered
    if _fork_hook_registered or not hasattr(os, "register_at_fork"):
        return
    os.register_at_fork(after_in_child=_restart_in_child)
    _fork_hook_registered = True


def _restart_in_child():
    global _active, _lock
    _lock = threading.Lock()
    previous, _active = _active, None
    if previous is not None:
        _active = Watchdog(previous.parent, previous.stdin_fd, previous._exit, previous.strategy).start()


def _warn(message: str):
    sys.stderr.write("sideeye watchdog: %s\n" % message)
    sys.stderr.flush()
