"""URL routes of the SideEye reference backend: everything lives under /api/."""
from django.urls import include, path

urlpatterns = [
    path("api/", include("sideeye_health.urls")),
    path("api/", include("notes.urls")),
]
