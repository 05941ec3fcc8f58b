"""Middleware for the API paths (``SIDEEYE_API_PREFIX``, default ``/api/``).

- :class:`ApiTokenMiddleware`: every API request needs ``Authorization: Bearer <token>`` with
  the value of the environment variable ``SIDEEYE_API_TOKEN``, compared in constant time; views
  marked with :func:`token_exempt` (the health check) accept the token but do not need it.
  Without a token the API refuses every request (401), unless ``SIDEEYE_API_OPEN=1`` says it
  is meant to be open, which is logged as a warning when the server loads. A state-changing
  request (POST, PUT, PATCH; DELETE with a body) must declare a JSON body
  (``Content-Type: application/json`` or ``+json``), else 415: so no simple cross-site form
  post, which cannot send that type without the server's consent, reaches a view.
- :class:`JsonApiErrorsMiddleware`: every error answer under the API prefix is JSON
  ``{"error": "..."}`` (404, 405, 500 ...), never an HTML page, even with ``DEBUG`` on; and a
  request whose Host is not in ``ALLOWED_HOSTS`` gets a 400 that says so.

Put ``JsonApiErrorsMiddleware`` first in ``MIDDLEWARE`` so that it also covers errors raised
by the middleware after it, and ``ApiTokenMiddleware`` before any middleware that does work
for the request.
"""
from __future__ import annotations

import hmac
import logging
import os

from django.conf import settings
from django.core.exceptions import DisallowedHost, ImproperlyConfigured
from django.urls import Resolver404, resolve

from .conf import api_prefix
from .responses import json_error

ENV_TOKEN = "SIDEEYE_API_TOKEN"
ENV_OPEN = "SIDEEYE_API_OPEN"
_BODY_METHODS = ("POST", "PUT", "PATCH")
log = logging.getLogger(__name__)
_COPIED_HEADERS = ("Allow", "WWW-Authenticate", "Retry-After")


def token_exempt(view):
    """Marks a view (function or class) as reachable without the API token."""
    view.sideeye_token_exempt = True
    return view


class ApiTokenMiddleware:
    """Requires ``Authorization: Bearer $SIDEEYE_API_TOKEN`` on the API (unless ``SIDEEYE_API_OPEN``)
    and a JSON body on its state-changing requests."""

    def __init__(self, get_response):
        self.get_response = get_response
        if not os.environ.get(ENV_TOKEN, ""):
            if api_open():
                log.warning("%s is on and %s is not set: the API under %s answers anyone who can reach "
                            "this port, without a token", ENV_OPEN, ENV_TOKEN, api_prefix())
            else:
                log.warning("%s is not set: the API under %s refuses every request but the health check; "
                            "set it (the manager does), or set %s=1 to serve the API without a token",
                            ENV_TOKEN, api_prefix(), ENV_OPEN)

    def __call__(self, request):
        if request.path_info.startswith(api_prefix()) and not _is_exempt(request):
            token = os.environ.get(ENV_TOKEN, "")
            if token or not api_open():
                problem = _token_problem(request.META.get("HTTP_AUTHORIZATION", ""), token)
                if problem is not None:
                    response = json_error(401, problem)
                    response["WWW-Authenticate"] = 'Bearer realm="sideeye"'
                    return response
            if _needs_json(request) and not _declares_json(request.META.get("CONTENT_TYPE", "")):
                return json_error(415, "A %s to the API must have a JSON body: send 'Content-Type: "
                                       "application/json'" % request.method)
        return self.get_response(request)


def api_open() -> bool:
    """Whether ``SIDEEYE_API_OPEN`` says the API may be served without a token."""
    value = os.environ.get(ENV_OPEN, "").strip().lower()
    if value in ("", "0", "false", "no", "off"):
        return False
    if value in ("1", "true", "yes", "on"):
        return True
    raise ImproperlyConfigured("%s=%r is not a yes/no value; use 1 or 0 (or true/false, yes/no, on/off)"
                               % (ENV_OPEN, os.environ.get(ENV_OPEN)))


def _needs_json(request) -> bool:
    if request.method in _BODY_METHODS:
        return True
    if request.method == "DELETE":
        length = request.META.get("CONTENT_LENGTH") or "0"
        return length.strip() not in ("", "0") or "HTTP_TRANSFER_ENCODING" in request.META
    return False


def _declares_json(content_type: str) -> bool:
    kind = content_type.split(";")[0].strip().lower()
    return kind == "application/json" or (kind.startswith("application/") and kind.endswith("+json"))


def _token_problem(header: str, token: str):
    if not token:
        return ("This backend was started without %s, so its API is closed: set %s (the manager "
                "does), or set %s=1 to serve the API without a token" % (ENV_TOKEN, ENV_TOKEN, ENV_OPEN))
    scheme, _, value = header.strip().partition(" ")
    if not header.strip():
        return ("This API needs a token: send the header 'Authorization: Bearer <token>' with "
                "the value of %s that the backend was started with" % ENV_TOKEN)
    if scheme.lower() != "bearer" or not value.strip():
        return "The Authorization header must have the form 'Bearer <token>'"
    if not hmac.compare_digest(value.strip().encode("utf-8"), token.encode("utf-8")):
        return ("The token in the Authorization header is not the one the backend was started "
                "with (%s)" % ENV_TOKEN)
    return None


def _is_exempt(request) -> bool:
    try:
        match = resolve(request.path_info, getattr(request, "urlconf", None))
    except Resolver404:
        return False
    func = match.func
    view_class = getattr(func, "view_class", None) or getattr(func, "cls", None)
    return bool(getattr(func, "sideeye_token_exempt", False)
                or getattr(view_class, "sideeye_token_exempt", False))


class JsonApiErrorsMiddleware:
    """Turns every non-JSON error answer under the API prefix into ``{"error": "..."}``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(api_prefix()):
            return self.get_response(request)
        try:
            request.get_host()
        except DisallowedHost:
            return json_error(400, "Host %r is not allowed here; use one of: %s"
                              % (request.META.get("HTTP_HOST", "")[:100], ", ".join(settings.ALLOWED_HOSTS)))
        response = self.get_response(request)
        if response.status_code < 400 or _is_json(response):
            return response
        replacement = json_error(response.status_code, _message(request, response))
        for header in _COPIED_HEADERS:
            if response.has_header(header):
                replacement[header] = response[header]
        return replacement


def _is_json(response) -> bool:
    content_type = response.get("Content-Type", "").split(";")[0].strip().lower()
    return content_type == "application/json" or content_type.endswith("+json")


def _message(request, response) -> str:
    status, method, path = response.status_code, request.method, request.path
    if status == 404:
        return "Not found: %s %s" % (method, path)
    if status == 405:
        return "Method %s is not allowed on %s; allowed: %s" % (method, path, response.get("Allow", "none"))
    if status >= 500:
        return ("Internal server error while handling %s %s; the details are in the backend's "
                "log" % (method, path))
    return "%s (HTTP %d): %s %s" % (response.reason_phrase, status, method, path)
