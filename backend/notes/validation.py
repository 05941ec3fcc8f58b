"""Reading and checking the JSON body of a note request."""
import json

from .models import BODY_MAX_LENGTH, TITLE_MAX_LENGTH

FIELDS = ("title", "body")


class InvalidRequest(Exception):
    """A request the API refuses with 400; ``field`` names the field at fault, if any."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field


def read_json_object(request) -> dict:
    """The request body as a JSON object, or :class:`InvalidRequest` saying what is wrong."""
    raw = request.body
    if not raw.strip():
        raise InvalidRequest("The request needs a JSON object body, e.g. {\"title\": \"...\"}")
    try:
        data = json.loads(raw.decode(request.encoding or "utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise InvalidRequest("The request body is not valid JSON: %s" % exc) from exc
    if not isinstance(data, dict):
        raise InvalidRequest("The request body must be a JSON object, not %s" % _json_type(data))
    return data


def clean_note(data: dict, partial: bool) -> dict:
    """The note fields of ``data``, checked; ``partial`` (PATCH) makes ``title`` optional."""
    for key in data:
        if key not in FIELDS:
            raise InvalidRequest("Unknown field %r; a note has: %s" % (key, ", ".join(FIELDS)), key)
    cleaned = {}
    if "title" in data or not partial:
        cleaned["title"] = _title(data.get("title"))
    if "body" in data:
        cleaned["body"] = _text("body", data["body"], BODY_MAX_LENGTH)
    elif not partial:
        cleaned["body"] = ""
    return cleaned


def _title(value) -> str:
    if value is None:
        raise InvalidRequest("title is required", "title")
    title = _text("title", value, TITLE_MAX_LENGTH).strip()
    if not title:
        raise InvalidRequest("title must not be blank", "title")
    return title


def _text(field, value, max_length) -> str:
    if not isinstance(value, str):
        raise InvalidRequest("%s must be a string, not %s" % (field, _json_type(value)), field)
    if len(value) > max_length:
        raise InvalidRequest("%s is %d characters long; at most %d are allowed"
                             % (field, len(value), max_length), field)
    return value


def _json_type(value) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return "a string"
