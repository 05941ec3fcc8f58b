#!/usr/bin/env python3
"""The daemons side by side (section `daemons` of bench/run): what each costs while it supervises.

1. `sideeye run` as the launcher (./sideeye) starts it, the library's JVM (the footprint
   section's `supervise-one`, with the launcher's options and a class-data archive), PM2 and
   supervisord, each supervising the Django backend (waitress), all started together and
   measured over the same window after a warm-up: RSS, threads, CPU (the sum of every thread's
   schedstat), `sideeye run`'s CPU by thread.
2. A connected dashboard: `sideeye run`'s CPU over three more windows, the middle one with one
   client doing what the dashboard does (one event stream, `GET /ipc/events?resources=1`, which
   also carries the resources chart's figures every 2 s), opened after the client has been
   connected for the warm-up (the first connection's one-off cost is shown on its own); idle and
   connected windows alternate three times (once with --quick), and the figure is the median of
   the connected windows' extras over the idle windows around each; the verdict is "unsure" when
   the two idle windows around a connected one differ by more than the target (the median over
   the rounds). Beside the CPU, the extra
   times its threads were put on a CPU (wake-ups and preemptions), a count the machine's state
   barely moves.
3. Services per `sideeye run`: 1, 10 and 100 services (the stdlib test server), each run on its
   own, RSS and CPU after the same warm-up, and the marginal cost per service.

The CPU of a process is the sum over its threads of /proc/PID/task/TID/schedstat (nanoseconds
on a CPU), not the 10 ms ticks of /proc/PID/stat. Every process started here is stopped again.
The run starts and ends with a line on the machine's state (daemon_tools.machine_gauge): on a
shared virtual machine the same daemon costs several times more in one hour than in another.
"""

import argparse
import collections
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

from daemon_tools import Pm2Home, exchange, rss_mib, end, machine_gauge

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
BACKEND = os.path.join(ROOT, "backend")
PYTHON = os.path.join(BACKEND, ".venv", "bin", "python")
TESTSERVER = os.path.join(ROOT, "sideeye-service-core", "src", "test", "resources", "testserver", "testserver.py")
RSS_TARGET, CPU_TARGET, DASHBOARD_TARGET = 48.0, 100.0, 20.0


def load():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def tasks(pid):
    """{tid: (thread name, ns on a CPU, times put on a CPU)} of every thread of pid."""
    out = {}
    try:
        tids = os.listdir("/proc/%d/task" % pid)
    except OSError:
        return out
    for tid in tids:
        try:
            with open("/proc/%d/task/%s/comm" % (pid, tid)) as f:
                name = f.read().strip()
            with open("/proc/%d/task/%s/schedstat" % (pid, tid)) as f:
                fields = f.read().split()
                out[tid] = (name, int(fields[0]), int(fields[2]))
        except OSError:
            pass
    return out


class Window:
    """CPU of some processes over one window, from schedstat; scaled to 60 s."""

    def __init__(self, pids):
        self.pids = pids
        self.t0 = time.monotonic()
        self.before = {p: tasks(p) for p in pids}
        self.load0 = load()

    def close(self):
        seconds = time.monotonic() - self.t0
        result = {}
        for p in self.pids:
            after = tasks(p)
            by_name = collections.Counter()
            slices = 0
            for tid, (name, ns, runs) in after.items():
                _, ns0, runs0 = self.before[p].get(tid, (name, 0, 0))
                by_name[name] += (ns - ns0) / 1e6 * 60 / seconds
                slices += (runs - runs0) * 60 / seconds
            result[p] = {"cpu": sum(by_name.values()), "threads": len(after), "by_name": by_name, "slices": slices,
                         "rss": rss_mib(p)}
        self.load = "%s -> %s" % (self.load0, load())
        return result

    def wait(self, seconds):
        """Closes the window after `seconds`; the figures of its one process, with the load."""
        time.sleep(seconds)
        (result,) = self.close().values()
        result["load"] = self.load
        return result


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def await_line(path, pattern, count=1, timeout_s=120, proc=None):
    deadline = time.monotonic() + timeout_s
    rx = re.compile(pattern)
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            break
        try:
            with open(path, errors="replace") as f:
                if sum(1 for line in f if rx.search(line)) >= count:
                    return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("%s: no %d line(s) matching %r within %d s" % (path, count, pattern, timeout_s))


