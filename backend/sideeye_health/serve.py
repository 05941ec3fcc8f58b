"""Serve a WSGI application with waitress so that two generations can share one port.

    python -m sideeye_health.serve --listen HOST:PORT [--private-port N] [--threads N] module:app
    python -m sideeye_health.serve --fd FD [--private-port N] [--threads N] module:app

``--listen`` binds the port with ``SO_REUSEPORT`` (Linux, macOS, BSD): a new generation binds the
same port while the old one still serves it, and the kernel spreads new connections over both.
``--fd`` serves a listening socket inherited as file descriptor ``FD`` (from a process that holds
the socket across generations); every generation accepts from the same queue.

``--private-port`` also serves on ``127.0.0.1:N`` (0: a free port), reached by this generation only,
so that a health check finds the new generation and not the old one sharing the port.

SIGTERM drains: the connections already waiting in the listening sockets' queues are accepted and
the sockets closed at once (no new connection reaches this generation), requests in flight are answered, kept-alive connections quiet for 0.25 s are closed, and the
process exits when none is left. The manager's ``shutdownTimeout`` bounds the drain (SIGKILL).
"""
import argparse
import importlib
import signal
import socket
import sys
import threading
import time

DRAIN_POLL = 0.02
IDLE_AFTER = 0.25
# Linux socket options of an SO_REUSEPORT group (not named by every Python's socket module).
SO_ATTACH_REUSEPORT_CBPF = getattr(socket, "SO_ATTACH_REUSEPORT_CBPF", 51)
SO_DETACH_REUSEPORT_BPF = getattr(socket, "SO_DETACH_REUSEPORT_BPF", 68)
# How long a steered-away listener keeps accepting: handshakes that began before the steering end
# in its queue within this.
STEER_SETTLE = 0.02


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


def steer_to_newest(sock):
    """Linux: sends the new connections of ``sock``'s SO_REUSEPORT group to its second socket.

    A group's sockets are numbered in the order they joined, a leaving socket's place taken by the
    last one: while two generations serve the port, the old one is 0 and the new one 1. A classic BPF
    program returning 1 steers every new connection to the new generation, so the old one's queue
    stops filling before it closes. Once the old socket has left, index 1 is out of range and the
    kernel spreads connections by hash again; the next generation removes the program when it
    joins (``unsteer``). Returns whether the program was attached.
    """
    if not sys.platform.startswith("linux"):
        return False
    import ctypes
    import struct
    instruction = ctypes.create_string_buffer(struct.pack("HBBI", 0x06, 0, 0, 1))  # BPF_RET|BPF_K 1
    program = struct.pack("@HP", 1, ctypes.addressof(instruction))
    try:
        sock.setsockopt(socket.SOL_SOCKET, SO_ATTACH_REUSEPORT_CBPF, program)
        return True
    except OSError:
        return False


def unsteer(sock):
    """Removes a steering program the previous generation left on the group, if any (Linux 5.3+)."""
    if sys.platform.startswith("linux"):
        try:
            sock.setsockopt(socket.SOL_SOCKET, SO_DETACH_REUSEPORT_BPF, 0)
        except OSError:
            pass  # ENOENT: none attached


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


def _take_waiting(listener, limit=4096):
    """Accepts the connections already waiting in ``listener``'s queue: closing it would reset them.

    With SO_REUSEPORT each generation has its own queue, so what waits in the old one when it closes
    would be lost; taken here, on the server's loop thread just before the close, they are answered
    like any request in flight. Only a connection that completes its handshake in the microseconds
    between the last accept and the close is still reset.
    """
    for _ in range(limit):
        try:
            conn, addr = listener.socket.accept()
        except OSError:  # BlockingIOError: the queue is empty
            return
        listener.set_socket_options(conn)
        listener.channel_class(listener, conn, listener.fix_addr(addr), listener.adj, map=listener._map)


class Drain:
    """Closes the listeners of ``server`` on SIGTERM, then ends the process once no request is in flight."""

    def __init__(self, server, shared=None):
        self.server = server
        # one socket makes a single server (its map is _map), several a MultiSocketServer (map)
        self.map = server.map if hasattr(server, "map") else server._map
        self.shared = shared  # the SO_REUSEPORT socket, steered away from before it closes
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
        from waitress import wasyncore
        for listener in self._listeners():
            if self.shared is not None and listener.socket is self.shared and steer_to_newest(self.shared):
                _take_waiting(listener)
                time.sleep(STEER_SETTLE)  # on the loop thread: requests in flight run on the worker threads
            _take_waiting(listener)
            # the socket only: the server's close() would also close its trigger, which the requests
            # in flight on its channels still pull to have their answers sent
            wasyncore.dispatcher.close(listener)

    def _close_rest(self):
        for dispatcher in list(self.map.values()):
            dispatcher.close()

    def _listeners(self):
        from waitress.server import BaseWSGIServer
        return [d for d in list(self.map.values()) if isinstance(d, BaseWSGIServer)]

    def _channels(self):
        from waitress.channel import HTTPChannel
        return [d for d in list(self.map.values()) if isinstance(d, HTTPChannel)]

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
                # the triggers too: waitress's loop ends by itself once its map is empty, and run() returns.
                # Not KeyboardInterrupt (_thread.interrupt_main): raised while the loop runs a trigger's
                # thunk, waitress's trigger swallows it, and a loop left with sockets would never end.
                self.trigger.pull_trigger(self._close_rest)
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

    # The application is loaded before the port is bound: a generation that joins the port's group is
    # ready to answer what the kernel sends it.
    application = load(args.application)
    shared = reuseport_socket(*args.listen) if args.listen else socket.socket(fileno=args.fd)
    if args.listen:
        unsteer(shared)
    sockets = [shared]
    if args.private_port is not None:
        sockets.append(private_socket(args.private_port))
    server = create_server(application, sockets=sockets, threads=args.threads)
    drain = Drain(server, shared if args.listen else None)
    signal.signal(signal.SIGTERM, drain.on_sigterm)
    for sock in sockets:
        print("sideeye_health.serve: serving on %s:%d" % sock.getsockname()[:2], flush=True)
    server.run()
    return 0


if __name__ == "__main__":
    sys.exit(main())
