"""``runserver`` that applies pending migrations first when ``SIDEEYE_AUTO_MIGRATE`` is on.

Django's own ``runserver`` would warn about them before loading the WSGI application (where
the migrations are applied); applying them at that point instead keeps the log truthful and
spares a second look at the migration graph.
"""
from django.core.management.commands.runserver import Command as DjangoRunserver

from sideeye_health.automigrate import migrate_on_startup
from sideeye_health.conf import auto_migrate


class Command(DjangoRunserver):
    """Django's ``runserver``, with the startup migrations of ``sideeye_health``."""

    def check_migrations(self):
        if auto_migrate():
            migrate_on_startup()
        else:
            super().check_migrations()
