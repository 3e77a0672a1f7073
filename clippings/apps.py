from django.apps import AppConfig


class ClippingsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "clippings"
    verbose_name = "Clippings"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import history_recording
        from .search import ensure_search_index

        def keep_search_index(using, **kwargs):
            from django.db import connections

            ensure_search_index(connections[using])

        post_migrate.connect(keep_search_index, sender=self, weak=False)
        history_recording.connect(self.get_models())
