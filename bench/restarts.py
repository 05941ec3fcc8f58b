#!/usr/bin/env python3
"""Requests lost while a backend is restarted, reloaded or killed (section `restarts` of bench/run).

`sideeye run` (as the installed command bin/sideeye, else the launcher ./sideeye, starts it), PM2
and supervisord each supervise the same very light WSGI application
(sideeye-reliability/src/test/resources/lightapp/light_app.py: every answer names the pid that
served it). The peers run the serve entry that lets two generations share the port:

    python -m sideeye_health.serve --listen 127.0.0.1:PORT --private-port 0 light_app:app

`sideeye run` is configured as a user configures it (`server: waitress`, `wsgiApplication:
light_app:app`): the command it runs for that is its own choice, printed with the figures. Where
that is not the serve entry (a build without the handover), a second `sideeye run` row runs the
peers' command as a custom `command`, so that one row serves the port exactly as the peers do.

While plain HTTP clients (raw sockets, each request on a new connection, back to back; a client
whose request failed waits 10 ms) send GET / to the port, each manager goes through:

  restarts  N restarts with its own command (`sideeye restart`, `pm2 restart`, `supervisorctl restart`)
  reloads   N `sideeye reload` (sideeye only; where the command does not exist yet, `sideeye restart`,
            and the row says so)
  crashes   N SIGKILLs of the backend process (the pid that answered last; never the manager)

Per row: requests answered; failed, split into refused, reset (reset or closed without an
answer) and timeout; the p99 latency of the answered requests sent during an event (from the
command or kill to the first answer from a new generation, or to the command's return if later);
the recovery time: from the command or kill to the first answer from a new generation (a pid
other than the one that answered before). After each recovery the backend is left up 1.2 s
(PM2's min_uptime and supervisord's startsecs are 1 s: a process that dies sooner counts as a
failed start). Targets: 0 failed requests during restarts and reloads, 0 refused connections
during crashes. Figures also go to bench/target/restarts.tsv. Every process started here is
stopped again.
"""

import argparse
import json
import re
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

from daemon_tools import Pm2Home, end, exchange
from peers import installed_sideeye

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
BACKEND = os.path.join(ROOT, "backend")
PYTHON = os.path.join(BACKEND, ".venv", "bin", "python")
LIGHTAPP = os.path.join(ROOT, "sideeye-reliability", "src", "test", "resources", "lightapp")
APP = "light_app:app"
SETTLE_S = 1.2
RECOVERY_LIMIT_S = 30.0
REQUEST_TIMEOUT_S = 5.0
FAILED_PAUSE_S = 0.01


def now():
    return time.monotonic()


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def serve_argv(port):
    return [PYTHON, "-m", "sideeye_health.serve", "--listen", "127.0.0.1:%d" % port, "--private-port", "0", APP]


def backend_env(work_ms):
    """The backend's environment: the checkout's sideeye_health first, the application's work."""
    return {"PYTHONPATH": BACKEND, "LIGHT_APP_WORK_MS": str(work_ms)}


def cmdline(pid):
    try:
        with open("/proc/%d/cmdline" % pid, "rb") as f:
            return [a.decode(errors="replace") for a in f.read().split(b"\0") if a]
    except OSError:
        return []


def get(port, timeout_s=REQUEST_TIMEOUT_S):
    """One GET / on a new connection: (outcome, pid) with outcome ok, refused, reset, timeout or other."""
    try:
        data = exchange(port, b"GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n", timeout_s)
    except ConnectionRefusedError:
        return "refused", None
    except (ConnectionResetError, BrokenPipeError, ConnectionAbortedError):
        return "reset", None
    except socket.timeout:
        return "timeout", None
    except OSError:
        return "other", None
    head, _, body = data.partition(b"\r\n\r\n")
    if not head:
        return "reset", None  # closed without an answer
    if not head.startswith((b"HTTP/1.1 200", b"HTTP/1.0 200")):
        return "other", None
    try:
        return "ok", int(body.strip())
    except ValueError:
        return "other", None


