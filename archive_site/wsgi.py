"""WSGI entry point: ``archive_site.wsgi:application`` (``make serve`` runs it under gunicorn).

It loads ``archive_site.server_settings``, which refuse the development secret key with
debugging off.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive_site.server_settings")

application = get_wsgi_application()
