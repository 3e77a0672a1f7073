"""Settings for a process that serves the site: ``archive_site.wsgi`` and ``archive_site.asgi``.

The project's settings, and one rule more. With debugging off such a process serves the
public, so a missing ``DJANGO_SECRET_KEY``, or the development key set by hand, stops it here,
as its settings load, before it answers anything. Management commands load
``archive_site.settings``, where ``manage.py check --deploy`` reports the same key as an error.
"""

from django.core.exceptions import ImproperlyConfigured

from archive_site.settings import *  # noqa: F403
from archive_site.settings import DEBUG, DEVELOPMENT_KEY_MESSAGE, DEVELOPMENT_SECRET_KEY, SECRET_KEY

if not DEBUG and SECRET_KEY == DEVELOPMENT_SECRET_KEY:
    raise ImproperlyConfigured(f"Refusing to start. {DEVELOPMENT_KEY_MESSAGE}")
