"""The test runner of the backend: Django's, made independent of the caller's environment.

- ``SIDEEYE_API_TOKEN`` and ``SIDEEYE_INSTANCE_ID`` are removed for the run (tests that need
  them set them), so a shell or manager that exports them does not change the results.
- The warning line Django logs for each 4xx answer is silenced (the tests provoke many on
  purpose); 5xx errors are still logged.
"""
import logging
import os

from django.test.runner import DiscoverRunner

_CALLER_VARIABLES = ("SIDEEYE_API_TOKEN", "SIDEEYE_INSTANCE_ID")


class BackendTestRunner(DiscoverRunner):
    """``DiscoverRunner`` with a clean SideEye environment and quiet 4xx logging."""

    def setup_test_environment(self, **kwargs):
        super().setup_test_environment(**kwargs)
        self._saved_env = {name: os.environ.pop(name) for name in _CALLER_VARIABLES if name in os.environ}
        self._saved_level = logging.getLogger("django.request").level
        logging.getLogger("django.request").setLevel(logging.ERROR)

    def teardown_test_environment(self, **kwargs):
        logging.getLogger("django.request").setLevel(self._saved_level)
        os.environ.update(self._saved_env)
        super().teardown_test_environment(**kwargs)
