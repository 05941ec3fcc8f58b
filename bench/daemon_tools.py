"""What the bench's Python harnesses share about the daemons they start: ending one they spawned,
its resident memory, one HTTP exchange on a fresh connection, PM2 installed in bench/.tools
(its binary, its home folder, its daemon's pid, killing it), and how slow the machine is right now
for a daemon (what touching memory costs after an idle second)."""
import os
import signal
import socket
import statistics
import subprocess
import time


def end(proc, grace_s=30):
    """SIGTERM to ``proc``, SIGKILL if it is still there after ``grace_s``; nothing once it has exited."""
    if proc and proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(grace_s)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def rss_mib(pid):
    """Resident memory of ``pid`` in MiB (VmRSS), or NaN when the kernel does not say."""
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return float("nan")


class Pm2Home:
    """PM2 from ``tools`` (bench/peers installs it there) with a home folder of its own, ``home``."""

    def __init__(self, tools, home, **env):
        self.bin = os.path.join(tools, "node_modules", ".bin", "pm2")
        self.env = dict(os.environ, PM2_HOME=os.path.join(tools, home), **env)

    def available(self):
        return os.access(self.bin, os.X_OK)

    def daemon_pid(self):
        """The pid of PM2's own daemon (God), which supervises the application."""
        with open(os.path.join(self.env["PM2_HOME"], "pm2.pid")) as f:
            return int(f.read().strip())

    def kill(self):
        """Stops the daemon and what it runs (also one an aborted run left behind)."""
        subprocess.run([self.bin, "kill"], env=self.env, capture_output=True)


def exchange(port, request, timeout_s):
    """Sends the bytes of one HTTP request to 127.0.0.1:port on a new connection and returns everything
    answered until the server closes it (the request says `Connection: close`)."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout_s) as s:
        s.sendall(request)
        data = b""
        while True:
            chunk = s.recv(65536)
            if not chunk:
                return data
            data += chunk


def cold_touch_us(idle_s, pages=256, times=5):
    """CPU (us, median of ``times``) that touching ``pages`` pages of memory costs after ``idle_s`` of
    sleep: what a daemon's wake-up pays for the memory it touches. On a quiet machine the pages are
    still cached and it costs about the same after 10 ms as after 1 s; on a shared virtual machine
    whose host takes back memory a guest left alone for a moment, it costs up to 20 times more after
    1 s, and every daemon's CPU per 60 s grows with it (docs/BENCHMARKS.md, section daemons)."""
    buf = bytearray(pages * 4096)
    costs = []
    for _ in range(times):
        time.sleep(idle_s)
        t = time.process_time()
        for off in range(0, len(buf), 4096):
            buf[off] ^= 1
        costs.append((time.process_time() - t) * 1e6)
    return statistics.median(costs)


def machine_gauge():
    """One line on how dear a daemon's wake-up is on this machine now (``cold_touch_us``)."""
    warm, cold = cold_touch_us(0.01), cold_touch_us(1.0)
    return "1 MiB touched after 10 ms idle %.0f us, after 1 s idle %.0f us (x%.1f)" % (warm, cold, cold / max(warm, 1))
