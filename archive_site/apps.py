from django.apps import AppConfig


class ArchiveSiteConfig(AppConfig):
    """The project itself, as an app only for its system checks."""

    name = "archive_site"
    verbose_name = "Clipping Archive site"

    def ready(self):
        from . import checks  # noqa: F401  (registers them)
