"""Reloads a waitress backend under load and counts the requests that failed.

    /usr/bin/python3 bench/zero-downtime/reload_under_load.py --mode reuseport --reloads 50

Modes:
  restart    today's restart: SIGTERM the old generation, then start the new one on the port
  reuseport  start the new generation on the same port (SO_REUSEPORT), wait until its private
             health port answers, then SIGTERM (drain) the old one
  fd         the same, but every generation serves one listening socket held by this process

The load: --clients threads, each sending GET requests on a new connection, back to back, to
an application that takes --work-ms per request; a client whose request failed waits 10 ms
before its next one. Prints one JSON line of figures.
"""
import argparse
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BACKEND = os.path.join(HERE, "..", "..", "backend")
APP = """
import os, time
WORK = float(os.environ.get("WORK_MS", "5")) / 1000
GEN = os.environ.get("GEN", "?").encode()
def app(environ, start_response):
    time.sleep(WORK)
    start_response("200 OK", [("Content-Type", "text/plain"), ("Content-Length", str(len(GEN)))])
    return [GEN]
"""


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Load:
    def __init__(self, port, clients):
        self.port, self.stop, self.ok, self.errors, self.lat = port, threading.Event(), 0, {}, []
        self.lock = threading.Lock()
        self.threads = [threading.Thread(target=self.run, daemon=True) for _ in range(clients)]

    def run(self):
        while not self.stop.is_set():
            t0 = time.perf_counter()
            try:
                c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
                c.request("GET", "/")
                r = c.getresponse()
                r.read()
                c.close()
                good = r.status == 200
                kind = None if good else "HTTP %d" % r.status
            except OSError as e:
                kind = type(e).__name__
            except http.client.HTTPException as e:
                kind = type(e).__name__
            ms = (time.perf_counter() - t0) * 1000
            with self.lock:
                self.lat.append(ms)
                if kind is None:
                    self.ok += 1
                else:
                    self.errors[kind] = self.errors.get(kind, 0) + 1
            if kind is not None:
                time.sleep(0.01)  # a client that fails waits a little before its next request

    def __enter__(self):
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for t in self.threads:
            t.join()


def spawn(args, port, gen, held, env):
    private = free_port()
    where = ["--fd", str(held.fileno())] if held else ["--listen", "127.0.0.1:%d" % port]
    child = subprocess.Popen([sys.executable, "-m", "sideeye_health.serve", *where, "--private-port", str(private),
                              "bench_app:app"], env=dict(env, GEN=str(gen)), pass_fds=[held.fileno()] if held else [],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    probe = private if args.mode != "restart" else port
    while time.monotonic() < deadline:
        try:
            c = http.client.HTTPConnection("127.0.0.1", probe, timeout=1)
            c.request("GET", "/")
            if c.getresponse().status == 200:
                c.close()
                return child
        except OSError:
            time.sleep(0.005)
    raise SystemExit("generation %d did not start" % gen)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--mode", choices=["restart", "reuseport", "fd"], required=True)
    p.add_argument("--reloads", type=int, default=50)
    p.add_argument("--clients", type=int, default=4)
    p.add_argument("--work-ms", type=float, default=5)
    args = p.parse_args()
    tmp = os.path.join(HERE, "..", "target", "zero-downtime")
    os.makedirs(tmp, exist_ok=True)
    with open(os.path.join(tmp, "bench_app.py"), "w") as f:
        f.write(APP)
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([os.path.abspath(BACKEND), os.path.abspath(tmp)]),
               WORK_MS=str(args.work_ms))
    port = free_port()
    held = None
    if args.mode == "fd":
        held = socket.socket()
        held.bind(("127.0.0.1", port))
        held.listen(1024)
        os.set_inheritable(held.fileno(), True)
    old = spawn(args, port, 0, held, env)
    swaps = []
    t_start = time.perf_counter()
    with Load(port, args.clients) as load:
        time.sleep(0.5)
        for gen in range(1, args.reloads + 1):
            t0 = time.perf_counter()
            if args.mode == "restart":
                old.send_signal(signal.SIGTERM)
                old.wait()
                old = spawn(args, port, gen, held, env)
            else:
                new = spawn(args, port, gen, held, env)
                old.send_signal(signal.SIGTERM)
                old.wait(timeout=15)
                old = new
            swaps.append((time.perf_counter() - t0) * 1000)
        time.sleep(0.5)
    old.send_signal(signal.SIGTERM)
    old.wait()
    lat = sorted(load.lat)
    print(json.dumps({"mode": args.mode, "reloads": args.reloads, "clients": args.clients, "ok": load.ok,
                      "failed": sum(load.errors.values()), "errors": load.errors,
                      "p50_ms": round(lat[len(lat) // 2], 1), "p99_ms": round(lat[int(len(lat) * 0.99)], 1),
                      "max_ms": round(lat[-1], 1), "reload_ms_median": round(sorted(swaps)[len(swaps) // 2], 1),
                      "seconds": round(time.perf_counter() - t_start, 1)}))


if __name__ == "__main__":
    main()
