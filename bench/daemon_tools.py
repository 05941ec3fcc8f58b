"""What the bench's Python harnesses share about the daemons they start: ending one they spawned,
its resident memory, one HTTP exchange on a fresh connection, and PM2 installed in bench/.tools
(its binary, its home folder, its daemon's pid, killing it)."""
import os
import signal
import socket
import subprocess


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
