from django.apps import AppConfig


class ClippingsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "clippings"
    verbose_name = "Clippings"

    def ready(self):
        from django.db.models.signals import post_migrate, pre_save

        from .search import ensure_search_index

        def keep_search_index(using, **kwargs):
            from django.db import connections

            ensure_search_index(connections[using])

        post_migrate.connect(keep_search_index, sender=self, weak=False)

        def no_history_for_raw_saves(instance, raw, **kwargs):
            # loaddata saves "raw" and then sets many-to-many relations, which history would
            # record as an edit: a restored backup must bring back its history unchanged.
            if raw:
                instance.skip_history_when_saving = True

        pre_save.connect(no_history_for_raw_saves, weak=False)
