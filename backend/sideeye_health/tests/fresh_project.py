"""Runs this package's own tests inside a Django project made a moment ago by ``startproject``.

    python -m sideeye_health.tests.fresh_project [--keep]

Uses the interpreter it runs with (so the ``sideeye_health`` that interpreter imports is the one
tested: the installed wheel, when run outside the source tree). In a temporary folder it runs
``django-admin startproject mysite``, adds the app in the README's three steps (INSTALLED_APPS,
the URLs, the middleware) plus the loopback ``ALLOWED_HOSTS`` a backend run by the manager
answers on, and runs ``manage.py test`` on the tests that concern the app alone (those of the
SideEye reference backend, which need its ``notes`` app and settings, are left out). Exits with
the test run's code; ``--keep`` leaves the project folder behind and prints its path.
"""
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

#: The tests of the app alone: they need nothing of the reference backend.
LABELS = [
    "sideeye_health.tests.test_conf",
    "sideeye_health.tests.test_health",
    "sideeye_health.tests.test_logfilters",
    "sideeye_health.tests.test_middleware",
    "sideeye_health.tests.test_watchdog",
]

#: Appended to the new project's settings.py: README steps 1 and 3, and the loopback hosts.
SETTINGS_LINES = """
# sideeye_health, as its README says
INSTALLED_APPS += ["sideeye_health"]
MIDDLEWARE = (["sideeye_health.middleware.JsonApiErrorsMiddleware"] + MIDDLEWARE
              + ["sideeye_health.middleware.ApiTokenMiddleware"])
ALLOWED_HOSTS = ["localhost", "127.0.0.1", "[::1]"]
"""

#: Appended to the new project's urls.py: README step 2.
URL_LINES = """
# sideeye_health, as its README says
from django.urls import include  # noqa: E402
urlpatterns += [path("api/", include("sideeye_health.urls"))]
"""


def make_project(parent: Path, name: str = "mysite") -> Path:
    """Creates project ``name`` in ``parent`` with ``startproject`` and wires the app in."""
    subprocess.run([sys.executable, "-m", "django", "startproject", name, str(parent)],
                   check=True, stdin=subprocess.DEVNULL)
    with open(parent / name / "settings.py", "a", encoding="utf-8") as settings:
        settings.write(SETTINGS_LINES)
    with open(parent / name / "urls.py", "a", encoding="utf-8") as urls:
        urls.write(URL_LINES)
    return parent


def main(argv) -> int:
    keep = "--keep" in argv
    folder = Path(tempfile.mkdtemp(prefix="sideeye-health-fresh-"))
    try:
        project = make_project(folder)
        env = {k: v for k, v in os.environ.items() if not k.startswith("SIDEEYE_") and k != "DJANGO_SETTINGS_MODULE"}
        env["PYTHONUNBUFFERED"] = "1"
        where = subprocess.run([sys.executable, "-c", "import sideeye_health; print(sideeye_health.__file__)"],
                               cwd=str(project), env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True)
        print("fresh project %s; sideeye_health from %s" % (project, where.stdout.strip() or where.stderr.strip()),
              flush=True)
        return subprocess.run([sys.executable, "manage.py", "test", "--noinput"] + LABELS, cwd=str(project), env=env,
                              stdin=subprocess.DEVNULL).returncode
    finally:
        if keep:
            print("kept %s" % folder)
        else:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
