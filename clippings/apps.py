from django.apps import AppConfig


class ClippingsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "clippings"
    verbose_name = "Clippings"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import history_recording
        from .search import restore_dropped_triggers

        history_recording.connect(self.get_models())
        post_migrate.connect(restore_dropped_triggers, sender=self)
