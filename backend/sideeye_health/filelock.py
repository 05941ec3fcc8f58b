"""An exclusive lock between processes on a file (``flock`` on POSIX, ``msvcrt`` on Windows).

Lock files live where only this user can write (beside a database in a 0700 data folder, or in
:func:`private_lock_dir`), and are opened without following a symlink, so another user cannot
plant one to make us create or truncate a file of theirs choosing.
"""
import contextlib
import errno
import os
import stat
import tempfile
import time

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_BINARY = getattr(os, "O_BINARY", 0)


@contextlib.contextmanager
def exclusive_lock(path: str):
    """Holds an exclusive lock on ``path`` (created 0600 if missing; left in place) while in the block.

    Raises ``OSError`` when ``path`` is a symlink or not a regular file of this user.
    """
    with os.fdopen(_open_lock_file(path), "r+b") as handle:
        _lock(handle)
        try:
            yield
        finally:
            _unlock(handle)


def _open_lock_file(path: str) -> int:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY, 0o600)
    except FileExistsError:
        pass
    fd = os.open(path, os.O_RDWR | _NOFOLLOW | _BINARY)  # ELOOP on a symlink
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
        os.close(fd)
        raise OSError(errno.EPERM, "the lock file %s is not a regular file of this user; remove it" % path)
    return fd


def private_lock_dir() -> str:
    """A folder for lock files that only this user can write: ``$XDG_RUNTIME_DIR/sideeye``, else
    ``sideeye-<uid>`` in the temporary folder, created 0700.

    Raises ``OSError`` naming the folder when it exists but is a symlink, belongs to someone
    else or is open to others (someone may have planted it).
    """
    if os.name == "nt":  # the temporary folder is the user's own on Windows
        return tempfile.gettempdir()
    runtime = os.environ.get("XDG_RUNTIME_DIR") or ""
    if runtime and os.path.isabs(runtime) and os.path.isdir(runtime):
        folder = os.path.join(runtime, "sideeye")
    else:
        folder = os.path.join(tempfile.gettempdir(), "sideeye-%d" % os.getuid())
    try:
        os.mkdir(folder, 0o700)
    except FileExistsError:
        pass
    info = os.lstat(folder)
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid() or info.st_mode & 0o077:
        raise OSError(errno.EPERM, "%s is not a private folder of this user (a symlink, another owner, or open"
                      " to others); remove it or set XDG_RUNTIME_DIR to a folder of your own" % folder)
    return folder


if os.name == "nt":
    import msvcrt

    def _lock(handle):
        handle.seek(0)
        while True:
            try:
                msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
                return
            except OSError:  # LK_LOCK gives up after about 10 s; keep waiting
                time.sleep(0.05)

    def _unlock(handle):
        handle.seek(0)
        msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _lock(handle):
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)

    def _unlock(handle):
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
