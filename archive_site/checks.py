"""Refuse to serve with the development secret key."""

from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured

DEVELOPMENT_KEY_MESSAGE = (
    "DJANGO_SECRET_KEY is not set: the site would run with the development-only secret key, "
    "which is published in the source code. Set DJANGO_SECRET_KEY to a long random value, "
    'e.g. python3 -c "import secrets; print(secrets.token_urlsafe(50))".'
)


def uses_development_key():
    from archive_site.settings import DEVELOPMENT_SECRET_KEY

    return settings.SECRET_KEY == DEVELOPMENT_SECRET_KEY


@checks.register(checks.Tags.security, deploy=True)
def check_secret_key_is_not_the_development_key(app_configs, **kwargs):
    if uses_development_key():
        return [checks.Error(DEVELOPMENT_KEY_MESSAGE, id="archive_site.E001")]
    return []


def refuse_development_key_in_production():
    """Called by the WSGI and ASGI entry points: with debugging off, they serve the public."""
    if not settings.DEBUG and uses_development_key():
        raise ImproperlyConfigured(f"Refusing to start. {DEVELOPMENT_KEY_MESSAGE}")
