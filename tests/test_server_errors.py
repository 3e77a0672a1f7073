"""A server error leaves its traceback and path in standard error, gunicorn's error log."""

import logging
import sys

import pytest
from django.urls import include, path


class BrokenViewError(Exception):
    pass


def broken_view(request):
    raise BrokenViewError("the view fell over on purpose")


urlpatterns = [path("broken/", broken_view), path("", include("clippings.urls"))]


@pytest.fixture
def client_seeing_500s(client):
    """The test client answering as a server does: a 500 page, not the exception raised."""
    client.raise_request_exception = False
    return client


@pytest.mark.urls(__name__)
def test_server_error_is_logged_with_its_path_and_traceback_to_standard_error(
    client_seeing_500s, capfd, settings
):
    settings.DEBUG = False
    capfd.readouterr()
    response = client_seeing_500s.get("/broken/?page=2")
    assert response.status_code == 500
    err = capfd.readouterr().err
    assert "[ERROR] django.request: Internal Server Error: /broken/" in err
    assert "Traceback (most recent call last):" in err
    assert "BrokenViewError: the view fell over on purpose" in err


@pytest.mark.urls(__name__)
def test_server_error_is_printed_once_while_debugging(
    client_seeing_500s, capfd, settings, monkeypatch
):
    """While debugging Django's console handler prints the error; nothing prints it again."""
    settings.DEBUG = True
    console = next(h for h in logging.getLogger("django").handlers if h.name == "console")
    monkeypatch.setattr(console, "stream", sys.__stderr__)  # where it writes outside pytest
    capfd.readouterr()
    response = client_seeing_500s.get("/broken/")
    assert response.status_code == 500
    err = capfd.readouterr().err
    assert err.count("Traceback (most recent call last):") == 1
    assert err.count("Internal Server Error: /broken/") == 1


@pytest.mark.urls(__name__)
def test_a_server_error_answers_in_the_sites_layout_with_a_way_back(client_seeing_500s, settings):
    settings.DEBUG = False
    response = client_seeing_500s.get("/broken/")
    html = response.content.decode()
    assert response.status_code == 500
    assert "<h1>Something went wrong</h1>" in html
    assert '<nav aria-label="Site">' in html
    assert '<input type="search" name="q" id="way-back-q" maxlength="200">' in html
    assert "BrokenViewError" not in html
