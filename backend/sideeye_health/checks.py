"""Running the health checks: the database check and custom checks within their time budgets.

Each result is a dict ``{"status": "healthy"|"unhealthy", "latencyMs": 1.2}``, plus
``"error"`` when unhealthy and any details a custom check returned.

A custom check is a callable taking no arguments. It is healthy when it returns ``None``,
``True`` or a dict (details to report; a ``"status"`` key other than ``healthy``/``ok``/
``pass``/``up`` makes it unhealthy); unhealthy when it returns ``False``, raises, or overruns
its budget. Custom checks run in parallel, each on its own daemon thread, so one answer takes
at most the largest budget. A check that overran is not started again while it still runs
(it is reported unhealthy instead), so a hung check never piles up threads.
"""
from __future__ import annotations

import threading
import time
from typing import Dict, List

from django.db import connections

from .conf import CustomCheck, HealthSettings, database_check_name

HEALTHY = "healthy"
UNHEALTHY = "unhealthy"
_HEALTHY_WORDS = ("healthy", "ok", "pass", "up")

_inflight: Dict[str, threading.Thread] = {}
_inflight_lock = threading.Lock()


def run_checks(health: HealthSettings) -> Dict[str, dict]:
    """Runs every configured check and returns the results by name, in configured order."""
    results = {}
    for alias in health.database_aliases:
        results[database_check_name(alias)] = check_database(alias)
    results.update(run_custom_checks(health.checks))
    return results


def check_database(alias: str) -> dict:
    """Runs ``SELECT 1`` on the connection ``alias`` of this thread."""
    started = time.perf_counter()
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception as exc:  # any failure of the database is what this check reports
        return _result(UNHEALTHY, started, error=_describe(exc))
    return _result(HEALTHY, started)


def run_custom_checks(checks) -> Dict[str, dict]:
    """Runs the custom checks in parallel, each bounded by its budget."""
    running: List[tuple] = []
    results: Dict[str, dict] = {}
    for check in checks:
        results[check.name] = {}  # holds the configured order while the checks run
        started = _start(check)
        if isinstance(started, dict):
            results[check.name] = started
        else:
            running.append((check,) + started)
    for check, thread, box, started_at in running:
        deadline = started_at + check.budget_ms / 1000.0
        thread.join(max(0.0, deadline - time.perf_counter()))
        results[check.name] = _outcome(check, thread, box, started_at)
    return results


def _start(check: CustomCheck):
    started_at = time.perf_counter()
    with _inflight_lock:
        previous = _inflight.get(check.name)
        if previous is not None and previous.is_alive():
            return _result(UNHEALTHY, started_at, error=(
                "still running since an earlier health check, which it overran "
                "(budget %s ms); not started again" % _ms(check.budget_ms)))
        box: dict = {}
        thread = threading.Thread(
            target=_call, args=(check, box), name="sideeye-health-" + check.name, daemon=True)
        _inflight[check.name] = thread
        thread.start()
    return thread, box, started_at


def _call(check: CustomCheck, box: dict) -> None:
    try:
        box["value"] = check.func()
    except Exception as exc:
        box["error"] = exc
    finally:
        box["done"] = time.perf_counter()
        connections.close_all()  # this thread's own connections, if the check opened any


def _outcome(check: CustomCheck, thread: threading.Thread, box: dict, started_at: float) -> dict:
    if "done" not in box:
        return _result(UNHEALTHY, started_at, error="did not finish within its %s ms budget (%s)"
                       % (_ms(check.budget_ms), check.path))
    finished = box["done"]
    if "error" in box:
        return _result(UNHEALTHY, started_at, finished, error=_describe(box["error"]))
    value = box.get("value")
    if value is None or value is True:
        return _result(HEALTHY, started_at, finished)
    if value is False:
        return _result(UNHEALTHY, started_at, finished, error="%s returned False" % check.path)
    if isinstance(value, dict):
        details = dict(value)
        status = str(details.pop("status", HEALTHY)).lower()
        details.pop("latencyMs", None)
        if status in _HEALTHY_WORDS:
            return dict(_result(HEALTHY, started_at, finished), **details)
        details.setdefault("error", "%s reported status %r" % (check.path, status))
        return dict(_result(UNHEALTHY, started_at, finished), **details)
    return _result(UNHEALTHY, started_at, finished, error=(
        "%s returned a %s; a check returns None, True, False or a dict"
        % (check.path, type(value).__name__)))


def _result(status: str, started: float, finished: float = None, error: str = None) -> dict:
    end = time.perf_counter() if finished is None else finished
    result = {"status": status, "latencyMs": round((end - started) * 1000.0, 2)}
    if error is not None:
        result["error"] = error
    return result


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    return "%s: %s" % (type(exc).__name__, text) if text else type(exc).__name__


def _ms(value: float) -> str:
    return ("%d" % value) if float(value).is_integer() else ("%g" % value)
