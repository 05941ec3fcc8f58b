"""The few facts about other processes that the watchdog needs, from the standard library only.

Linux answers from ``/proc`` and ``pidfd_open``; other POSIX systems from ``kill(pid, 0)``;
Windows from the process API through ``ctypes`` (``os.kill`` there would terminate the process).
A process is identified by its pid plus, on Linux, its start time, so a recycled pid is
never taken for the process that was watched.
"""
from __future__ import annotations

import os
import select
from typing import NamedTuple, Optional


class ProcessIdentity(NamedTuple):
    """A pid and, where the OS tells it (Linux), the process start time in clock ticks."""

    pid: int
    start_ticks: Optional[int]


class _ProcStat(NamedTuple):
    state: str
    ppid: int
    start_ticks: int


def identify(pid: int) -> ProcessIdentity:
    """The identity of ``pid`` now (start time unknown when the OS does not tell or it is gone)."""
    info = _proc_stat(pid)
    return ProcessIdentity(pid, info.start_ticks if info else None)


def is_alive(process: ProcessIdentity) -> bool:
    """True while the process exists, is not a zombie, and is the one that was identified."""
    if os.name == "nt":
        return _windows_is_alive(process.pid)
    try:
        os.kill(process.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # it exists but belongs to someone else
    info = _proc_stat(process.pid)
    if info is None:
        return not os.path.isdir("/proc/self")  # without /proc, kill() is all we know
    if info.state in ("Z", "X"):
        return False
    return process.start_ticks is None or info.start_ticks == process.start_ticks


def wait_for_exit(process: ProcessIdentity) -> bool:
    """Blocks until the process exits using an OS wait (Linux pidfd, Windows handle).

    Returns True once it has exited (or was already gone), False at once when no OS wait is
    available here, in which case the caller polls :func:`is_alive`.
    """
    if os.name == "nt":
        return _windows_wait(process.pid)
    if not hasattr(os, "pidfd_open"):
        return False
    try:
        fd = os.pidfd_open(process.pid)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # kernel older than 5.3, or a sandbox forbids it
    try:
        if not is_alive(process):  # the pid may have been recycled before it was opened
            return True
        poller = select.poll()
        poller.register(fd, select.POLLIN)
        while not poller.poll():
            pass
        return True
    finally:
        os.close(fd)


def intermediate_parent(manager_pid: int) -> Optional[ProcessIdentity]:
    """This process's parent if it sits between us and ``manager_pid`` (Linux only), else None.

    That is the gunicorn master of a worker, or the autoreloader of ``runserver``.
    """
    ppid = os.getppid()
    if ppid in (0, 1, manager_pid):
        return None
    info = _proc_stat(ppid)
    if info is None or info.ppid != manager_pid:
        return None
    return ProcessIdentity(ppid, info.start_ticks)


def terminate_if_same(process: ProcessIdentity, signum: int) -> None:
    """Sends ``signum`` to the process if it is still the identified one; ignores failures."""
    if process.start_ticks is None or not is_alive(process):
        return
    try:
        os.kill(process.pid, signum)
    except OSError:
        pass


def _proc_stat(pid: int) -> Optional[_ProcStat]:
    try:
        with open("/proc/%d/stat" % pid, "rb") as f:
            raw = f.read().decode("ascii", "replace")
    except OSError:
        return None
    # "pid (comm) state ppid ... starttime": comm may hold spaces and parentheses.
    fields = raw[raw.rfind(")") + 2:].split()
    try:
        return _ProcStat(fields[0], int(fields[1]), int(fields[19]))
    except (IndexError, ValueError):
        return None


_SYNCHRONIZE = 0x00100000
_PROCESS_QUERY_LIMITED_INFORMATION = 0x1000
_ERROR_ACCESS_DENIED = 5
_STILL_ACTIVE = 259
_INFINITE = 0xFFFFFFFF


def _kernel32():
    import ctypes
    from ctypes import wintypes

    k = ctypes.WinDLL("kernel32", use_last_error=True)
    k.OpenProcess.argtypes = [wintypes.DWORD, wintypes.BOOL, wintypes.DWORD]
    k.OpenProcess.restype = wintypes.HANDLE
    k.WaitForSingleObject.argtypes = [wintypes.HANDLE, wintypes.DWORD]
    k.WaitForSingleObject.restype = wintypes.DWORD
    k.GetExitCodeProcess.argtypes = [wintypes.HANDLE, ctypes.POINTER(wintypes.DWORD)]
    k.GetExitCodeProcess.restype = wintypes.BOOL
    k.CloseHandle.argtypes = [wintypes.HANDLE]
    return k


def _windows_open(k, pid):
    import ctypes

    handle = k.OpenProcess(_SYNCHRONIZE | _PROCESS_QUERY_LIMITED_INFORMATION, False, pid)
    return handle, (0 if handle else ctypes.get_last_error())


def _windows_wait(pid: int) -> bool:
    k = _kernel32()
    handle, error = _windows_open(k, pid)
    if not handle:
        return error != _ERROR_ACCESS_DENIED  # no such process: gone; denied: cannot wait
    try:
        k.WaitForSingleObject(handle, _INFINITE)
        return True
    finally:
        k.CloseHandle(handle)


def _windows_is_alive(pid: int) -> bool:
    import ctypes
    from ctypes import wintypes

    k = _kernel32()
    handle, error = _windows_open(k, pid)
    if not handle:
        return error == _ERROR_ACCESS_DENIED
    try:
        code = wintypes.DWORD()
        if not k.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == _STILL_ACTIVE
    finally:
        k.CloseHandle(handle)
