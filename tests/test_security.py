"""Production security: login throttling, the deploy checks, the secret key, response headers."""

import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.urls import reverse

BASE_DIR = Path(__file__).resolve().parent.parent
PASSWORD = "correct horse battery staple"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*application/ld\+json)[^>]*>", re.I)


def production_env(tmp_path, **overrides):
    """The environment of a server: debugging off, its own key, its host name."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env.update(
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="archive.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}",
    )
    env.update(overrides)
    return {k: v for k, v in env.items() if v is not None}


def run_python(env, *args):
    return subprocess.run(
        [sys.executable, *args], cwd=BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )


@pytest.fixture
def editor(db):
    return get_user_model().objects.create_superuser("editor", "editor@example.org", PASSWORD)


def log_in(client, password):
    return client.post(
        reverse("admin:login"), {"username": "editor", "password": password, "next": "/admin/"}
    )


def test_sixth_login_after_five_wrong_passwords_is_refused_even_with_the_right_one(client, editor):
    for _ in range(4):
        response = log_in(client, "wrong password")
        assert response.status_code == 200  # the login form again, with its error
    assert log_in(client, "wrong password").status_code == 429  # the fifth locks the name out
    response = log_in(client, PASSWORD)
    assert response.status_code == 429
    assert "Account locked: too many login attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_right_password_after_four_wrong_ones_logs_in(client, editor):
    for _ in range(4):
        log_in(client, "wrong password")
    response = log_in(client, PASSWORD)
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(editor.pk)


def test_lockout_is_per_user_name_and_address(client, editor):
    """Five failures from one address lock that name there, not the name everywhere."""
    for _ in range(5):
        log_in(client, "wrong password")
    response = client.post(
        reverse("admin:login"),
        {"username": "editor", "password": PASSWORD, "next": "/admin/"},
        REMOTE_ADDR="192.0.2.7",
    )
    assert response.status_code == 302


def test_deploy_check_reports_no_issues_in_production(tmp_path):
    result = run_python(production_env(tmp_path), "manage.py", "check", "--deploy")
    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_deploy_check_fails_on_the_development_secret_key(tmp_path):
    env = production_env(tmp_path, DJANGO_SECRET_KEY=None)
    result = run_python(env, "manage.py", "check", "--deploy")
    assert result.returncode != 0
    assert "archive_site.E001" in result.stderr
    assert "DJANGO_SECRET_KEY is not set" in result.stderr


@pytest.mark.parametrize("entry_point", ["archive_site.wsgi", "archive_site.asgi"])
def test_server_refuses_to_start_on_the_development_secret_key(tmp_path, entry_point):
    env = production_env(tmp_path, DJANGO_SECRET_KEY=None)
    result = run_python(env, "-c", f"import {entry_point}")
    assert result.returncode != 0
    assert "ImproperlyConfigured: Refusing to start. DJANGO_SECRET_KEY is not set" in (
        result.stderr
    )


@pytest.mark.parametrize("entry_point", ["archive_site.wsgi", "archive_site.asgi"])
def test_server_starts_with_a_secret_key(tmp_path, entry_point):
    result = run_python(production_env(tmp_path), "-c", f"import {entry_point}")
    assert result.returncode == 0, result.stderr


def test_development_server_starts_on_the_development_key(tmp_path):
    """`make run` sets DJANGO_DEBUG=1 and no key."""
    env = production_env(tmp_path, DJANGO_SECRET_KEY=None, DJANGO_DEBUG="1")
    result = run_python(env, "-c", "import archive_site.wsgi")
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "key", [None, "django-insecure-clipping-archive-development-only"], ids=["unset", "set"]
)
def test_server_settings_refuse_the_development_key_as_they_load(tmp_path, key):
    """Whatever runs with them, not only the WSGI and ASGI entry points."""
    env = production_env(
        tmp_path, DJANGO_SECRET_KEY=key, DJANGO_SETTINGS_MODULE="archive_site.server_settings"
    )
    result = run_python(env, "manage.py", "check")
    assert result.returncode != 0
    assert "ImproperlyConfigured: Refusing to start. DJANGO_SECRET_KEY is not set" in (
        result.stderr
    )


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        ("DJANGO_DEBUG", "maybe", "DJANGO_DEBUG must be 1 or 0 (true/false), not 'maybe'."),
        ("DJANGO_HSTS_SECONDS", "a year", "DJANGO_HSTS_SECONDS must be a whole number"),
        ("REDIS_URL", "127.0.0.1:6379", "REDIS_URL must be a redis://, rediss:// or unix:// URL"),
    ],
)
def test_a_setting_the_environment_gets_wrong_stops_the_site_naming_it(
    tmp_path, variable, value, expected
):
    result = run_python(production_env(tmp_path, **{variable: value}), "manage.py", "check")
    assert result.returncode != 0
    assert f"ImproperlyConfigured: {expected}" in result.stderr


SECURITY_SETTINGS = [
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SESSION_COOKIE_SECURE",
    "CSRF_COOKIE_SECURE",
]


def settings_in(env):
    code = (
        "import json, django; from django.conf import settings; django.setup(); "
        f"names = {[*SECURITY_SETTINGS, 'STORAGES', 'DEBUG']!r}; "
        "print(json.dumps({n: getattr(settings, n) for n in names}, default=str))"
    )
    result = run_python({**env, "DJANGO_SETTINGS_MODULE": "archive_site.settings"}, "-c", code)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def production_settings(tmp_path_factory):
    return settings_in(production_env(tmp_path_factory.mktemp("production")))


def test_production_turns_on_https_and_hashed_compressed_static_files(production_settings):
    assert production_settings["DEBUG"] is False
    assert production_settings["SECURE_SSL_REDIRECT"] is True
    assert production_settings["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert production_settings["SECURE_HSTS_SECONDS"] >= 365 * 24 * 60 * 60
    assert production_settings["SESSION_COOKIE_SECURE"] is True
    assert production_settings["CSRF_COOKIE_SECURE"] is True
    assert production_settings["STORAGES"]["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )


def test_plain_http_serving_keeps_the_rest_of_production(tmp_path):
    """`make serve` on loopback: DJANGO_HTTPS=0 drops the redirect and secure cookies only."""
    served = settings_in(production_env(tmp_path, DJANGO_HTTPS="0"))
    assert served["SECURE_SSL_REDIRECT"] is False
    assert served["SESSION_COOKIE_SECURE"] is False
    assert served["STORAGES"]["staticfiles"]["BACKEND"].startswith("whitenoise.")


def test_production_redirects_to_https_and_sends_hsts_behind_the_proxy(
    client, db, production_settings
):
    https = {name: production_settings[name] for name in SECURITY_SETTINGS}
    https["SECURE_PROXY_SSL_HEADER"] = tuple(https["SECURE_PROXY_SSL_HEADER"])
    with override_settings(**https):
        response = client.get("/speakers/")
        assert response.status_code == 301
        assert response["Location"] == "https://testserver/speakers/"
        response = client.get("/speakers/", headers={"x-forwarded-proto": "https"})
        assert response.status_code == 200
        assert response["Strict-Transport-Security"] == (
            "max-age=31536000; includeSubDomains; preload"
        )


def assert_security_headers(response):
    policy = response["Content-Security-Policy"]
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


PUBLIC_PAGES = [
    "/",
    "/articles/armenia-azerbaijan-karabakh-conflict-escalates/",
    "/articles/armenia-azerbaijan-karabakh-conflict-escalates/evolution/",
    "/articles/armenia-azerbaijan-karabakh-conflict-escalates/versions/update-1/",
    "/quotes/?q=ceasefire",
    "/speakers/",
]


@pytest.mark.parametrize("url", [*PUBLIC_PAGES, "quote q14"])
def test_public_pages_send_security_headers_and_have_no_inline_scripts_or_styles(
    client, karabakh, url
):
    if url.startswith("quote "):  # a quote's page, whose address holds its id
        url = karabakh.quotes.get(anchor=url.removeprefix("quote ")).get_absolute_url()
    response = client.get(url)
    assert response.status_code == 200
    assert_security_headers(response)
    html = response.content.decode()
    assert not INLINE_SCRIPT.search(html)
    assert not re.search(r"<[^>]+\sstyle=|<style", html, re.I)
    assert not re.search(r"\son[a-z]+=", html, re.I)


@pytest.mark.parametrize(
    ("url", "logged_in"),
    [("/admin/login/", False), ("/admin/", True), ("/admin/clippings/article/", True)],
)
def test_admin_pages_send_security_headers(client, admin_client, karabakh, url, logged_in):
    response = (admin_client if logged_in else client).get(url)
    assert response.status_code == 200
    assert_security_headers(response)
    assert not INLINE_SCRIPT.search(response.content.decode())
