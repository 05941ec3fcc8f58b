"""The app configuration: starts the parent watchdog and checks the settings at startup."""
from django.apps import AppConfig


class SideEyeHealthConfig(AppConfig):
    """``sideeye_health``: health contract, API token, JSON API errors, parent watchdog."""

    name = "sideeye_health"
    verbose_name = "SideEye health"

    def ready(self):
        from . import conf, watchdog

        # First, so that even a startup that hangs later ends with its manager.
        watchdog.start_watchdog()
        conf.health_settings()  # a mistake in SIDEEYE_HEALTH stops the startup with its reason
