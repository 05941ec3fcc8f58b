"""Tiny programs for the watchdog tests, chosen by the first argument.

- ``child [auto|poll]``: starts the watchdog, prints ``ready <pid> watching <what>``, waits.
- ``respawner``: like a gunicorn master: runs ``child`` again each time it exits.
- ``manager <python args>``: like the Java manager: runs Python with ``<python args>``,
  ``SIDEEYE_PARENT_PID`` set to its own pid and stdin kept open as a pipe, then waits.
"""
import os
import subprocess
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))


def child(strategy="auto"):
    from sideeye_health.watchdog import start_watchdog

    watchdog = start_watchdog(strategy=strategy)
    print("ready %d watching %s" % (os.getpid(), watchdog.describe() if watchdog else "nothing"), flush=True)
    threading.Event().wait()


def respawner():
    print("respawner %d" % os.getpid(), flush=True)
    while True:
        subprocess.call([sys.executable, __file__, "child"])


def manager(*python_args):
    env = dict(os.environ, SIDEEYE_PARENT_PID=str(os.getpid()))
    subprocess.Popen([sys.executable] + list(python_args), env=env, stdin=subprocess.PIPE)
    threading.Event().wait()


if __name__ == "__main__":
    {"child": child, "respawner": respawner, "manager": manager}[sys.argv[1]](*sys.argv[2:])
