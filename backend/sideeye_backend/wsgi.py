"""WSGI entry point (waitress, gunicorn and ``manage.py runserver`` load ``application``).

Loading it also applies pending migrations once per process (see
``sideeye_health.automigrate``), so a fresh data directory works before the first request.
"""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sideeye_backend.settings")

application = get_wsgi_application()

from sideeye_health.automigrate import migrate_on_startup  # noqa: E402  (needs Django set up)

migrate_on_startup()
