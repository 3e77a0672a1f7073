"""ASGI entry point: ``archive_site.asgi:application``.

It loads ``archive_site.server_settings``, which refuse the development secret key with
debugging off.
"""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "archive_site.server_settings")

application = get_asgi_application()
