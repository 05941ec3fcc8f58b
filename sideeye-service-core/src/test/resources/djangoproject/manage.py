#!/usr/bin/env python3
"""The smallest Django project that serves the health contract, for integration tests."""
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "miniproject.settings")
    from django.core.management import execute_from_command_line
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