class SideEyeRun:
    """`sideeye run` in a folder of its own, as ./sideeye launches it, output to a file."""

    name = "sideeye run (./sideeye)"

    def __init__(self, services):
        self.dir = tempfile.mkdtemp(prefix="sebench-run-")
        self.out = os.path.join(self.dir, "out.log")
        self.services = services
        with open(os.path.join(self.dir, "sideeye.yaml"), "w") as f:
            f.write("healthCheckInterval: 1s\nport: auto\nshutdownTimeout: 5s\n")
            if services is None:  # the Django backend
                f.write("projectDir: %s\npython: %s\nserver: waitress\nenvironment:\n  SIDEEYE_DATA_DIR: %s\n"
                        % (json.dumps(BACKEND), json.dumps(PYTHON), json.dumps(os.path.join(self.dir, "data"))))
            else:
                f.write("projectDir: %s\nservices:\n" % json.dumps(self.dir))
                for i in range(services):
                    f.write("  s%d:\n    command: [%s, %s, --port, \"{port}\"]\n"
                            % (i + 1, json.dumps(sys.executable), json.dumps(TESTSERVER)))
        self.env = dict(os.environ, XDG_RUNTIME_DIR=self.dir)
        for k in ("SIDEEYE_CONFIG", "SIDEEYE_PROFILE", "SIDEEYE_COMMAND", "SIDEEYE_JAVA_OPTS"):
            self.env.pop(k, None)
        self.proc = None

    def start(self):
        with open(self.out, "w") as out:
            self.proc = subprocess.Popen([os.path.join(ROOT, "sideeye"), "run"], cwd=self.dir, env=self.env,
                                         stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT)

    def await_ready(self):
        await_line(self.out, r"\bstarted\s.*pid=", 1 if self.services is None else self.services,
                   timeout_s=300, proc=self.proc)

    def pid(self):
        return self.proc.pid  # the launcher execs java: same pid

    def control(self):
        """(port, token) of its control plane, from its runtime file."""
        folder = os.path.join(self.dir, "sideeye")
        for name in os.listdir(folder):
            if name.startswith("cli-") and name.endswith(".json"):
                with open(os.path.join(folder, name)) as f:
                    info = json.load(f)
                return info["port"], info["token"]
        raise RuntimeError("no runtime file in " + folder)

    def stop(self):
        end(self.proc)
        shutil.rmtree(self.dir, ignore_errors=True)


