# sideeye init's look at one Django project. Prints one JSON object on stdout.
# Usage: python -c <this> PROJECT_DIR SETTINGS_MODULE HEALTH_PATH
import importlib.util
import json
import os
import sys
import traceback

project, settings_module, health_path = sys.argv[1:4]
sys.path.insert(0, project)
os.environ["DJANGO_SETTINGS_MODULE"] = settings_module
out = {}


def last_line(exc):
    lines = traceback.format_exception_only(type(exc), exc)
    return lines[-1].strip() if lines else repr(exc)


def origin(module):
    """The file of a module, without running it (its parent packages are imported)."""
    try:
        spec = importlib.util.find_spec(module)
    except Exception:  # noqa: BLE001 - a module that cannot be found has no file
        return None
    return spec.origin if spec is not None and spec.origin not in (None, "namespace") else None


def colon_form(dotted):
    """``pkg.wsgi.application`` as ``pkg.wsgi:application``, when module ``pkg.wsgi`` exists."""
    module, _, attribute = dotted.rpartition(".")
    return module + ":" + attribute if module and origin(module) else None


out["settingsFile"] = origin(settings_module)
out["healthAppFile"] = origin("sideeye_health")
try:
    import django
    from django.conf import settings

    django.setup()
except Exception as exc:  # noqa: BLE001 - every failure is a finding
    out["settingsError"] = last_line(exc)
    print(json.dumps(out))
    sys.exit(0)

apps = list(getattr(settings, "INSTALLED_APPS", []))
out["installedAppsIsTuple"] = isinstance(settings.INSTALLED_APPS, tuple)
out["appInstalled"] = any(a == "sideeye_health" or a.startswith("sideeye_health.") for a in apps)
middleware = list(getattr(settings, "MIDDLEWARE", None) or [])
out["middlewareIsTuple"] = isinstance(getattr(settings, "MIDDLEWARE", None), tuple)
out["tokenMiddleware"] = "sideeye_health.middleware.ApiTokenMiddleware" in middleware
out["jsonErrorsMiddleware"] = "sideeye_health.middleware.JsonApiErrorsMiddleware" in middleware
out["debug"] = bool(settings.DEBUG)
out["allowedHosts"] = list(settings.ALLOWED_HOSTS)
out["rootUrlconf"] = getattr(settings, "ROOT_URLCONF", None)
out["urlsFile"] = origin(out["rootUrlconf"]) if out["rootUrlconf"] else None

wsgi = getattr(settings, "WSGI_APPLICATION", None)
asgi = getattr(settings, "ASGI_APPLICATION", None)
package = settings_module.rpartition(".")[0]
out["wsgi"] = colon_form(wsgi) if wsgi else (package + ".wsgi:application" if package and origin(package + ".wsgi") else None)
out["asgi"] = colon_form(asgi) if asgi else (package + ".asgi:application" if package and origin(package + ".asgi") else None)

try:
    from django.urls import Resolver404, resolve

    try:
        match = resolve(health_path)
        out["healthView"] = match._func_path
    except Resolver404:
        out["healthView"] = None
except Exception as exc:  # noqa: BLE001 - a broken urls.py is a finding
    out["urlsError"] = last_line(exc)

print(json.dumps(out))
