"""``manage.py check --deploy`` reports the development secret key as an error."""

from django.conf import settings
from django.core import checks

from archive_site.settings import DEVELOPMENT_KEY_MESSAGE, DEVELOPMENT_SECRET_KEY


@checks.register(checks.Tags.security, deploy=True)
def check_secret_key_is_not_the_development_key(app_configs, **kwargs):
    if settings.SECRET_KEY == DEVELOPMENT_SECRET_KEY:
        return [checks.Error(DEVELOPMENT_KEY_MESSAGE, id="archive_site.E001")]
    return []