class Load:
    """Clients sending GET / back to back, each on a new connection; every request is recorded
    as (start, end, outcome, pid)."""

    def __init__(self, port, clients):
        self.port = port
        self.stop_flag = threading.Event()
        self.lock = threading.Lock()
        self.records = []
        self.answered = threading.Condition(self.lock)
        self.threads = [threading.Thread(target=self._run, daemon=True) for _ in range(clients)]

    def _run(self):
        while not self.stop_flag.is_set():
            t0 = now()
            outcome, pid = get(self.port)
            t1 = now()
            with self.lock:
                self.records.append((t0, t1, outcome, pid))
                if outcome == "ok":
                    self.answered.notify_all()
            if outcome != "ok":
                time.sleep(FAILED_PAUSE_S)

    def last_pid(self):
        with self.lock:
            for r in reversed(self.records):
                if r[2] == "ok":
                    return r[3]
        return None

    def await_new_generation(self, since, old_pid, limit_s=RECOVERY_LIMIT_S):
        """The end time of the first answer after `since` from a pid other than `old_pid`, or None."""
        deadline = now() + limit_s
        seen = 0
        with self.lock:
            while True:
                for r in self.records[seen:]:
                    if r[2] == "ok" and r[1] >= since and r[3] != old_pid:
                        return r[1]
                seen = len(self.records)
                left = deadline - now()
                if left <= 0:
                    return None
                self.answered.wait(min(left, 0.05))

    def __enter__(self):
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc):
        self.stop_flag.set()
        for t in self.threads:
            t.join()


def await_answer(port, limit_s=120, proc=None):
    deadline = now() + limit_s
    while now() < deadline:
        outcome, pid = get(port, 1.0)
        if outcome == "ok":
            return pid
        if proc is not None and proc.poll() is not None:
            break
        time.sleep(0.02)
    raise RuntimeError("nothing answered on port %d within %d s" % (port, limit_s))


class SideEyeRun:
    """`sideeye run` in a folder of its own, configured as a user would: server waitress, the light app."""

    def __init__(self, backend, work_ms):
        self.command, self.prefix = installed_sideeye()
        self.launcher = "bin/sideeye" if self.command else "./sideeye"
        if self.command is None:
            self.command = os.path.join(ROOT, "sideeye")
        self.backend = backend
        self.name = "sideeye run (server waitress)" if backend == "preset" else "sideeye run (serve command)"
        self.dir = tempfile.mkdtemp(prefix="sebench-restarts-")
        self.port = free_port()
        self.out = os.path.join(self.dir, "out.log")
        env = backend_env(work_ms)
        with open(os.path.join(self.dir, "sideeye.yaml"), "w") as f:
            f.write("projectDir: %s\npython: %s\nport: %d\n" % (json.dumps(LIGHTAPP), json.dumps(PYTHON), self.port))
            if backend == "command":  # the peers' command, as a custom command
                f.write("command: %s\n" % json.dumps(["{python}"] + serve_argv(self.port)[1:]))
            else:
                f.write("server: waitress\nwsgiApplication: %s\n" % APP)
            # restarted at once, and stable after 1 s up, as PM2 (min_uptime) and supervisord (startsecs)
            f.write("healthCheckInterval: 1s\nrestartDelay: 0\nrestartResetAfter: 1s\nmaxRestartAttempts: 10\n"
                    "shutdownTimeout: 5s\nenvironment:\n")
            for k, v in env.items():
                f.write("  %s: %s\n" % (k, json.dumps(v)))
        self.env = dict(os.environ, XDG_RUNTIME_DIR=self.dir, XDG_CACHE_HOME=os.path.join(self.dir, "cache"),
                        XDG_DATA_HOME=os.path.join(self.dir, "data"))
        for k in ("SIDEEYE_CONFIG", "SIDEEYE_PROFILE", "SIDEEYE_COMMAND", "SIDEEYE_JAVA_OPTS"):
            self.env.pop(k, None)
        self.proc = None
        self._reload = None

    def available(self):
        return os.access(self.command, os.X_OK)

    def start(self):
        with open(self.out, "w") as out:
            self.proc = subprocess.Popen([self.command, "run"], cwd=self.dir, env=self.env, stdin=subprocess.DEVNULL,
                                         stdout=out, stderr=subprocess.STDOUT)
        pid = await_answer(self.port, proc=self.proc)
        # the command's first use writes its class-data archive (once per installation): not a restart's cost
        self.run_cli(self._cli("status"))
        if self.backend != "command":
            self.reload_argv()
        return pid

    def _cli(self, *args):
        return [self.command, *args]

    def restart_argv(self):
        return self._cli("restart"), "sideeye restart"

    def reload_argv(self):
        """(argv, label): `sideeye reload` where the command exists, else `sideeye restart`, said so;
        None for the serve entry as a custom command (its row is a comparison of restarts and crashes)."""
        if self.backend == "command":
            return None
        if self._reload is None:
            # the command list of `sideeye --help` (`reload --help` of an unknown command still exits 0)
            usage = subprocess.run(self._cli("--help"), cwd=self.dir, env=self.env, capture_output=True, text=True)
            self._reload = re.search(r"(?m)^\s+reload\b", usage.stdout) is not None
        if self._reload:
            return self._cli("reload"), "sideeye reload"
        return self._cli("restart"), "sideeye restart (no reload command)"

    def run_cli(self, argv):
        return subprocess.run(argv, cwd=self.dir, env=self.env, capture_output=True, text=True, timeout=120)

    def stop(self):
        end(self.proc)
        shutil.rmtree(self.dir, ignore_errors=True)
        if self.prefix:
            shutil.rmtree(self.prefix, ignore_errors=True)


