"""The runserver access-log filter keeps everything but successful health polls."""
import logging

from django.test import SimpleTestCase

from sideeye_health.logfilters import QuietHealthPolls


def access_record(request_line, status):
    record = logging.LogRecord("django.server", logging.INFO, __file__, 1, '"%s" %s %s',
                               (request_line, str(status), "120"), None)
    record.status_code = status
    return record


class QuietHealthPollsTests(SimpleTestCase):
    def test_successful_health_polls_are_dropped(self):
        for line in ("GET /api/health/ HTTP/1.1", "GET /api/health HTTP/1.1", "HEAD /api/health/?x=1 HTTP/1.1"):
            with self.subTest(line=line):
                self.assertFalse(QuietHealthPolls().filter(access_record(line, 200)))

    def test_failed_health_polls_and_other_requests_are_kept(self):
        self.assertTrue(QuietHealthPolls().filter(access_record("GET /api/health/ HTTP/1.1", 503)))
        self.assertTrue(QuietHealthPolls().filter(access_record("GET /api/notes/ HTTP/1.1", 200)))
        self.assertTrue(QuietHealthPolls().filter(access_record("GET /elsewhere HTTP/1.1", 200)))
        self.assertTrue(QuietHealthPolls().filter(logging.LogRecord("django.server", 20, "", 1, "plain", (), None)))
