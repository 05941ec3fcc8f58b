#!/usr/bin/env python3
"""Side-by-side figures of peer supervisors (PM2, supervisord) and SideEye on the same backend.

For each peer: time from the start command to the peer reporting the program up, and to the
backend's first HTTP 200 (polled every millisecond); time from SIGKILL of the backend to the next
200; the daemon's RSS; and whether the backend survives a SIGKILL of the supervisor itself.
Every process started here is stopped again.
"""

import argparse
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
BACKEND = os.path.join(ROOT, "backend")
PYTHON = os.path.join(BACKEND, ".venv", "bin", "python")
HEALTH = "/api/health/"


def now_ms():
    return time.monotonic_ns() / 1e6


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def healthy(port):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5) as s:
            s.settimeout(1)
            s.sendall(("GET %s HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n" % HEALTH).encode())
            return s.recv(12).startswith((b"HTTP/1.1 200", b"HTTP/1.0 200"))
    except OSError:
        return False


def await_healthy(port, timeout_s=30):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if healthy(port):
            return now_ms()
        time.sleep(0.001)
    raise RuntimeError("backend on port %d gave no 200 within %d s" % (port, timeout_s))


def await_down(port, timeout_s=5):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and healthy(port):
        time.sleep(0.001)


def alive(pid):
    try:
        os.kill(pid, 0)
    except OSError:
        return False
    try:
        with open("/proc/%d/stat" % pid) as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def rss_mib(pid):
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def backend_pid(port):
    """The pid listening on the port (the waitress process)."""
    out = subprocess.run(["ss", "-Htlnp", "sport = :%d" % port], capture_output=True, text=True).stdout
    for part in out.split("pid=")[1:]:
        return int(part.split(",")[0])
    raise RuntimeError("no process listens on port %d" % port)


def argv(port):
    return [PYTHON, "-m", "waitress", "--listen=127.0.0.1:%d" % port, "sideeye_backend.wsgi:application"]


class Pm2:
    name = "PM2"

    def __init__(self, tools):
        self.bin = os.path.join(tools, "node_modules", ".bin", "pm2")
        self.env = dict(os.environ, PM2_HOME=os.path.join(tools, "pm2-home"))

    def available(self):
        return os.access(self.bin, os.X_OK)

    def run(self, *args):
        return subprocess.run([self.bin, *args], env=self.env, capture_output=True, text=True, check=True)

    def start(self, port):
        a = argv(port)
        self.run("start", a[0], "--name", "sebench", "--interpreter", "none", "--cwd", BACKEND, "--", *a[1:])
        return "CLI returned"

    def daemon_pid(self):
        with open(os.path.join(self.env["PM2_HOME"], "pm2.pid")) as f:
            return int(f.read().strip())

    def stop(self):
        subprocess.run([self.bin, "kill"], env=self.env, capture_output=True)


class Supervisord:
    name = "supervisord"

    def __init__(self, tools):
        self.dir = tempfile.mkdtemp(prefix="sebench-supervisord-")
        self.conf = os.path.join(self.dir, "supervisord.conf")
        self.sock = os.path.join(self.dir, "supervisor.sock")

    def available(self):
        return subprocess.run(["which", "supervisord"], capture_output=True).returncode == 0

    def start(self, port):
        with open(self.conf, "w") as f:
            f.write("""[unix_http_server]
file=%(sock)s
[supervisord]
logfile=%(dir)s/supervisord.log
pidfile=%(dir)s/supervisord.pid
childlogdir=%(dir)s
[rpcinterface:supervisor]
supervisor.rpcinterface_factory = supervisor.rpcinterface:make_main_rpcinterface
[supervisorctl]
serverurl=unix://%(sock)s
[program:backend]
command=%(cmd)s
directory=%(backend)s
autorestart=true
""" % {"sock": self.sock, "dir": self.dir, "cmd": " ".join(argv(port)), "backend": BACKEND})
        subprocess.run(["supervisord", "-c", self.conf], check=True)
        while True:
            out = subprocess.run(["supervisorctl", "-c", self.conf, "status", "backend"],
                                 capture_output=True, text=True).stdout
            if "RUNNING" in out:
                return "RUNNING reported"
            time.sleep(0.005)

    def daemon_pid(self):
        with open(os.path.join(self.dir, "supervisord.pid")) as f:
            return int(f.read().strip())

    def stop(self):
        subprocess.run(["supervisorctl", "-c", self.conf, "shutdown"], capture_output=True)
        time.sleep(0.2)


