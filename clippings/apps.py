from django.apps import AppConfig


class ClippingsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "clippings"
    verbose_name = "Clippings"

    def ready(self):
        from . import changes, history_recording

        history_recording.connect(self.get_models())
        changes.connect(self)
