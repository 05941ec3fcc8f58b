#!/usr/bin/env python3
"""Django's command-line utility for the SideEye backend."""
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sideeye_backend.settings")
    try:
        from django.core.management import execute_from_command_line
    except ImportError as exc:
        raise ImportError(
            "Couldn't import Django for %s. Run scripts/setup-python from the repository "
            "root to create backend/.venv with Django, then use backend/.venv/bin/python."
            % sys.executable
        ) from exc
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
