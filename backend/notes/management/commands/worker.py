"""``manage.py worker``: the notes task worker that runs beside the web backend.

A small, real background job: every ``--interval`` seconds it looks at the notes and writes
one line about what changed since its last pass (``notes: 4 (+1 new, 2 updated)``). It serves
no HTTP, so a manager supervises it with ``health: process`` (alive is healthy). SIGTERM or
SIGINT end it after the pass in progress; the ``sideeye_health`` watchdog ends it when its
manager dies. Pending migrations are applied first when ``SIDEEYE_AUTO_MIGRATE`` is on, so it
can start before or after the web backend.
"""
import signal
import sys
import threading

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from notes.models import Note
from sideeye_health.automigrate import migrate_on_startup
from sideeye_health.conf import auto_migrate


class Pass:
    """What one look at the notes found, compared with the previous look."""

    def __init__(self, since):
        self.started = timezone.now()
        self.total = Note.objects.count()
        if since is None:
            self.created = self.updated = 0
        else:
            self.created = Note.objects.filter(created_at__gt=since).count()
            self.updated = Note.objects.filter(updated_at__gt=since, created_at__lte=since).count()

    def line(self):
        changes = []
        if self.created:
            changes.append(f"+{self.created} new")
        if self.updated:
            changes.append(f"{self.updated} updated")
        return f"notes: {self.total}" + (f" ({', '.join(changes)})" if changes else "")


class Command(BaseCommand):
    help = "Run the notes task worker: report note changes every --interval seconds until stopped."

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=10.0,
                            help="seconds between passes (default 10)")
        parser.add_argument("--once", action="store_true", help="make one pass and exit")

    def handle(self, *args, interval, once, **options):
        if interval <= 0:
            raise CommandError(f"--interval must be a positive number of seconds, not {interval:g}")
        if auto_migrate():
            migrate_on_startup()
        stop = threading.Event()
        if not once:
            for signum in (signal.SIGTERM, signal.SIGINT):
                signal.signal(signum, lambda *_: stop.set())
            self.stdout.write(f"worker started: a pass every {interval:g}s")
        since = None
        while True:
            current = Pass(since)
            self.stdout.write(current.line())
            sys.stdout.flush()
            since = current.started
            if once or stop.wait(interval):
                break
        if not once:
            self.stdout.write("worker stopped")
