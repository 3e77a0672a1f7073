"""WSGI entry point: ``archive_site.wsgi:application`` (``make serve`` runs it under gunicorn).

With debugging off it refuses to start on the development secret key.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive_site.settings")

application = get_wsgi_application()

from archive_site.checks import refuse_development_key_in_production  # noqa: E402

refuse_development_key_in_production()
