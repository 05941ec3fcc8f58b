"""ASGI entry point (uvicorn and other ASGI servers load ``application``).

Loading it also applies pending migrations once per process (see
``sideeye_health.automigrate``), so a fresh data directory works before the first request.
"""
import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sideeye_backend.settings")

application = get_asgi_application()

from sideeye_health.automigrate import migrate_on_startup  # noqa: E402  (needs Django set up)

migrate_on_startup()