def launcher_options():
    """The launcher's JVM options as bench/run exports them (SIDEEYE_BENCH_JVM_OPTS), for a run of this
    script on its own: sideeye-service-cli/jvm.options, plus the native-heap trim where this Java has it."""
    flags = []
    with open(os.path.join(ROOT, "sideeye-service-cli", "jvm.options")) as f:
        for line in f:
            flags += line.split("#", 1)[0].split()
    trim = ["-XX:+UnlockExperimentalVMOptions", "-XX:TrimNativeHeapInterval=5000"]
    if subprocess.run(["java", *trim, "-version"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode == 0:
        flags += trim
    return flags


class LibraryJvm:
    """The library's manager in a JVM with the launcher's options and a class-data archive."""

    name = "library JVM (section 5)"

    def __init__(self, jar):
        self.jar = jar
        self.flags = os.environ.get("SIDEEYE_BENCH_JVM_OPTS", "").split() or launcher_options()
        self.proc = None

    def _spawn(self, extra):
        return subprocess.Popen(["java", *self.flags, *extra, "-cp", self.jar, "io.sideeye.bench.BenchMain",
                                 "supervise-one", "--root", ROOT],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)

    def archive(self):
        """The footprint section's archive (written the same way when missing or older than the jar)."""
        path = os.path.join(os.path.dirname(os.path.abspath(self.jar)), "cds", "footprint.jsa")
        if not (os.path.exists(path) and os.path.getmtime(path) > os.path.getmtime(self.jar)):
            os.makedirs(os.path.dirname(path), exist_ok=True)
            if os.path.exists(path):
                os.remove(path)
            p = self._spawn(["-XX:ArchiveClassesAtExit=" + path, "-Xlog:disable"])
            while p.stdout.readline().strip() not in ("READY", ""):
                pass
            p.stdin.close()
            p.wait(60)
        return path if os.path.exists(path) else None

    def start(self):
        archive = self.archive()
        self.proc = self._spawn(["-XX:SharedArchiveFile=" + archive] if archive else [])

    def await_ready(self):
        while True:
            line = self.proc.stdout.readline()
            if line.strip() == "READY":
                return
            if not line:
                raise RuntimeError("the library JVM ended before it was ready")

    def pid(self):
        return self.proc.pid

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.stdin.close()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()


class Pm2:
    name = "PM2 (no health checks)"

    def __init__(self, tools):
        self.pm2 = Pm2Home(tools, "pm2-home-daemons")
        self.port = free_port()

    def available(self):
        return self.pm2.available()

    def start(self):
        subprocess.run([self.pm2.bin, "start", PYTHON, "--name", "sebench-daemons", "--interpreter", "none", "--cwd",
                        BACKEND, "--", "-m", "waitress", "--listen=127.0.0.1:%d" % self.port,
                        "sideeye_backend.wsgi:application"], env=self.pm2.env, capture_output=True, check=True)

    def await_ready(self):
        pass

    def pid(self):
        return self.pm2.daemon_pid()

    def stop(self):
        self.pm2.kill()


class Supervisord:
    name = "supervisord (no health checks)"

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="sebench-daemons-supervisord-")
        self.conf = os.path.join(self.dir, "supervisord.conf")
        self.port = free_port()

    def available(self):
        return shutil.which("supervisord") is not None

    def start(self):
        with open(self.conf, "w") as f:
            f.write("[unix_http_server]\nfile=%(d)s/supervisor.sock\n[supervisord]\nlogfile=%(d)s/supervisord.log\n"
                    "pidfile=%(d)s/supervisord.pid\nchildlogdir=%(d)s\n[rpcinterface:supervisor]\n"
                    "supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface\n"
                    "[supervisorctl]\nserverurl=unix://%(d)s/supervisor.sock\n[program:backend]\n"
                    "command=%(py)s -m waitress --listen=127.0.0.1:%(port)d sideeye_backend.wsgi:application\n"
                    "directory=%(backend)s\nautorestart=true\n"
                    % {"d": self.dir, "py": PYTHON, "port": self.port, "backend": BACKEND})
        subprocess.run(["supervisord", "-c", self.conf], check=True)

    def await_ready(self):
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            out = subprocess.run(["supervisorctl", "-c", self.conf, "status", "backend"],
                                 capture_output=True, text=True).stdout
            if "RUNNING" in out:
                return
            time.sleep(0.1)
        raise RuntimeError("supervisord did not report the backend RUNNING")

    def pid(self):
        with open(os.path.join(self.dir, "supervisord.pid")) as f:
            return int(f.read().strip())

    def stop(self):
        subprocess.run(["supervisorctl", "-c", self.conf, "shutdown"], capture_output=True)
        time.sleep(0.5)
        shutil.rmtree(self.dir, ignore_errors=True)


class Dashboard:
    """What one open dashboard asks of the control plane: one event stream, with the resources
    chart's figures pushed on it every 2 s (`?resources=1`)."""

    def __init__(self, port, token):
        self.port, self.token = port, token
        self.stop_flag = threading.Event()
        self.events = 0
        self.resources = 0
        self.thread = threading.Thread(target=self._stream, daemon=True)

    def _stream(self):
        with socket.create_connection(("127.0.0.1", self.port)) as s:
            s.sendall(("GET /ipc/events?resources=1 HTTP/1.1\r\nHost: 127.0.0.1:%d\r\n"
                       "Authorization: Bearer %s\r\n\r\n" % (self.port, self.token)).encode())
            s.settimeout(0.5)
            while not self.stop_flag.is_set():
                try:
                    data = s.recv(65536)
                except socket.timeout:
                    continue
                if not data:
                    return
                self.events += data.count(b"\n\n")
                self.resources += data.count(b"event: resources\n")

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stop_flag.set()
        self.thread.join(5)


def dashboard_link(port, token):
    """POST /ipc/dashboard-link, as `sideeye dashboard` asks for a link; True when one came back."""
    answer = exchange(port, ("POST /ipc/dashboard-link HTTP/1.1\r\nHost: 127.0.0.1:%d\r\nAuthorization: Bearer %s\r\n"
                             "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"
                             % (port, token)).encode(), 30)
    return b'"url"' in answer


def fmt_threads(by_name, limit=10):
    return " ".join("%s=%.0f" % (n, v) for n, v in by_name.most_common(limit) if v >= 0.5)


def verdict(value, target, noise=None):
    """"yes" or "NO" against ``target``; "unsure" when ``noise`` (how far the same measurement moved
    between windows of one run) is larger than the target, so that a yes or a no would be chance."""
    if target is None:
        return "reported"
    if noise is not None and noise > target:
        return "unsure"
    return "yes" if value <= target else "NO"


def row(out, figure, value, unit, target=None, note="", noise=None):
    held = "" if target is None else verdict(value, target, noise)
    line = "%-58s %10.1f %-8s %-8s %s" % (figure, value, unit, ("<= %g" % target) if target else "", held)
    print(line + ("  # " + note if note else ""))
    out.write("%s\t%.2f\t%s\t%s\t%s\n" % (figure, value, unit, target if target else "", held))
    sys.stdout.flush()


def side_by_side(args, out, summary):
    run = SideEyeRun(None)
    daemons = [run, LibraryJvm(args.jar), Pm2(args.tools), Supervisord()]
    present = [d for d in daemons if getattr(d, "available", lambda: True)()]
    for d in daemons:
        if d not in present:
            print("  # %s: not installed, skipped" % d.name)
    started = []
    try:
        for d in present:
            d.start()
            started.append(d)
        for d in present:
            d.await_ready()
        time.sleep(args.warmup)
        w = Window([d.pid() for d in present])
        time.sleep(args.window)
        res = w.close()
        print("\nDaemons side by side (load average %s), %d s window after %d s, CPU scaled to 60 s:"
              % (w.load, args.window, args.warmup))
        for d in present:
            r = res[d.pid()]
            is_run = d is run
            row(out, d.name + ": RSS", r["rss"], "MiB", RSS_TARGET if is_run else None)
            row(out, d.name + ": CPU per 60 s", r["cpu"], "ms", CPU_TARGET if is_run else None)
            row(out, d.name + ": threads", r["threads"], "count")
            if is_run:
                summary.append(("sideeye run RSS (1 backend, 1 s checks, control plane idle)", r["rss"], "MiB", RSS_TARGET))
                summary.append(("sideeye run CPU per 60 s", r["cpu"], "ms", CPU_TARGET))
                print("  # sideeye run CPU by thread (ms per 60 s): " + fmt_threads(r["by_name"], 14))
            elif isinstance(d, LibraryJvm):
                print("  # library JVM CPU by thread (ms per 60 s): " + fmt_threads(r["by_name"], 8))
                print("  # library JVM options: " + " ".join(d.flags))

        # the dashboard: idle, connected, idle again, on the same sideeye run. As `sideeye dashboard`
        # does, the link is asked for first: that first connection starts the on-demand control
        # server, and the runtime file then names the server's own port, which the browser uses
        port, token = run.control()
        link = dashboard_link(port, token)
        print("  # the first connection started the control server (%s)" % ("a link" if link else "no link"))
        port, token = run.control()
        pid = run.pid()
        window = args.window
        time.sleep(5)
        # idle and connected windows alternate (args.rounds connected ones); each connected window's
        # extra is its CPU minus the mean of the idle windows around it, and the median of those is
        # the figure: a single difference of windows moves by +-15 ms on a shared machine
        idle = [Window([pid]).wait(window)]
        connected, extras, firsts, frames = [], [], [], [0, 0]
        for _ in range(args.rounds):
            with Dashboard(port, token) as dash:
                # the first connection loads and compiles what the control plane's answers need, once
                firsts.append(Window([pid]).wait(args.warmup))
                connected.append(Window([pid]).wait(window))
            frames[0] += dash.events
            frames[1] += dash.resources
            time.sleep(5)
            idle.append(Window([pid]).wait(window))
            extras.append(connected[-1]["cpu"] - (idle[-2]["cpu"] + idle[-1]["cpu"]) / 2)
        extra = statistics.median(extras)
        # each extra is taken against the two idle windows around it, so what can move it is how far
        # those two differ: a few ms on a quiet machine. When they differ by more than the target (the
        # median over the rounds), so may the extras, and the verdict says so
        spread = statistics.median([abs(b["cpu"] - a["cpu"]) for a, b in zip(idle, idle[1:])])
        print("\nA connected dashboard (one event stream, resources every 2 s; %d frames, %d of them resources),"
              " %d times, load %s:" % (frames[0], frames[1], args.rounds, connected[-1]["load"]))
        row(out, "sideeye run CPU per 60 s, idle", statistics.median([w["cpu"] for w in idle]), "ms",
            note="median of %s" % " ".join("%.1f" % w["cpu"] for w in idle))
        row(out, "sideeye run CPU per 60 s, dashboard connected", statistics.median([w["cpu"] for w in connected]), "ms",
            note="median of %s" % " ".join("%.1f" % w["cpu"] for w in connected))
        row(out, "dashboard: extra CPU per 60 s", extra, "ms", DASHBOARD_TARGET,
            note="median of %s; the idle windows around each differ by %.1f ms (median)"
                 % (" ".join("%.1f" % e for e in extras), spread),
            noise=spread)
        # times the threads were put on a CPU: unlike CPU time, a count the machine's state barely moves
        slices = statistics.median([c["slices"] - (a["slices"] + b["slices"]) / 2
                                    for a, c, b in zip(idle, connected, idle[1:])])
        row(out, "dashboard: extra times on a CPU per 60 s", slices, "count",
            note="wake-ups and preemptions of its threads; idle %s" % " ".join("%.0f" % w["slices"] for w in idle))
        row(out, "dashboard: first %d s after connecting" % args.warmup, firsts[0]["cpu"] * args.warmup / 60, "ms",
            note="once per run: compiling and loading what its answers need")
        own = [sum(v for k, v in w["by_name"].items() if k.startswith("sideeye-control")) for w in connected]
        print("  # the stream's own threads (writers, timer) while connected: %s ms per 60 s"
              % " ".join("%.1f" % o for o in own))
        print("  # by thread while connected (ms per 60 s): " + fmt_threads(connected[-1]["by_name"], 14))
        print("  # by thread while idle (ms per 60 s): " + fmt_threads(idle[-1]["by_name"], 14))
        summary.append(("connected dashboard: extra CPU per 60 s", extra, "ms", DASHBOARD_TARGET, spread))
    finally:
        for d in reversed(started):
            try:
                d.stop()
            except Exception as e:
                print("  # stopping %s: %s" % (d.name, e))


def per_service(args, out, summary):
    print("\nServices under one sideeye run (stdlib test server, 1 s checks), each count on its own:")
    figures = {}
    for n in args.services:
        run = SideEyeRun(n)
        try:
            run.start()
            run.await_ready()
            time.sleep(args.warmup)
            w = Window([run.pid()])
            time.sleep(args.window)
            r = w.close()[run.pid()]
            figures[n] = r
            row(out, "%d service(s): RSS" % n, r["rss"], "MiB", note="load " + w.load)
            row(out, "%d service(s): CPU per 60 s" % n, r["cpu"], "ms")
            row(out, "%d service(s): threads" % n, r["threads"], "count")
            print("  # by thread (ms per 60 s): " + fmt_threads(r["by_name"], 8))
        finally:
            run.stop()
    base = min(figures) if figures else None
    for n in sorted(figures):
        if n == base:
            continue
        f, b = figures[n], figures[base]
        row(out, "per service, %d -> %d: RSS" % (base, n), (f["rss"] - b["rss"]) / (n - base), "MiB")
        row(out, "per service, %d -> %d: CPU per 60 s" % (base, n), (f["cpu"] - b["cpu"]) / (n - base), "ms")
        row(out, "per service, %d -> %d: threads" % (base, n), (f["threads"] - b["threads"]) / (n - base), "count")
        summary.append(("per service (%d -> %d): RSS" % (base, n),
                        (f["rss"] - b["rss"]) / (n - base), "MiB", None))
        summary.append(("per service (%d -> %d): CPU per 60 s" % (base, n),
                        (f["cpu"] - b["cpu"]) / (n - base), "ms", None))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--tools", required=True)
    p.add_argument("--jar", required=True)
    p.add_argument("--quick", action="store_true")
    p.add_argument("--no-services", action="store_true", help="leave out part 3 (1, 10, 100 services)")
    args, _ = p.parse_known_args()
    args.warmup, args.window = (10, 20) if args.quick else (30, 60)
    args.rounds = 1 if args.quick else 3
    args.services = [1, 10, 100] if not args.quick else [1, 10]
    os.makedirs(os.path.join(ROOT, "bench", "target"), exist_ok=True)
    summary = []
    gauge = machine_gauge()
    print("The machine: %s" % gauge)
    with open(os.path.join(ROOT, "bench", "target", "daemons.tsv"), "w") as out:
        side_by_side(args, out, summary)
        if not args.no_services:
            per_service(args, out, summary)
    print("\nTargets of sideeye run (issue: the daemon at the footprint of the library):")
    print("  (the machine at the start: %s; at the end: %s)" % (gauge, machine_gauge()))
    for figure, value, unit, target, *noise in summary:
        held = verdict(value, target, noise[0] if noise else None)
        print("  %-62s %8.1f %-4s %-10s %s" % (figure, value, unit, ("<= %g" % target) if target else "", held))


if __name__ == "__main__":
    main()
