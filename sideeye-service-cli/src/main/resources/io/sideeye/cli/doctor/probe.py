# sideeye doctor's probe of one Python interpreter. Prints one JSON object on stdout.
# Usage: python -c <this> [PROJECT_DIR SETTINGS_MODULE HEALTH_PATH]
import importlib.util
import json
import os
import sys
import traceback

out = {"python": sys.version.split()[0], "executable": sys.executable}


def last_line(exc):
    lines = traceback.format_exception_only(type(exc), exc)
    return lines[-1].strip() if lines else repr(exc)


try:
    import django
    out["django"] = django.get_version()
except Exception as exc:  # noqa: BLE001 - every failure is a finding
    out["djangoError"] = last_line(exc)

servers = {}
for name in ("waitress", "gunicorn", "uvicorn"):
    try:
        found = importlib.util.find_spec(name) is not None
    except Exception:  # noqa: BLE001
        found = False
    if not found:
        servers[name] = None
        continue
    try:
        from importlib.metadata import version
        servers[name] = version(name)
    except Exception:  # noqa: BLE001
        servers[name] = "installed"
out["servers"] = servers

if len(sys.argv) == 4 and "django" in out:
    project, settings, health = sys.argv[1:4]
    sys.path.insert(0, project)
    os.environ["DJANGO_SETTINGS_MODULE"] = settings
    try:
        django.setup()
        out["settings"] = settings
        from django.urls import Resolver404, resolve
        try:
            match = resolve(health)
            out["healthView"] = match._func_path
        except Resolver404:
            out["healthView"] = None
    except Exception as exc:  # noqa: BLE001
        out["settingsError"] = last_line(exc)

print(json.dumps(out))
