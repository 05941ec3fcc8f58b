"""URLs for the middleware tests: the health route plus views that fail in known ways."""
from django.http import Http404
from django.urls import include, path
from django.views import View
from django.views.decorators.http import require_POST

from sideeye_health.middleware import token_exempt
from sideeye_health.responses import json_error


def explode(request):
    raise RuntimeError("the view broke on purpose")


@require_POST
def post_only(request):
    return json_error(200, "unused")


def missing(request):
    raise Http404("no such thing")


def private(request):
    return json_error(418, "reached the private view")


@token_exempt
class PublicView(View):
    def get(self, request):
        return json_error(418, "reached the public view")


urlpatterns = [
    path("api/", include("sideeye_health.urls")),
    path("api/explode/", explode),
    path("api/post-only/", post_only),
    path("api/missing/", missing),
    path("api/private/", private),
    path("api/public/", PublicView.as_view()),
    path("outside/explode/", explode),
]
