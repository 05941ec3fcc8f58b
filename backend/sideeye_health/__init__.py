"""SideEye health: a reusable Django app for backends run by the SideEye service manager.

Add ``"sideeye_health"`` to ``INSTALLED_APPS`` and ``path("api/", include("sideeye_health.urls"))``
to the URLs; see docs/BACKEND.md. Importing this package does not import Django, so
``sideeye_health.watchdog`` works in any Python program.
"""
