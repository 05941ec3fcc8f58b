"""A stand-in for systemd's notification socket: binds a unix datagram socket at argv[1] and
appends every datagram it receives to the file argv[2], one line per datagram, its
assignments joined by '|'. Ends when its stdin closes (the test ends)."""
import os
import socket
import sys
import threading

sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
sock.bind(sys.argv[1])
out = open(sys.argv[2], "a", buffering=1)
print("listening", flush=True)


def watch_stdin():
    sys.stdin.read()
    os._exit(0)


threading.Thread(target=watch_stdin, daemon=True).start()
while True:
    data = sock.recv(65536)  # file descriptors passed along (BARRIER=1) are closed by the kernel
    out.write(data.decode("utf-8", "replace").replace("\n", "|") + "\n")
