"""The test runner of the backend: Django's, made independent of the caller's environment.

- ``SIDEEYE_API_TOKEN``, ``SIDEEYE_INSTANCE_ID`` and ``SIDEEYE_API_OPEN`` are removed for the run (tests that need
  them set them), so a shell or manager that exports them does not change the results.
- The warning line Django logs for each 4xx answer is silenced (the tests provoke many on
  purpose); 5xx errors are still logged. So is the API token middleware's start-up warning
  about a missing token, which every test client would repeat.
"""
import logging
import os

from django.test.runner import DiscoverRunner

_CALLER_VARIABLES = ("SIDEEYE_API_TOKEN", "SIDEEYE_INSTANCE_ID", "SIDEEYE_API_OPEN")
_QUIET_LOGGERS = ("django.request", "sideeye_health.middleware")


class BackendTestRunner(DiscoverRunner):
    """``DiscoverRunner`` with a clean SideEye environment and quiet 4xx logging."""

    def setup_test_environment(self, **kwargs):
        super().setup_test_environment(**kwargs)
        self._saved_env = {name: os.environ.pop(name) for name in _CALLER_VARIABLES if name in os.environ}
        self._saved_levels = {name: logging.getLogger(name).level for name in _QUIET_LOGGERS}
        for name in _QUIET_LOGGERS:
            logging.getLogger(name).setLevel(logging.ERROR)

    def teardown_test_environment(self, **kwargs):
        for name, level in self._saved_levels.items():
            logging.getLogger(name).setLevel(level)
        os.environ.update(self._saved_env)
        super().teardown_test_environment(**kwargs)
