"""The test runner of the backend: Django's, without the warning line Django logs for each
4xx answer (the tests provoke hundreds on purpose; 5xx errors are still logged)."""
import logging

from django.test.runner import DiscoverRunner


class QuietClientErrorsRunner(DiscoverRunner):
    """``DiscoverRunner`` with ``django.request`` warnings (4xx answers) silenced."""

    def setup_test_environment(self, **kwargs):
        super().setup_test_environment(**kwargs)
        logging.getLogger("django.request").setLevel(logging.ERROR)
