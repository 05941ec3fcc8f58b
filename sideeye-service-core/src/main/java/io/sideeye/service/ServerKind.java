package io.sideeye.service;

/**
 * Which server runs the Django application when no explicit {@code command} is configured.
 */
public enum ServerKind {
    /** Waitress when the interpreter can import it, otherwise Django's runserver. */
    AUTO,
    /** {@code manage.py runserver --noreload}: Django's development server, no extra package. */
    RUNSERVER,
    /** {@code python -m waitress} serving the WSGI application: production-grade, pure Python. */
    WAITRESS,
    /** {@code python -m gunicorn} serving the WSGI application (Unix only). */
    GUNICORN,
    /** {@code python -m uvicorn} serving the ASGI application. */
    UVICORN
}
