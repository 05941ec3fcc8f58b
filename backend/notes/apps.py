"""The notes app configuration."""
from django.apps import AppConfig


class NotesConfig(AppConfig):
    """``notes``: a small CRUD API on SQLite."""

    name = "notes"
    default_auto_field = "django.db.models.BigAutoField"