class Pm2:
    name = "PM2"

    def __init__(self, tools, work_ms):
        self.pm2 = Pm2Home(tools, "pm2-home-restarts", **backend_env(work_ms))
        self.port = free_port()

    def available(self):
        return self.pm2.available()

    def start(self):
        self.pm2.kill()  # a daemon an aborted run left
        a = serve_argv(self.port)
        subprocess.run([self.pm2.bin, "start", a[0], "--name", "sebench-restarts", "--interpreter", "none", "--cwd",
                        LIGHTAPP, "--", *a[1:]], env=self.pm2.env, capture_output=True, check=True)
        return await_answer(self.port)

    def restart_argv(self):
        return [self.pm2.bin, "restart", "sebench-restarts"], "pm2 restart"

    def reload_argv(self):
        return None

    def run_cli(self, argv):
        return subprocess.run(argv, env=self.pm2.env, capture_output=True, text=True, timeout=120)

    def stop(self):
        self.pm2.kill()


class Supervisord:
    name = "supervisord"

    def __init__(self, work_ms):
        self.dir = tempfile.mkdtemp(prefix="sebench-restarts-supervisord-")
        self.conf = os.path.join(self.dir, "supervisord.conf")
        self.port = free_port()
        self.work_ms = work_ms

    def available(self):
        return shutil.which("supervisord") is not None and shutil.which("supervisorctl") is not None

    def start(self):
        env = ",".join('%s="%s"' % kv for kv in backend_env(self.work_ms).items())
        with open(self.conf, "w") as f:
            f.write("[unix_http_server]\nfile=%(d)s/supervisor.sock\n[supervisord]\nlogfile=%(d)s/supervisord.log\n"
                    "pidfile=%(d)s/supervisord.pid\nchildlogdir=%(d)s\n[rpcinterface:supervisor]\n"
                    "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n"
                    "[supervisorctl]\nserverurl=unix://%(d)s/supervisor.sock\n[program:backend]\n"
                    "command=%(cmd)s\ndirectory=%(app)s\nenvironment=%(env)s\nautorestart=true\n"
                    % {"d": self.dir, "cmd": " ".join(serve_argv(self.port)), "app": LIGHTAPP, "env": env})
        subprocess.run(["supervisord", "-c", self.conf], check=True)
        return await_answer(self.port)

    def restart_argv(self):
        return ["supervisorctl", "-c", self.conf, "restart", "backend"], "supervisorctl restart"

    def reload_argv(self):
        return None

    def run_cli(self, argv):
        return subprocess.run(argv, capture_output=True, text=True, timeout=120)

    def stop(self):
        subprocess.run(["supervisorctl", "-c", self.conf, "shutdown"], capture_output=True)
        deadline = now() + 10
        while now() < deadline and os.path.exists(os.path.join(self.dir, "supervisord.pid")):
            time.sleep(0.05)
        shutil.rmtree(self.dir, ignore_errors=True)


