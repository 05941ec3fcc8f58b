#!/usr/bin/env python3
"""Side-by-side figures of peer supervisors (PM2, supervisord) and SideEye on the same backend.

For each peer: time from the start command to the peer reporting the program up, and to the
backend's first HTTP 200 (polled every millisecond); time from SIGKILL of the backend to the next
200; the daemon's RSS; and whether the backend survives a SIGKILL of the supervisor itself.
Every process started here is stopped again.
"""

import argparse
import glob
import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import shutil
import tempfile
import time

from daemon_tools import Pm2Home, rss_mib

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


def backend_pid(port):
    """The pid listening on the port (the waitress process)."""
    out = subprocess.run(["ss", "-Htlnp", "sport = :%d" % port], capture_output=True, text=True).stdout
    for part in out.split("pid=")[1:]:
        return int(part.split(",")[0])
    raise RuntimeError("no process listens on port %d" % port)


def argv(port):
    return [PYTHON, "-m", "waitress", "--listen=127.0.0.1:%d" % port, "sideeye_backend.wsgi:application"]


class Pm2(Pm2Home):
    name = "PM2"

    def __init__(self, tools):
        super().__init__(tools, "pm2-home")

    def run(self, *args):
        return subprocess.run([self.bin, *args], env=self.env, capture_output=True, text=True, check=True)

    def start(self, port):
        a = argv(port)
        self.run("start", a[0], "--name", "sebench", "--interpreter", "none", "--cwd", BACKEND, "--", *a[1:])
        return "CLI returned"

    def stop(self):
        self.kill()


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


def installed_sideeye():
    """bin/sideeye of the tar.gz that `mvn package` built, unpacked into a temporary prefix."""
    archives = sorted(glob.glob(os.path.join(ROOT, "sideeye-distribution", "target", "sideeye-*.tar.gz")))
    if not archives:
        return None, None
    prefix = tempfile.mkdtemp(prefix="sebench-install-")
    subprocess.run(["tar", "-xzf", archives[-1], "-C", prefix], check=True)
    (folder,) = os.listdir(prefix)
    return os.path.join(prefix, folder, "bin", "sideeye"), prefix


def control_commands(tools, quick):
    """One hyperfine run: the installed sideeye's control commands against a running `sideeye run`,
    beside supervisorctl and pm2 against their daemons, all supervising the same backend."""
    if not shutil.which("hyperfine"):
        print("  # control commands: hyperfine is not installed, skipped")
        return
    sideeye, prefix = installed_sideeye()
    if sideeye is None:
        print("  # control commands: no sideeye-distribution/target/sideeye-*.tar.gz (mvn package), skipped")
        return
    tools = os.path.abspath(tools)  # the commands run in a scratch folder
    scratch = tempfile.mkdtemp(prefix="sebench-control-")
    env = dict(os.environ, XDG_RUNTIME_DIR=scratch, XDG_CACHE_HOME=os.path.join(scratch, "cache"),
               XDG_DATA_HOME=os.path.join(scratch, "data"))
    env.pop("JAVA_HOME", None)
    with open(os.path.join(scratch, "sideeye.yaml"), "w") as f:
        f.write("projectDir: %s\npython: %s\nserver: waitress\nport: auto\n" % (BACKEND, PYTHON))
    run = subprocess.Popen([sideeye, "run"], cwd=scratch, env=env, stdin=subprocess.DEVNULL,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    supervisord, pm2 = Supervisord(tools), Pm2(tools)
    started = []
    try:
        deadline = time.monotonic() + 120
        while subprocess.run([sideeye, "status"], cwd=scratch, env=env, capture_output=True).returncode != 0:
            if time.monotonic() > deadline or run.poll() is not None:
                print("  # control commands: sideeye run did not come up, skipped")
                return
            time.sleep(0.2)
        commands = [  # (name, command, prepare)
            ("sideeye --version (installed)", "%s --version" % sideeye, "true"),
            ("sideeye status (installed)", "%s status" % sideeye, "true"),
            ("sideeye call /notes/ (installed)", "%s call /notes/" % sideeye, "true"),
            ("sideeye stop (installed; start before)", "%s stop" % sideeye, "%s start" % sideeye),
            ("./sideeye status (checkout)", "%s status" % os.path.join(ROOT, "sideeye"), "true"),
        ]
        restores = ["%s start" % sideeye]
        if supervisord.available():
            supervisord.start(free_port())
            started.append(supervisord)
            ctl = "supervisorctl -c %s" % supervisord.conf
            restores.append("%s start backend" % ctl)
            commands += [("supervisorctl status", "%s status" % ctl, "true"),
                         ("supervisorctl stop (start before)", "%s stop backend" % ctl, "%s start backend" % ctl)]
        else:
            print("  # control commands: supervisord is not installed, its rows are skipped")
        if pm2.available():
            pm2.kill()  # a daemon an aborted run left
            pm2.start(free_port())
            started.append(pm2)
            commands += [("pm2 ping", "%s ping" % pm2.bin, "true"),
                         ("pm2 status", "%s status" % pm2.bin, "true")]
        else:
            print("  # control commands: pm2 is not installed, its rows are skipped")
        # Several rounds of one hyperfine run over every command, pooled: a machine whose load drifts
        # then weighs on every command alike rather than on whichever ran during a busy minute.
        rounds, runs = (2, 5) if quick else (4, 8)
        times = [[] for _ in commands]
        for r in range(rounds):
            for restore in restores:  # a round ends with the stops: start the backends again
                subprocess.run(restore.split(), cwd=scratch, env=env, capture_output=True)
            out = os.path.join(scratch, "hyperfine-%d.json" % r)
            argv = ["hyperfine", "-N", "--style", "none", "-w", "2", "-r", str(runs), "--export-json", out]
            for _, command, prepare in commands:
                argv += ["--prepare", prepare]
            argv += [command for _, command, _ in commands]
            done = subprocess.run(argv, cwd=scratch, env=dict(env, PM2_HOME=pm2.env["PM2_HOME"]),
                                  stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
            if done.returncode != 0:
                print("  # control commands: hyperfine failed: %s" % done.stderr.strip())
                return
            with open(out) as f:
                for pooled, result in zip(times, json.load(f)["results"]):
                    pooled.extend(t * 1000 for t in result["times"])
        print("\nControl commands, hyperfine (wall time), %d rounds of %d runs, load average %s:"
              % (rounds, runs, open("/proc/loadavg").read().split()[0]))
        for (name, _, _), pooled in zip(commands, times):
            row(name, pooled, "ms")
    finally:
        for peer in started:
            try:
                peer.stop()
            except Exception:
                pass
        run.terminate()
        try:
            run.wait(30)
        except subprocess.TimeoutExpired:
            run.kill()
        shutil.rmtree(scratch, ignore_errors=True)
        shutil.rmtree(prefix, ignore_errors=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--tools", required=True)
    p.add_argument("--jar", required=True)
    p.add_argument("--quick", action="store_true")
    p.add_argument("--only", default="")
    args, _ = p.parse_known_args()
    if args.only and "control" in args.only.split(","):
        control_commands(args.tools, args.quick)
        return
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
    control_commands(args.tools, args.quick)


if __name__ == "__main__":
    main()
