"""python -m sideeye_health.serve: two generations on one port, each reached on its private port,
and a SIGTERM that answers the request in flight before the process ends."""
import http.client
import os
import signal
import socket
import threading
import time
import unittest

from django.test import SimpleTestCase

from .support import START_TIMEOUT, child_env, free_port, spawn, temp_data_dir

SUBJECT = "sideeye_health.tests.serve_subject:app"


def get(port, path="/"):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


@unittest.skipUnless(hasattr(socket, "SO_REUSEPORT"), "SO_REUSEPORT is not available here")
class ServeTest(SimpleTestCase):
    def start(self, generation, *where, **env):
        private = free_port()
        proc = spawn(self, ["-m", "sideeye_health.serve", *where, "--private-port", private, SUBJECT],
                     env=child_env(GENERATION=generation, **env))
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            try:
                return proc, private, get(private)
            except OSError:
                self.assertIsNone(proc.poll(), "generation %s ended before it answered" % generation)
                time.sleep(0.02)
        self.fail("generation %s did not answer on its private port" % generation)

    def test_two_generations_share_the_port_and_each_answers_on_its_private_port(self):
        port = free_port()
        old, old_private, first = self.start("one", "--listen", "127.0.0.1:%d" % port)
        new, new_private, second = self.start("two", "--listen", "127.0.0.1:%d" % port)
        self.assertEqual((200, "one"), first)
        self.assertEqual((200, "two"), second)
        self.assertIn(get(port), [(200, "one"), (200, "two")])

        old.send_signal(signal.SIGTERM)
        self.assertEqual(0, old.wait(timeout=10))
        self.assertEqual([(200, "two")] * 20, [get(port) for _ in range(20)])

    def test_a_generation_that_stops_under_load_beside_a_new_one_loses_no_connection(self):
        port = free_port()
        old, _, _ = self.start("one", "--listen", "127.0.0.1:%d" % port)
        new, _, _ = self.start("two", "--listen", "127.0.0.1:%d" % port)
        stop, failures, answered = threading.Event(), [], []

        def client():
            while not stop.is_set():
                try:
                    answered.append(get(port))
                except OSError as e:
                    failures.append(repr(e))

        clients = [threading.Thread(target=client) for _ in range(3)]
        for c in clients:
            c.start()
        time.sleep(0.3)
        old.send_signal(signal.SIGTERM)
        self.assertEqual(0, old.wait(timeout=10))
        time.sleep(0.3)
        stop.set()
        for c in clients:
            c.join(timeout=10)
        self.assertEqual([], failures)
        self.assertIn((200, "two"), answered[-3:])
        new.send_signal(signal.SIGTERM)
        self.assertEqual(0, new.wait(timeout=10))

    def test_a_single_listener_without_a_private_port_ends_on_sigterm(self):
        port = free_port()
        proc = spawn(self, ["-m", "sideeye_health.serve", "--listen", "127.0.0.1:%d" % port, SUBJECT],
                     env=child_env(GENERATION="alone"))
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                self.assertEqual((200, "alone"), get(port))
                break
            except OSError:
                self.assertLess(time.monotonic(), deadline)
                time.sleep(0.02)
        proc.send_signal(signal.SIGTERM)
        self.assertEqual(0, proc.wait(timeout=10))

    def test_sigterm_answers_the_request_in_flight_then_ends_and_takes_no_new_connection(self):
        port = free_port()
        started = os.path.join(temp_data_dir(self), "slow-started")
        old, private, _ = self.start("one", "--listen", "127.0.0.1:%d" % port, SLOW_STARTED=started)
        answers = []
        caller = threading.Thread(target=lambda: answers.append(get(private, "/slow")))
        caller.start()
        deadline = time.monotonic() + START_TIMEOUT
        while not os.path.exists(started):  # the request is being answered (it takes a second)
            self.assertLess(time.monotonic(), deadline)
            time.sleep(0.01)
        old.send_signal(signal.SIGTERM)
        caller.join(timeout=10)
        self.assertEqual([(200, "one")], answers)
        self.assertEqual(0, old.wait(timeout=10))
        with self.assertRaises(ConnectionRefusedError):
            get(private)

    def test_a_socket_held_by_another_process_is_served_from_its_file_descriptor(self):
        held = socket.socket()
        self.addCleanup(held.close)
        held.bind(("127.0.0.1", 0))
        held.listen(64)
        held.set_inheritable(True)
        private = free_port()
        proc = spawn(self, ["-m", "sideeye_health.serve", "--fd", held.fileno(), "--private-port", private, SUBJECT],
                     env=child_env(GENERATION="held"), pass_fds=[held.fileno()])
        deadline = time.monotonic() + START_TIMEOUT
        while True:
            try:
                self.assertEqual((200, "held"), get(held.getsockname()[1]))
                break
            except OSError:
                self.assertLess(time.monotonic(), deadline)
                time.sleep(0.02)
        proc.send_signal(signal.SIGTERM)
        self.assertEqual(0, proc.wait(timeout=10))
