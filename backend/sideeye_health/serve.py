"""Serve a WSGI application with waitress so that two generations can share one port.

    python -m sideeye_health.serve --listen HOST:PORT [--private-port N] [--threads N] module:app
    python -m sideeye_health.serve --fd FD [--private-port N] [--threads N] module:app

``--listen`` binds the port with ``SO_REUSEPORT`` (Linux, macOS, BSD): a new generation binds the
same port while the old one still serves it, and the kernel spreads new connections over both.
``--fd`` serves a listening socket inherited as file descriptor ``FD`` (from a process that holds
the socket across generations); every generation accepts from the same queue.

``--private-port`` also serves on ``127.0.0.1:N`` (0: a free port), reached by this generation only,
so that a health check finds the new generation and not the old one sharing the port.

SIGTERM drains: the listening sockets are closed at once (no new connection reaches this
generation), requests in flight are answered, kept-alive connections quiet for 0.25 s are closed, and the
process exits when none is left. The manager's ``shutdownTimeout`` bounds the drain (SIGKILL).
"""
import argparse
import importlib
import signal
import socket
import sys
import threading
import time
import _thread

DRAIN_POLL = 0.02
IDLE_AFTER = 0.25


def reuseport_socket(host, port, backlog=1024):
    """A socket listening on (host, port) with SO_REUSEPORT, so that another may bind it too."""
    if not hasattr(socket, "SO_REUSEPORT"):
        raise SystemExit("sideeye_health.serve: SO_REUSEPORT is not available on this platform;"
                         " use --fd with a socket held by another process, or a plain server")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host.strip("[]"), port))
    sock.listen(backlog)
    return sock


def private_socket(port, backlog=64):
    """A socket of this generation only, on loopback."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", port))
    sock.listen(backlog)
    return sock


def load(target):
    """The object named ``module:attribute``."""
    module, _, attribute = target.partition(":")
    if not module or not attribute:
        raise SystemExit("sideeye_health.serve: the application must be given as module:attribute, not %r" % target)
    return getattr(importlib.import_module(module), attribute)


def _listen_address(text):
    host, _, port = text.rpartition(":")
    if not host or not port.isdigit():
        raise argparse.ArgumentTypeError("expected HOST:PORT, e.g. 127.0.0.1:8000, not %r" % text)
    return host, int(port)


class Drain:
    """Closes the listeners of ``server`` on SIGTERM, then ends the process once no request is in flight."""

    def __init__(self, server):
        self.server = server
        self.trigger = self._listeners()[0].trigger  # the listeners share one map, so any trigger wakes the loop
        self.started = threading.Event()

    def on_sigterm(self, signum, frame):
        # Runs on the main thread, which may be inside the loop's select() or hold the trigger's
        # lock: the sockets are closed by the loop itself, asked from a thread of its own.
        if self.started.is_set():
            return
        self.started.set()
        threading.Thread(target=self._drain, name="sideeye-drain", daemon=True).start()

    def _stop_listening(self):
        for listener in self._listeners():
            listener.close()

    def _listeners(self):
        from waitress.server import BaseWSGIServer
        return [d for d in list(self.server.map.values()) if isinstance(d, BaseWSGIServer)]

    def _channels(self):
        from waitress.channel import HTTPChannel
        return [d for d in list(self.server.map.values()) if isinstance(d, HTTPChannel)]

    @staticmethod
    def _idle(channel):
        # Quiet for IDLE_AFTER: a connection accepted just before the listeners closed, whose
        # request is not read yet, is not idle but about to be answered.
        quiet = time.time() - channel.last_activity >= IDLE_AFTER
        return quiet and not channel.requests and channel.request is None and not channel.total_outbufs_len

    def _close_idle(self):
        for channel in self._channels():
            if self._idle(channel):
                channel.close()

    def _drain(self):
        self.trigger.pull_trigger(self._stop_listening)
        while True:
            self.trigger.pull_trigger(self._close_idle)  # on the server's loop thread
            threading.Event().wait(DRAIN_POLL)
            if not self._channels():
                _thread.interrupt_main()  # waitress's run() ends on KeyboardInterrupt and closes the server
                return


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m sideeye_health.serve", description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--listen", type=_listen_address, help="HOST:PORT, bound with SO_REUSEPORT")
    where.add_argument("--fd", type=int, help="an inherited listening socket")
    parser.add_argument("--private-port", type=int, default=None, help="also serve 127.0.0.1:N (0: a free port)")
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("application", help="module:attribute of the WSGI application")
    args = parser.parse_args(argv)

    from waitress.server import create_server

    shared = reuseport_socket(*args.listen) if args.listen else socket.socket(fileno=args.fd)
    sockets = [shared]
    if args.private_port is not None:
        sockets.append(private_socket(args.private_port))
    application = load(args.application)
    server = create_server(application, sockets=sockets, threads=args.threads)
    drain = Drain(server)
    signal.signal(signal.SIGTERM, drain.on_sigterm)
    for sock in sockets:
        print("sideeye_health.serve: serving on %s:%d" % sock.getsockname()[:2], flush=True)
    server.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
