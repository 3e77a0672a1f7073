from django.http import HttpResponse
from django.urls import include, path

FLOOR_BODY = b"floor\n"


def floor(request):
    """A constant response: what the server, the settings and the middleware cost alone."""
    return HttpResponse(FLOOR_BODY, content_type="text/plain; charset=utf-8")


urlpatterns = [
    path("bench/floor/", floor, name="bench-floor"),
    path("", include("archive_site.urls")),
]
