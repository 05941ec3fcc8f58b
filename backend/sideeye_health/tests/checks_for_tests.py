"""Custom health checks used by the tests, controlled through module attributes."""
import threading

release = threading.Event()


def passes():
    return None


def passes_with_details():
    return {"freeMb": 512}


def returns_false():
    return False


def reports_degraded():
    return {"status": "degraded", "queue": 7}


def raises():
    raise ConnectionError("cache at 127.0.0.1:6379 refused the connection")


def returns_text():
    return "fine"


def blocks_until_released():
    release.wait()


not_callable = 42