class SideEye:
    """The manager in a JVM with the CLI's flags, supervising the same backend at 1 s checks."""

    name = "SideEye (new JVM)"

    def __init__(self, jar):
        self.jar = jar
        self.proc = None
        # the CLI launcher's options, as bench/run passes them
        self.flags = os.environ.get("SIDEEYE_BENCH_JVM_OPTS", "-XX:+UseSerialGC -XX:TieredStopAtLevel=1").split()

    def available(self):
        return os.path.exists(self.jar)

    def start(self, port):
        # the harness picks its own port; it is read back from its first line
        self.proc = subprocess.Popen(["java", *self.flags, "-cp", self.jar, "io.sideeye.bench.BenchMain",
                                      "supervise-one", "--root", ROOT],
                                     stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT)
        first = self.proc.stdout.readline().split()
        self.port = int(first[2])
        self.proc.stdout.readline()  # READY: the manager saw the first healthy answer
        return "started"

    def daemon_pid(self):
        return self.proc.pid

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.stdin.close()
            self.proc.wait(30)


def measure(peer, runs):
    up, ready, recover, rss, survives = [], [], [], [], []
    for _ in range(runs):
        port = free_port()
        t0 = now_ms()
        peer.start(port)
        t_up = now_ms()
        if isinstance(peer, SideEye):
            port = peer.port
        t_ready = await_healthy(port)
        up.append(t_up - t0)
        ready.append(t_ready - t0)
        time.sleep(1.5)
        pid = backend_pid(port)
        k0 = now_ms()
        os.kill(pid, signal.SIGKILL)
        await_down(port)
        recover.append(await_healthy(port) - k0)
        time.sleep(1.5)
        daemon = peer.daemon_pid()
        rss.append(rss_mib(daemon))
        child = backend_pid(port)
        os.kill(daemon, signal.SIGKILL)
        time.sleep(1.0)
        survives.append(alive(child))
        if alive(child):
            os.kill(child, signal.SIGKILL)
        try:
            peer.stop()
        except Exception:
            pass
        if isinstance(peer, SideEye):
            peer.proc.wait(10)
        time.sleep(0.3)
    return up, ready, recover, rss, survives


def row(figure, values, unit):
    if not values:
        return
    print("%-46s %5d %10.0f %10.0f %10.0f" % (figure + " [" + unit + "]", len(values),
                                              statistics.median(values), min(values), max(values)))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--tools", required=True)
    p.add_argument("--jar", required=True)
    p.add_argument("--quick", action="store_true")
    args, _ = p.parse_known_args()
    runs = 2 if args.quick else 3
    print("\nPeers on the same backend command (%s), %d runs each:" % (" ".join(argv(0)).replace(":0", ":PORT"), runs))
    for peer in (SideEye(args.jar), Pm2(args.tools), Supervisord(args.tools)):
        if not peer.available():
            print("  # %s: not installed, skipped" % peer.name)
            continue
        try:
            up, ready, recover, rss, survives = measure(peer, runs)
        except Exception as e:  # one peer failing must not hide the others
            print("  # %s: measurement failed: %s" % (peer.name, e))
            try:
                peer.stop()
            except Exception:
                pass
            continue
        row(peer.name + ": start cmd -> reports up", up, "ms")
        row(peer.name + ": start cmd -> backend 200", ready, "ms")
        row(peer.name + ": backend SIGKILL -> 200 again", recover, "ms")
        row(peer.name + ": daemon RSS", rss, "MiB")
        print("  # %s: backend still running after the supervisor was SIGKILLed: %s"
              % (peer.name, ", ".join("yes" if s else "no" for s in survives)))
        sys.stdout.flush()


if __name__ == "__main__":
    main()
