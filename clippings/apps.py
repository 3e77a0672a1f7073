from django.apps import AppConfig


class ClippingsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "clippings"
    verbose_name = "Clippings"

    def ready(self):
        from . import changes, history_recording, speaker_names

        history_recording.connect(self.get_models())
        speaker_names.connect()
        changes.connect(self)
