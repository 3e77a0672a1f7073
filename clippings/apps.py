from django.apps import AppConfig


class ClippingsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "clippings"
    verbose_name = "Clippings"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import changes, history_recording, quote_dates, speaker_names
        from .search import restore_dropped_triggers

        history_recording.connect(self.get_models())
        speaker_names.connect()
        quote_dates.connect()
        changes.connect(self)
        post_migrate.connect(restore_dropped_triggers, sender=self)
