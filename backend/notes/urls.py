"""Routes of the notes API; each answers with and without the trailing slash."""
from django.urls import path

from . import views

app_name = "notes"

urlpatterns = [
    path("notes/", views.note_list, name="list"),
    path("notes", views.note_list),
    path("notes/<int:note_id>/", views.note_detail, name="detail"),
    path("notes/<int:note_id>", views.note_detail),
]