class Phase:
    """One row: N events of one kind under load, and what the clients saw."""

    def __init__(self, manager, kind, label):
        self.manager, self.kind, self.label = manager, kind, label
        self.windows = []      # (t0, end of the event) for the latency during events
        self.recovery_ms = []  # per event with a recovery
        self.command_ms = []
        self.lost = 0          # events with no answer from a new generation within the limit
        self.command_errors = []
        self.records = []


def backend_of(pid):
    """True if pid is the light app's server (never a manager)."""
    return any(a == APP for a in cmdline(pid))


def run_phase(manager, kind, events, clients, label=None, argv=None):
    phase = Phase(manager, kind, label or kind)
    with Load(manager.port, clients) as load:
        time.sleep(0.3)
        for _ in range(events):
            old = load.last_pid()
            if old is None:
                old = await_answer(manager.port, 30)
            t0 = now()
            if kind == "crashes":
                if not backend_of(old):
                    raise RuntimeError("pid %d is not the backend (%s); not killed" % (old, " ".join(cmdline(old))))
                os.kill(old, signal.SIGKILL)
                done = t0
            else:
                result = manager.run_cli(argv)
                done = now()
                phase.command_ms.append((done - t0) * 1000)
                if result.returncode != 0:
                    phase.command_errors.append("exit %d: %s" % (result.returncode, (result.stderr or result.stdout).strip()[-200:]))
            t_rec = load.await_new_generation(t0, old)
            if t_rec is None:
                phase.lost += 1
                phase.windows.append((t0, now()))
                continue
            phase.recovery_ms.append((t_rec - t0) * 1000)
            phase.windows.append((t0, max(t_rec, done)))
            pause = t_rec + SETTLE_S - now()
            if pause > 0:
                time.sleep(pause)
        time.sleep(0.3)
    phase.records = load.records
    return phase


def percentile(values, p):
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))]


def summarise(phase):
    counts = {"ok": 0, "refused": 0, "reset": 0, "timeout": 0, "other": 0}
    during = []
    windows = sorted(phase.windows)
    for t0, t1, outcome, _ in phase.records:
        counts[outcome] += 1
        if outcome == "ok" and any(a <= t0 <= b for a, b in windows):
            during.append((t1 - t0) * 1000)
    failed = sum(v for k, v in counts.items() if k != "ok")
    return counts, failed, during


def fmt_ms(v):
    return "—" if v != v else ("%.0f" % v if v >= 100 else "%.1f" % v)


def print_row(out, phase):
    counts, failed, during = summarise(phase)
    rec = phase.recovery_ms
    row = {
        "manager": phase.manager.name, "events": phase.label, "n": len(phase.windows),
        "answered": counts["ok"], "failed": failed, "refused": counts["refused"], "reset": counts["reset"],
        "timeout": counts["timeout"], "other": counts["other"],
        "p99_during_ms": percentile(during, 0.99), "answered_during": len(during),
        "recovery_median_ms": statistics.median(rec) if rec else float("nan"),
        "recovery_max_ms": max(rec) if rec else float("nan"),
        "command_median_ms": statistics.median(phase.command_ms) if phase.command_ms else float("nan"),
        "no_recovery": phase.lost,
    }
    print("%-30s %-40s %4d %9d %7d %7d %6d %7d %8s %9s %9s %9s"
          % (row["manager"], row["events"], row["n"], row["answered"], row["failed"], row["refused"], row["reset"],
             row["timeout"] + row["other"], fmt_ms(row["p99_during_ms"]), fmt_ms(row["recovery_median_ms"]),
             fmt_ms(row["recovery_max_ms"]), fmt_ms(row["command_median_ms"])))
    if phase.lost:
        print("  # %d event(s) saw no answer from a new generation within %d s" % (phase.lost, RECOVERY_LIMIT_S))
    for e in sorted(set(phase.command_errors))[:3]:
        print("  # command failed (%d times): %s" % (phase.command_errors.count(e), e))
    out.write("\t".join(str(row[k]) for k in row) + "\n")
    sys.stdout.flush()
    return row


