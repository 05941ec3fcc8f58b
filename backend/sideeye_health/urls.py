"""The health route. Include it under the API prefix: ``path("api/", include("sideeye_health.urls"))``."""
from django.urls import path

from . import views

app_name = "sideeye_health"

urlpatterns = [
    path("health/", views.health, name="health"),
    path("health", views.health),
]
