"""The notes API: ``/api/notes/`` (GET list, POST create) and ``/api/notes/<id>/`` (GET,
PUT, PATCH, DELETE). Answers and errors are JSON; errors name the field at fault."""
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt

from sideeye_health.responses import json_error, method_not_allowed

from .models import Note
from .validation import InvalidRequest, clean_note, read_json_object


@csrf_exempt  # a token-protected JSON API without cookies: CSRF does not apply
def note_list(request):
    """GET: ``{"count": n, "notes": [...]}``; POST: 201 with the new note."""
    if request.method in ("GET", "HEAD"):
        notes = [note.to_json() for note in Note.objects.all()]
        return JsonResponse({"count": len(notes), "notes": notes})
    if request.method == "POST":
        try:
            fields = clean_note(read_json_object(request), partial=False)
        except InvalidRequest as exc:
            return json_error(400, exc.message, exc.field)
        note = Note.objects.create(**fields)
        response = JsonResponse(note.to_json(), status=201)
        response["Location"] = reverse("notes:detail", args=[note.id])
        return response
    return method_not_allowed(request, ("GET", "HEAD", "POST"))


@csrf_exempt
def note_detail(request, note_id):
    """GET the note; PUT replaces it, PATCH changes the given fields; DELETE: 204."""
    if request.method not in ("GET", "HEAD", "PUT", "PATCH", "DELETE"):
        return method_not_allowed(request, ("GET", "HEAD", "PUT", "PATCH", "DELETE"))
    note = Note.objects.filter(pk=note_id).first()
    if note is None:
        return json_error(404, "Note %d does not exist" % note_id)
    if request.method in ("GET", "HEAD"):
        return JsonResponse(note.to_json())
    if request.method == "DELETE":
        note.delete()
        return HttpResponse(status=204)
    try:
        fields = clean_note(read_json_object(request), partial=request.method == "PATCH")
    except InvalidRequest as exc:
        return json_error(400, exc.message, exc.field)
    for name, value in fields.items():
        setattr(note, name, value)
    note.save()
    return JsonResponse(note.to_json())