def measure(manager, args, out, summary):
    first = manager.start()
    served = cmdline(first)
    manager.served = served
    print("  # %s%s serves the port with: %s" % (manager.name, (" through " + manager.launcher)
                                                 if isinstance(manager, SideEyeRun) else "",
                                                 " ".join(served).replace(ROOT, ".") or "?"))
    argv, label = manager.restart_argv()
    phases = [("restarts", label, argv)]
    reload = manager.reload_argv()
    if reload is not None:
        phases.append(("reloads", reload[1], reload[0]))
    phases.append(("crashes", "SIGKILL of the backend", None))
    for kind, label, argv in phases:
        row = print_row(out, run_phase(manager, kind, args.events, args.clients, "%d %s" % (args.events, label), argv))
        if kind == "crashes":
            summary.append((manager.name, label, "refused connections", row["refused"]))
        else:
            summary.append((manager.name, label, "failed requests", row["failed"]))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--tools", required=True)
    p.add_argument("--jar")
    p.add_argument("--quick", action="store_true")
    p.add_argument("--events", type=int, help="events per row (default 50, 10 with --quick)")
    p.add_argument("--clients", type=int, default=4)
    p.add_argument("--work-ms", type=float, default=5, help="time the application takes per request")
    p.add_argument("--managers", default="sideeye,pm2,supervisord")
    p.add_argument("--sideeye-backend", choices=["preset", "command"], default="preset",
                   help="preset: server waitress, as a user configures it (default); command: the peers' command")
    args, _ = p.parse_known_args()
    if args.events is None:
        args.events = 10 if args.quick else 50
    wanted = args.managers.split(",")
    managers = []
    if "sideeye" in wanted:
        managers.append(SideEyeRun(args.sideeye_backend, args.work_ms))
    if "pm2" in wanted:
        managers.append(Pm2(args.tools, args.work_ms))
    if "supervisord" in wanted:
        managers.append(Supervisord(args.work_ms))
    os.makedirs(os.path.join(ROOT, "bench", "target"), exist_ok=True)
    print("\nRequests during restarts and crashes: %d clients, GET / on a new connection each, back to back,"
          " %g ms of work per request; load average %s"
          % (args.clients, args.work_ms, " ".join(open("/proc/loadavg").read().split()[:3])))
    print("%-30s %-40s %4s %9s %7s %7s %6s %7s %8s %9s %9s %9s"
          % ("manager", "events", "n", "answered", "failed", "refused", "reset", "timeout", "p99 [ms]",
             "recov med", "recov max", "cmd med"))
    summary = []
    with open(os.path.join(ROOT, "bench", "target", "restarts.tsv"), "w") as out:
        out.write("manager\tevents\tn\tanswered\tfailed\trefused\treset\ttimeout\tother\tp99_during_ms\t"
                  "answered_during\trecovery_median_ms\trecovery_max_ms\tcommand_median_ms\tno_recovery\n")
        i = 0
        while i < len(managers):
            m = managers[i]
            i += 1
            if not m.available():
                print("  # %s: not installed, skipped" % m.name)
                continue
            try:
                measure(m, args, out, summary)
            except Exception as e:  # one manager failing must not hide the others
                print("  # %s: measurement failed: %s" % (m.name, e))
            finally:
                try:
                    m.stop()
                except Exception as e:
                    print("  # stopping %s: %s" % (m.name, e))
            # Where the preset does not run the serve entry (a build without the handover), the same
            # manager once more with the peers' command, so that one row serves the port as they do.
            if isinstance(m, SideEyeRun) and m.backend == "preset" and \
                    "sideeye_health.serve" not in getattr(m, "served", []):
                print("  # the waitress preset does not run sideeye_health.serve in this build: sideeye run"
                      " once more with the peers' command as a custom command")
                managers.insert(i, SideEyeRun("command", args.work_ms))
    print("\nTargets (issue: no request lost): 0 failed requests during restarts and reloads, "
          "0 refused connections during crashes; load average now %s" % " ".join(open("/proc/loadavg").read().split()[:3]))
    for name, kind, what, value in summary:
        print("  %-30s %-40s %-20s %7d  %s" % (name, kind, what, value, "yes" if value == 0 else "NO"))


if __name__ == "__main__":
    main()
