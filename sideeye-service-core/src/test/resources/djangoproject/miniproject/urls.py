"""The health contract, and nothing else."""
import os

from django.http import JsonResponse
from django.urls import path


def health(request):
    return JsonResponse({"status": "healthy", "instance": os.environ.get("SIDEEYE_INSTANCE_ID", "")})


urlpatterns = [path("api/health/", health)]
