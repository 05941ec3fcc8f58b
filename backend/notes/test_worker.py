"""``manage.py worker``: one pass reports the notes and what changed since the previous pass."""
from datetime import timedelta
from io import StringIO

from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase
from django.utils import timezone

from .management.commands.worker import Pass
from .models import Note


class WorkerTests(TestCase):
    def test_one_pass_reports_the_number_of_notes(self):
        Note.objects.create(title="a")
        Note.objects.create(title="b")
        out = StringIO()
        call_command("worker", "--once", stdout=out)
        self.assertEqual(out.getvalue().strip(), "notes: 2")

    def test_a_pass_counts_notes_created_and_updated_since_the_previous_one(self):
        kept = Note.objects.create(title="kept")
        changed = Note.objects.create(title="changed")
        since = timezone.now()
        Note.objects.filter(pk__in=[kept.pk, changed.pk]).update(
            created_at=since - timedelta(minutes=1), updated_at=since - timedelta(minutes=1))
        Note.objects.filter(pk=changed.pk).update(title="changed again", updated_at=since + timedelta(seconds=1))
        Note.objects.create(title="new")
        self.assertEqual(Pass(since).line(), "notes: 3 (+1 new, 1 updated)")

    def test_the_first_pass_reports_no_changes(self):
        Note.objects.create(title="a")
        self.assertEqual(Pass(None).line(), "notes: 1")

    def test_a_non_positive_interval_is_refused_with_its_value(self):
        with self.assertRaisesMessage(CommandError, "--interval must be a positive number of seconds, not 0"):
            call_command("worker", "--interval", "0", "--once", stdout=StringIO())
